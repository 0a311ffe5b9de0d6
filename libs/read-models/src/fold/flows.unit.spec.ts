import fc from 'fast-check';
import type { TransferStage } from '@tm/domain';
import { evidence, source, transfer } from '@tm/testing';
import { foldFlows, flowKeyString, type FlowRow } from './flows';
import { foldLedger } from './ledger';
import { foldReport, type ClaimState, type FoldableEvent } from './report-state';

let position = 0;
function event(type: string, payload: unknown, version: number): FoldableEvent {
  position += 1;
  return { type, payload, version, globalPosition: position, recordedAt: new Date(Date.UTC(2023, 2, 1, 0, 0, position)) };
}
function claimsOf(reportId: string, claims: ReturnType<typeof transfer>[], later: [string, unknown][] = []): ClaimState[] {
  const events = [
    event('ReportSubmitted', { reportId, source: source('WSJ'), sourceReliability: 'B', claims }, 1),
    ...later.map(([type, payload], i) => event(type, payload, i + 2)),
  ];
  return foldReport(events)!.claims;
}
const day = (d: string) => ({ edtf: d, earliest: d, latest: d, precision: 'day' as const });

describe('flows fold', () => {
  it('counts each transfer claim once per supplier × recipient × category × stage × year of its earliest date, quantities per unit', () => {
    const states = claimsOf('r1', [
      transfer('a', { date: day('2023-02-01'), quantity: { value: 10, unit: 'units', qualifier: 'exact' } }),
      transfer('b', { date: day('2023-11-30'), quantity: { min: 5, max: 8, unit: 'units', qualifier: 'approximately' } }),
      transfer('c', { date: { edtf: '2022-12/2023-01', earliest: '2022-12-01', latest: '2023-01-31', precision: 'interval' } }),
      transfer('d', { date: undefined, stage: 'pledged' }),
    ]);
    expect(foldFlows(states)).toEqual<FlowRow[]>([
      {
        supplier: 'CN',
        recipient: 'RU',
        category: 'aircraft',
        stage: 'delivered',
        year: 2022,
        claims: 1,
        quantity: [{ unit: 'units', min: 10, max: 10, claims: 1, openEnded: false }],
      },
      {
        supplier: 'CN',
        recipient: 'RU',
        category: 'aircraft',
        stage: 'delivered',
        year: 2023,
        claims: 2,
        quantity: [{ unit: 'units', min: 15, max: 18, claims: 2, openEnded: false }],
      },
      {
        supplier: 'CN',
        recipient: 'RU',
        category: 'aircraft',
        stage: 'pledged',
        year: null,
        claims: 1,
        quantity: [{ unit: 'units', min: 10, max: 10, claims: 1, openEnded: false }],
      },
    ]);
  });

  it('leaves retracted claims out unless their status is asked for; denied and disputed ones count', () => {
    const states = claimsOf(
      'r1',
      [transfer('a'), transfer('b'), transfer('c')],
      [
        ['EvidenceAdded', { reportId: 'r1', evidence: evidence('a', 'retracts', 'WSJ') }],
        ['EvidenceAdded', { reportId: 'r1', evidence: evidence('b', 'denies', 'Bingo') }],
      ],
    );
    expect(foldFlows(states).map((f) => f.claims)).toEqual([2]);
    expect(foldFlows(states, { status: 'retracted' }).map((f) => f.claims)).toEqual([1]);
    expect(foldFlows(states, { status: 'active' }).map((f) => f.claims)).toEqual([1]);
  });

  it("filters by the country's side, category (any case), stage, credibility and reported dates", () => {
    const states = claimsOf('r1', [
      transfer('a', { supplier: { country: 'IR' }, recipient: { country: 'RU' }, credibility: 2 }),
      transfer('b', { supplier: { country: 'RU' }, recipient: { country: 'BY' }, stage: 'shipped', date: day('2024-05-05') }),
    ]);
    const pairs = (rows: FlowRow[]) => rows.map((f) => `${f.supplier}>${f.recipient}`);
    expect(pairs(foldFlows(states, { country: 'RU' }))).toEqual(['IR>RU', 'RU>BY']);
    expect(pairs(foldFlows(states, { country: 'RU', direction: 'both' }))).toEqual(['IR>RU', 'RU>BY']);
    expect(pairs(foldFlows(states, { country: 'RU', direction: 'supplier' }))).toEqual(['RU>BY']);
    expect(pairs(foldFlows(states, { country: 'RU', direction: 'recipient' }))).toEqual(['IR>RU']);
    expect(pairs(foldFlows(states, { category: 'AIRCRAFT', stage: 'shipped' }))).toEqual(['RU>BY']);
    expect(pairs(foldFlows(states, { minCredibility: 2 }))).toEqual(['IR>RU']);
    expect(pairs(foldFlows(states, { from: '2024-01-01', to: '2024-12-31' }))).toEqual(['RU>BY']);
  });

  it('agrees with the ledger: per supplier, recipient, category and stage, the flows over the years hold the claims of the standing supplier-side rows, in any claim order', () => {
    const countries = fc.constantFrom('CN', 'RU', 'IR', 'BY');
    const stages = fc.constantFrom<TransferStage>('alleged', 'pledged', 'delivered');
    const claim = fc.record({
      supplier: countries,
      recipient: countries,
      stage: stages,
      year: fc.option(fc.integer({ min: 2019, max: 2025 })),
      value: fc.integer({ min: 0, max: 1000 }),
      retracted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 30 }), fc.nat(), (drawn, seed) => {
        const built = drawn.map((c, i) =>
          transfer(`c${i}`, {
            supplier: { country: c.supplier },
            recipient: { country: c.recipient },
            stage: c.stage,
            date: c.year === null ? undefined : day(`${c.year}-06-15`),
            quantity: { value: c.value, unit: 'units', qualifier: 'exact' },
          }),
        );
        const retractions = drawn.flatMap((c, i): [string, unknown][] =>
          c.retracted ? [['EvidenceAdded', { reportId: 'r', evidence: evidence(`c${i}`, 'retracts', 'WSJ') }]] : [],
        );
        const states = drawn.length ? claimsOf('r', built, retractions) : [];
        const flows = foldFlows(states);
        const shuffled = [...states].sort(
          (a, b) => ((a.claimId.length * 31 + seed) % 7) - ((b.claimId.length * 31 + seed) % 7) || (a.claimId < b.claimId ? 1 : -1),
        );
        expect(foldFlows(shuffled)).toEqual(flows);
        expect(flows.map(flowKeyString)).toEqual([...flows.map(flowKeyString)].sort());
        const fromFlows = new Map<string, [number, number]>();
        for (const f of flows) {
          const k = `${f.supplier}|${f.recipient}|${f.category}|${f.stage}`;
          const [n, q] = fromFlows.get(k) ?? [0, 0];
          fromFlows.set(k, [n + f.claims, q + (f.quantity[0]?.min ?? 0)]);
        }
        const fromLedger = new Map<string, [number, number]>();
        for (const row of foldLedger(states)) {
          if (row.direction !== 'supplier' || row.status === 'retracted') continue;
          const k = `${row.country}|${row.counterparty}|${row.itemCategory}|${row.stage}`;
          const [n, q] = fromLedger.get(k) ?? [0, 0];
          fromLedger.set(k, [n + row.claimCount, q + (row.quantities[0]?.min ?? 0)]);
        }
        expect(Object.fromEntries(fromFlows)).toEqual(Object.fromEntries(fromLedger));
      }),
      { numRuns: 200 },
    );
  });
});
