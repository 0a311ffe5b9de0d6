import fc from 'fast-check';
import { source, transfer } from '@tm/testing';
import {
  accumulateLedger,
  accumulateLedgerClaim,
  foldLedger,
  ledgerAccumulatorFromJson,
  ledgerAccumulatorToJson,
  ledgerRowOf,
} from './ledger';
import { foldReport, type ClaimState, type FoldableEvent } from './report-state';

/** Claim states of one report whose transfers (same ledger key) carry these quantities and USD amounts. */
function states(values: number[]): ClaimState[] {
  const claims = values.map((v, i) =>
    transfer(`c${i}`, { quantity: { value: v, unit: 'units', qualifier: 'exact' }, value: { amount: v, currency: 'USD' } }),
  );
  const event: FoldableEvent = {
    type: 'ReportSubmitted',
    payload: { reportId: 'r1', source: source('WSJ'), sourceReliability: 'B', claims },
    version: 1,
    globalPosition: 1,
    recordedAt: new Date(Date.UTC(2023, 2, 1)),
  };
  return foldReport([event])!.claims;
}
const supplierRow = (values: number[]) => foldLedger(states(values)).find((r) => r.direction === 'supplier')!;

describe('ledger sums: exact, and a row of one claim shows its value as sent', () => {
  // JSON's 123456789.123456789 reads as the nearest double, 123456789.12345679; the ledger must show that, not 123456789.123457.
  it.each([1e-9, 5e-7, 0.30000000000000004, Number('123456789.123456789'), 1e15, 5e-324, 0, 7])(
    'one claim of %p: quantity and amount as sent',
    (v) => {
      const row = supplierRow([v]);
      expect(row.quantities).toEqual([{ unit: 'units', min: v, max: v, claims: 1, openEnded: false }]);
      expect(row.values).toEqual([{ currency: 'USD', amount: v }]);
    },
  );

  it('sums the values as written, in decimal: 0.1 + 0.2 is 0.3, 1e9 + 0.01 − nothing lost, 1e-9 + 1e-9 is 2e-9', () => {
    expect(supplierRow([0.1, 0.2]).values).toEqual([{ currency: 'USD', amount: 0.3 }]);
    expect(supplierRow([1e9, 0.01]).quantities[0]).toMatchObject({ min: 1000000000.01, max: 1000000000.01 });
    expect(supplierRow([1e-9, 1e-9]).values).toEqual([{ currency: 'USD', amount: 2e-9 }]);
  });

  it('taking a claim out gives back exactly the sum without it, and equal JSON (any values, any order)', () => {
    const value = fc.oneof(fc.double({ min: 0, max: 1e15, noNaN: true }), fc.constantFrom(1e-9, 5e-7, 0.1, 0.2, 5e-324));
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 6 }), (values) => {
        const all = states(values);
        const [first, ...rest] = all;
        const withAll = [...accumulateLedger(all).values()].find((a) => a.key.direction === 'supplier')!;
        const json = ledgerAccumulatorToJson(withAll);
        const acc = ledgerAccumulatorFromJson(JSON.parse(JSON.stringify(json)));
        accumulateLedgerClaim(acc, first, -1);
        const fresh = [...accumulateLedger(rest).values()].find((a) => a.key.direction === 'supplier')!;
        expect(ledgerAccumulatorToJson(acc)).toEqual(ledgerAccumulatorToJson(fresh));
        expect(ledgerRowOf(acc)).toEqual(ledgerRowOf(fresh));
      }),
      { numRuns: 300 },
    );
  });

  it('reads an accumulator stored in millionths (before sums were exact) as those millionths', () => {
    const acc = [...accumulateLedger(states([2.5])).values()].find((a) => a.key.direction === 'supplier')!;
    const json = ledgerAccumulatorToJson(acc) as {
      quantities: [string, Record<string, unknown>][];
      values: [string, Record<string, unknown>][];
    };
    json.quantities[0][1] = { ...json.quantities[0][1], min: '2500000', max: '2500000' };
    json.values[0][1] = { ...json.values[0][1], amount: '2500000' };
    const row = ledgerRowOf(ledgerAccumulatorFromJson(json))!;
    expect(row.quantities[0]).toMatchObject({ min: 2.5, max: 2.5 });
    expect(row.values).toEqual([{ currency: 'USD', amount: 2.5 }]);
  });
});
