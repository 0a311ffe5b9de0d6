import { isMadeUpCompany, typo, unrelatedNames } from './benchmark-queries';
import { madeUpNames } from './made-up-set';
import { wordKey } from './metrics';
import { paragraphs } from './text-set';

describe('evaluation set helpers', () => {
  it('splits a text into its non-empty paragraphs', () => {
    expect(paragraphs('One.\nTwo.\n\n  Three. \r\n \r\nFour.\n\n\n')).toEqual(['One.', 'Two.', 'Three.', 'Four.']);
  });

  it("draws the benchmark's unrelated names deterministically, none a listed name", () => {
    const first = unrelatedNames(50, []);
    expect(unrelatedNames(50, [])).toEqual(first);
    const listed = [first[0]!];
    expect(unrelatedNames(50, listed)).not.toContain(first[0]);
    expect(first.filter(isMadeUpCompany).length).toBeGreaterThan(10);
    expect(typo('ISLAMIC STATE')).toBe('xSLAMIC STATE');
  });

  it('draws at least 2,000 made-up names in several scripts, the same each run, minus listed ones', () => {
    const { names } = madeUpNames(new Set());
    expect(names.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(names.map((n) => n.script)).size).toBeGreaterThanOrEqual(8);
    expect(madeUpNames(new Set()).names.slice(0, 20)).toEqual(names.slice(0, 20));
    const without = madeUpNames(new Set([wordKey(names[0]!.name)]));
    expect(without.removedAsListed).toContain(names[0]!.name);
  });
});
