import type { Pool } from 'pg';
import { REPORT_STREAM_TYPE, reportStreamId, type Quantity, type ReportEvent, type TransferClaim } from '@tm/domain';
import { appendToStream, inTransaction } from '@tm/event-store';
import { evidence, readableEvents, source, transfer, useTestDatabase } from '@tm/testing';
import { foldFlows, type FlowFilter } from '../fold/flows';
import type { ClaimState } from '../fold/report-state';
import { readFlows } from './flows';
import { projectLiveEvents } from './live-projection';
import { activeProjectionVersion } from './projection-versions';

async function append(pool: Pool, reportId: string, events: ReportEvent[]): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ version: string }>('SELECT version FROM streams WHERE stream_id = $1', [
      reportStreamId(reportId),
    ]);
    await appendToStream(
      client,
      reportStreamId(reportId),
      REPORT_STREAM_TYPE,
      rows[0] ? Number(rows[0].version) : 'no-stream',
      events.map((e) => ({ type: e.type, schemaVersion: 1, payload: e.payload })),
    );
  });
}

const COUNTRIES = ['CN', 'RU', 'BY', 'IR', 'KP'];
const QUANTITIES: (Quantity | undefined)[] = [
  { value: 10, unit: 'units', qualifier: 'exact' },
  { value: 0.1, unit: 'units', qualifier: 'approximately' },
  { value: 2.0000005, unit: 'tonnes', qualifier: 'exact' },
  { min: 5, max: 12.5, unit: 'units', qualifier: 'approximately' },
  { min: 100, unit: 'units', qualifier: 'at-least' },
  { min: 7, unit: 'rounds', qualifier: 'at-most' },
  { value: 3, unit: 'units', qualifier: 'per-month' },
  { value: 1e-7, unit: 'kg', qualifier: 'exact' },
  undefined,
];
const DATES: (TransferClaim['date'] | undefined)[] = [
  { edtf: '2023-02', earliest: '2023-02-01', latest: '2023-02-28', precision: 'month' },
  { edtf: '2022-12/2023-01', earliest: '2022-12-01', latest: '2023-01-31', precision: 'month' },
  { edtf: '[..2023-04]', phrase: 'by April 2023', earliest: '-infinity', latest: '2023-04-30', precision: 'open' },
  { edtf: '2024-03-01/..', earliest: '2024-03-01', latest: 'infinity', precision: 'open' },
  undefined,
];
const ITEMS: TransferClaim['item'][] = [
  { description: 'strike drones', sipriCategory: 'Aircraft' },
  { description: 'shells', sipriCategory: 'Artillery' },
  { description: 'navigation modules', hsCode: '8526.91' },
  { description: 'spare parts' },
];
const STAGES = ['delivered', 'pledged', 'under-negotiation', 'shipped'] as const;

/** Claim i of a varied set: every quantity shape, open and missing dates, categories by several schemes. */
function claimOf(i: number): TransferClaim {
  const supplier = COUNTRIES[i % COUNTRIES.length]!;
  const recipient = COUNTRIES[(i * 3 + 1) % COUNTRIES.length]!;
  const quantity = QUANTITIES[i % QUANTITIES.length];
  const date = DATES[(i >> 1) % DATES.length];
  const claim = transfer(`c${i}`, {
    supplier: { country: supplier },
    recipient: { country: recipient === supplier ? 'UA' : recipient },
    item: ITEMS[(i >> 2) % ITEMS.length]!,
    stage: STAGES[i % STAGES.length]!,
    credibility: ((i % 6) + 1) as TransferClaim['credibility'],
  });
  delete claim.quantity;
  delete claim.date;
  return { ...claim, ...(quantity ? { quantity } : {}), ...(date ? { date } : {}) };
}

describe('readFlows: flows totalled in PostgreSQL equal the fold of the same claim states (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let schema: string;
  let states: ClaimState[];

  beforeAll(async () => {
    for (let r = 0; r < 12; r++) {
      const reportId = `flows-${r}`;
      const claims = Array.from({ length: 6 }, (_, k) => claimOf(r * 6 + k));
      const events: ReportEvent[] = [
        { type: 'ReportSubmitted', payload: { reportId, source: source(`Outlet ${r % 4}`), sourceReliability: 'B', claims } },
      ];
      if (r % 5 === 1)
        events.push({
          type: 'ClaimAmended',
          payload: { reportId, claim: { ...claimOf(r * 6 + 40), claimId: claims[1]!.claimId }, reason: 'fix' },
        });
      if (r % 4 === 2)
        events.push({ type: 'EvidenceAdded', payload: { reportId, evidence: evidence(claims[0]!.claimId, 'denies', 'Other') } });
      if (r % 6 === 3) events.push({ type: 'ReportRetracted', payload: { reportId, reason: 'withdrawn' } });
      await append(db.pool, reportId, events);
    }
    const events = await readableEvents(db.pool);
    expect(await projectLiveEvents(db.pool, events)).toBe(events.length);
    schema = (await activeProjectionVersion(db.pool)).schemaName;
    states = (await db.pool.query<{ state: ClaimState }>(`SELECT state FROM ${schema}.claim_states`)).rows.map((r) => r.state);
  });

  const filters: FlowFilter[] = [
    {},
    ...COUNTRIES.flatMap((country) => (['supplier', 'recipient', 'both'] as const).map((direction) => ({ country, direction }))),
    { country: 'UA' },
    { category: 'Aircraft' },
    { category: 'navigation-and-radar' },
    { stage: 'pledged' },
    { status: 'retracted' },
    { status: 'denied' },
    { status: 'active' },
    { minCredibility: 2 },
    { minCredibility: 6 },
    { from: '2023-03-01' },
    { to: '2023-01-15' },
    { from: '2023-01-01', to: '2023-02-15' },
    { from: '2030-01-01' },
    { country: 'CN', direction: 'supplier', category: 'artillery', stage: 'delivered', minCredibility: 4, from: '2022-01-01' },
  ];

  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('filter %s', async (_, filter) => {
    const answer = await readFlows(db.pool, schema, filter, 42);
    expect(answer.position).toBe(42);
    expect(answer.rows).toEqual(foldFlows(states, filter));
  });

  it('covers what it claims to: several units and years, open-ended and fractional totals, retracted and denied claims', () => {
    const rows = foldFlows(states, {});
    const units = new Set(rows.flatMap((r) => r.quantity.map((q) => q.unit)));
    expect([...units].sort()).toEqual(['kg', 'rounds', 'tonnes', 'units', 'units/month']);
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set([2022, 2023, 2024, null]));
    expect(rows.some((r) => r.quantity.some((q) => q.openEnded))).toBe(true);
    expect(states.some((s) => s.status === 'retracted')).toBe(true);
    expect(states.some((s) => s.status === 'denied')).toBe(true);
    expect(foldFlows(states, { status: 'retracted' }).length).toBeGreaterThan(0);
  });
});
