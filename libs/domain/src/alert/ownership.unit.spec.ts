import fc from 'fast-check';
import { decideOwnership, OWNERSHIP_THRESHOLD, type Holding } from './ownership';

const party = { id: 'NK-abdzbEBkqyT29GyREbiURZ', name: 'LLC CST' };
const holding = (entryId: string, kind: Holding['relation']['kind'], share?: number, endDate?: string): Holding => ({
  holder: { listId: 'opensanctions', entryId, name: entryId, programs: ['RUSSIA-EO14024'] },
  listVersion: '2026-04-01',
  relation: {
    kind,
    party: { id: party.id, name: party.name, names: [party.name], countries: ['RU'], schema: 'Organization' },
    ...(share !== undefined ? { share } : {}),
    ...(endDate ? { endDate } : {}),
  },
});

const holdings = fc.array(
  fc.record({
    owner: fc.constantFrom('A', 'B', 'C', 'D'),
    kind: fc.constantFrom<Holding['relation']['kind']>('owns', 'owns', 'owns', 'directs', 'linked'),
    share: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    endDate: fc.option(fc.constantFrom('2019-08-02', '2026-04-01', '2030-01-01'), { nil: undefined }),
  }),
  { maxLength: 8 },
);
const toHoldings = (hs: Array<{ owner: string; kind: Holding['relation']['kind']; share?: number; endDate?: string }>) =>
  hs.map((h) => holding(h.owner, h.kind, h.share, h.endDate));

/** The rule written out plainly: each owner's largest share in force, summed, capped at 100. */
function reference(hs: Holding[]): { share: number; directed: boolean; linked: boolean } {
  const inForce = hs.filter((h) => !h.relation.endDate || h.relation.endDate > h.listVersion);
  const best = new Map<string, number>();
  for (const h of inForce)
    if (h.relation.kind === 'owns') best.set(h.holder.entryId, Math.max(best.get(h.holder.entryId) ?? 0, h.relation.share ?? 0));
  return {
    share: Math.min(
      100,
      [...best.values()].reduce((a, b) => a + b, 0),
    ),
    directed: inForce.some((h) => h.relation.kind === 'directs'),
    linked: inForce.some((h) => h.relation.kind === 'linked'),
  };
}

describe('ownership and control rule: decideOwnership', () => {
  it('aggregates listed owners in force (OFAC 50 % rule) and names the path party ← share ← owner (designation)', () => {
    const decision = decideOwnership(party, [
      holding('ZAKHAROV', 'owns', 51),
      holding('ZAKHAROV', 'owns', 50, '2023-03-02'),
      holding('KALASHNIKOV', 'owns', 49),
    ]);
    expect(decision).toMatchObject({ action: 'alert', basis: { aggregatedShare: 100, grounds: ['owned'], threshold: 50 } });
    if (decision.action !== 'alert') throw new Error('no alert');
    expect(decision.basis.holders.map((h) => h.path)).toEqual([
      'LLC CST ← 51 % ← ZAKHAROV (opensanctions ZAKHAROV: RUSSIA-EO14024)',
      'LLC CST ← 49 % ← KALASHNIKOV (opensanctions KALASHNIKOV: RUSSIA-EO14024)',
    ]);
    expect(decision.basis.notCounted).toEqual(['ended 2023-03-02: owns by ZAKHAROV (opensanctions ZAKHAROV) 50 %']);
  });

  it('does not alert below the threshold, through an ended holding or when no listed party holds the party', () => {
    expect(decideOwnership(party, [holding('A', 'owns', 49)])).toEqual({ action: 'none', why: 'below-threshold' });
    expect(decideOwnership(party, [holding('A', 'owns', 100, '2019-08-02')])).toEqual({ action: 'none', why: 'below-threshold' });
    expect(decideOwnership(party, [holding('A', 'owns')])).toEqual({ action: 'none', why: 'below-threshold' });
    expect(decideOwnership(party, [])).toEqual({ action: 'none', why: 'no-holding' });
    // Two owners of 25 % each reach it together; one alone does not.
    expect(decideOwnership(party, [holding('A', 'owns', 25), holding('B', 'owns', 25)])).toMatchObject({ action: 'alert' });
  });

  it('alerts a party directed or linked by a listed party whatever the share', () => {
    expect(decideOwnership(party, [holding('A', 'directs')])).toMatchObject({ action: 'alert', basis: { grounds: ['directed'] } });
    expect(decideOwnership(party, [holding('A', 'linked'), holding('B', 'owns', 10)])).toMatchObject({
      action: 'alert',
      basis: { grounds: ['linked'], aggregatedShare: 10 },
    });
  });

  it('alerts exactly when the aggregated share in force reaches the threshold or a listed party directs or links it', () => {
    fc.assert(
      fc.property(holdings, (hs) => {
        const h = toHoldings(hs);
        const ref = reference(h);
        const decision = decideOwnership(party, h);
        expect(decision.action === 'alert').toBe(ref.share >= OWNERSHIP_THRESHOLD || ref.directed || ref.linked);
        if (decision.action === 'alert') {
          expect(decision.basis.aggregatedShare).toBe(ref.share);
          expect(decision.basis.grounds.includes('owned')).toBe(ref.share >= OWNERSHIP_THRESHOLD);
        }
      }),
    );
  });

  it('does not depend on the order of the holdings', () => {
    fc.assert(
      fc.property(holdings, fc.integer(), (hs, seed) => {
        const h = toHoldings(hs);
        const shuffled = [...h].sort((a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 31 + seed) % 7));
        expect(decideOwnership(party, shuffled)).toEqual(decideOwnership(party, h));
        expect(decideOwnership(party, [...h].reverse())).toEqual(decideOwnership(party, h));
      }),
    );
  });

  it('delisting an owner (its holdings leave) never raises the share, and an ended holding never counts', () => {
    fc.assert(
      fc.property(holdings, fc.constantFrom('A', 'B', 'C', 'D'), (hs, delisted) => {
        const h = toHoldings(hs);
        const share = (d: ReturnType<typeof decideOwnership>) => (d.action === 'alert' ? d.basis.aggregatedShare : -1);
        const after = decideOwnership(
          party,
          h.filter((x) => x.holder.entryId !== delisted),
        );
        if (after.action === 'alert' && after.basis.grounds.includes('owned'))
          expect(share(after)).toBeLessThanOrEqual(share(decideOwnership(party, h)));
        const ended = h.map((x) => ({ ...x, relation: { ...x.relation, endDate: '2000-01-01' } }));
        expect(decideOwnership(party, ended).action).toBe('none');
      }),
    );
  });
});
