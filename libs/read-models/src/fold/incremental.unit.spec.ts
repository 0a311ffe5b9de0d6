import fc from 'fast-check';
import type { Claim, InformationCredibility, TransferClaim } from '@tm/domain';
import { source, transfer } from '@tm/testing';
import {
  accumulateEntities,
  accumulateEntityClaim,
  directoryEntityOf,
  entityAccumulatorFromJson,
  entityAccumulatorToJson,
  foldEntities,
} from './entities';
import {
  accumulateLedger,
  accumulateLedgerClaim,
  emptyLedgerAccumulator,
  foldLedger,
  ledgerAccumulatorFromJson,
  ledgerAccumulatorToJson,
  ledgerKeysOf,
  ledgerKeyString,
  ledgerRowOf,
} from './ledger';
import type { ClaimState, ClaimStatus } from './report-state';

/** Random claim states over a small space of keys, so rows collect several claims and statuses move claims between rows. */
const claimState = fc
  .record({
    reportId: fc.constantFrom('r1', 'r2', 'r3', 'r1-x'),
    claimId: fc.constantFrom('c1', 'c2', 'c3'),
    status: fc.constantFrom<ClaimStatus>('active', 'disputed', 'denied', 'retracted'),
    credibility: fc.integer({ min: 1, max: 6 }) as fc.Arbitrary<InformationCredibility>,
    publishers: fc.uniqueArray(fc.constantFrom('WSJ', 'wsj ', 'Der Spiegel', 'Politico'), { minLength: 1, maxLength: 3 }),
    stage: fc.constantFrom<TransferClaim['stage']>('delivered', 'pledged'),
    quantity: fc.option(
      fc.record({
        value: fc.double({ min: 0.1, max: 1e6, noNaN: true }),
        unit: fc.constantFrom('units', 'kg'),
        qualifier: fc.constantFrom('exact', 'at-least', 'per-month'),
      }),
      { nil: undefined },
    ),
    value: fc.option(fc.record({ amount: fc.double({ min: 0.01, max: 1e9, noNaN: true }), currency: fc.constantFrom('USD', 'CNY') }), {
      nil: undefined,
    }),
    day: fc.integer({ min: 1, max: 28 }),
    supplierEntity: fc.option(fc.constantFrom('Xi’an Bingo', 'xi’an bingo', 'Poly Technologies', '__proto__'), { nil: undefined }),
    item: fc.constantFrom('strike drones', 'GNSS modules', 'constructor'),
  })
  .map((r): ClaimState => {
    const claim: Claim = transfer(r.claimId, {
      stage: r.stage,
      item: { description: r.item, hsCode: r.item === 'GNSS modules' ? '852691' : undefined },
      quantity: r.quantity as TransferClaim['quantity'],
      value: r.value,
      date: { edtf: '2023-02', earliest: `2023-02-${String(r.day).padStart(2, '0')}`, latest: '2023-02-28', precision: 'month' },
      supplier: { country: 'CN', ...(r.supplierEntity ? { entity: { name: r.supplierEntity, type: 'company' as const } } : {}) },
      credibility: r.credibility,
    });
    return {
      reportId: r.reportId,
      claimId: r.claimId,
      claim,
      status: r.status,
      credibility: r.credibility,
      source: source(r.publishers[0]),
      sourceReliability: 'B',
      evidence: [],
      publishers: r.publishers,
      amendments: [],
      updatedAt: '2023-03-01T00:00:00.000Z',
    };
  });

/** One claim per (report, claim) id, as in `claim_states`. */
const distinctClaims = fc.uniqueArray(claimState, { selector: (s) => `${s.reportId}/${s.claimId}`, maxLength: 12 });

describe('incremental ledger and directory folds', () => {
  it('apply −old +new changes so the rows equal a fresh fold of the claims as they now stand, whatever the order', () => {
    fc.assert(
      fc.property(distinctClaims, fc.array(claimState, { maxLength: 12 }), (initial, changes) => {
        const current = new Map(initial.map((s) => [`${s.reportId}/${s.claimId}`, s]));
        // Round-trip through JSON as the projection stores the accumulators.
        let ledger = new Map(
          [...accumulateLedger(current.values())].map(([k, acc]) => [
            k,
            ledgerAccumulatorFromJson(JSON.parse(JSON.stringify(ledgerAccumulatorToJson(acc)))),
          ]),
        );
        let entities = new Map(
          [...accumulateEntities(current.values())].map(([k, acc]) => [
            k,
            entityAccumulatorFromJson(JSON.parse(JSON.stringify(entityAccumulatorToJson(acc)))),
          ]),
        );
        for (const next of changes) {
          const id = `${next.reportId}/${next.claimId}`;
          const previous = current.get(id);
          for (const [state, sign] of [...(previous ? [[previous, -1] as const] : []), [next, 1] as const]) {
            for (const key of ledgerKeysOf(state)) {
              const k = ledgerKeyString(key);
              if (!ledger.has(k)) ledger.set(k, emptyLedgerAccumulator(key));
              accumulateLedgerClaim(ledger.get(k)!, state, sign);
            }
            accumulateEntityClaim(entities, state, sign);
          }
          current.set(id, next);
        }
        ledger = new Map([...ledger].sort(([a], [b]) => (a < b ? -1 : 1)));
        entities = new Map([...entities].sort(([a], [b]) => (a < b ? -1 : 1)));
        // Stored rows leave out the lists of reports and claims behind them (readers add them from claim_states).
        const fresh = foldLedger([...current.values()].reverse()).map(({ reportIds: _r, claimRefs: _c, ...row }) => row);
        expect([...ledger.values()].flatMap((acc) => ledgerRowOf(acc) ?? [])).toEqual(fresh);
        const freshEntities = foldEntities(current.values()).map(({ reportIds: _r, reportCount: _n, ...entry }) => entry);
        expect([...entities.values()].flatMap((acc) => directoryEntityOf(acc) ?? [])).toEqual(freshEntities);
      }),
      { numRuns: 300 },
    );
  });

  it('keep user-written names such as __proto__ as data', () => {
    const [row] = foldLedger([
      {
        ...(accumulateLedger([]), {}),
        reportId: 'r',
        claimId: 'c',
        claim: transfer('c', { item: { description: '__proto__' } }),
        status: 'active',
        credibility: 2,
        source: source('X'),
        sourceReliability: 'A',
        evidence: [],
        publishers: ['__proto__'],
        amendments: [],
        updatedAt: '',
      } as ClaimState,
    ]);
    expect(row.items).toEqual(['__proto__']);
    expect(row.independentSources).toBe(1);
  });
});
