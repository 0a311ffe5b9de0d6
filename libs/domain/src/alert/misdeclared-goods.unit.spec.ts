import fc from 'fast-check';
import { ASSISTANCE_TYPES, DECLARED_USES, type Item } from '../report/model';
import { decideMisdeclaredGoods } from './misdeclared-goods';

describe('misdeclared-goods rule', () => {
  it("the article's case: Su-27 parts declared civil-aviation, SIPRI Aircraft and ML10", () => {
    const d = decideMisdeclaredGoods({
      assistanceType: 'dual-use',
      item: {
        description: 'spare parts for Su-27 fighter aircraft',
        designation: 'Su-27',
        sipriCategory: 'Aircraft',
        euMilitaryListCategory: 'ML10',
        declaredAs: 'civil-aviation',
      },
    });
    expect(d.action).toBe('alert');
    if (d.action !== 'alert') return;
    expect(d.basis.signals).toEqual(['eu-military-list:ML10', 'sipri:Aircraft']);
    expect(d.basis.notes[0]).toBe('spare parts for Su-27 fighter aircraft, Su-27: declared civil-aviation, while these say military:');
  });

  it('HS chapter 93, 87.10 and 8906.10 are military; a CHPL tier or dual-use category alone is not', () => {
    const civ = (item: Partial<Item>, assistanceType: (typeof ASSISTANCE_TYPES)[number] = 'economic') =>
      decideMisdeclaredGoods({ assistanceType, item: { description: 'x', declaredAs: 'civilian', ...item } });
    expect(civ({ hs6: '930190' }).action).toBe('alert');
    expect(civ({ hs6: '871000' }).action).toBe('alert');
    expect(civ({ hs6: '890610' }).action).toBe('alert');
    expect(civ({ hs6: '890690' })).toEqual({ action: 'none', why: 'nothing-military' });
    expect(civ({ hs6: '854231', chplTier: '1', dualUseCategory: '3' })).toEqual({ action: 'none', why: 'nothing-military' });
    expect(civ({}, 'military').action === 'alert' && civ({}, 'military')).toMatchObject({
      basis: { signals: ['assistance-type:military'] },
    });
  });

  it('fast-check: alerted iff declared civilian and some military signal', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...DECLARED_USES), { nil: undefined }),
        fc.option(fc.constantFrom('ML10', 'ML4'), { nil: undefined }),
        fc.option(fc.constantFrom('Aircraft', 'Missiles'), { nil: undefined }),
        fc.option(fc.constantFrom('930190', '871000', '880730', '854231'), { nil: undefined }),
        fc.constantFrom(...ASSISTANCE_TYPES),
        (declaredAs, ml, sipri, hs6, assistanceType) => {
          const item: Item = {
            description: 'item',
            ...(declaredAs ? { declaredAs } : {}),
            ...(ml ? { euMilitaryListCategory: ml } : {}),
            ...(sipri ? { sipriCategory: sipri } : {}),
            ...(hs6 ? { hs6 } : {}),
          };
          const military = !!ml || !!sipri || (!!hs6 && /^(93|8710)/.test(hs6)) || assistanceType === 'military';
          const civilian = declaredAs === 'civilian' || declaredAs === 'civil-aviation';
          expect(decideMisdeclaredGoods({ item, assistanceType }).action === 'alert').toBe(civilian && military);
        },
      ),
    );
  });
});
