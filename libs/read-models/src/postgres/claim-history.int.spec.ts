import type { Pool } from 'pg';
import pino from 'pino';
import { REPORT_STREAM_TYPE, reportStreamId, type ReportEvent } from '@tm/domain';
import { appendToStream, inTransaction, type StoredEvent } from '@tm/event-store';
import { diplomatic, evidence, readableEvents, source, transfer, useTestDatabase } from '@tm/testing';
import { foldFlows, type FlowFilter } from '../fold/flows';
import { claimStatesAsOf } from './as-of';
import { advanceClaimHistory, claimHistoryCheckpoint } from './claim-history';
import { readFlowsAsOf } from './flows';
import { projectLiveEvents } from './live-projection';
import { activeProjectionVersion } from './projection-versions';
import { RebuildService } from './rebuild';

/** Appends events to several streams in one transaction (one transaction id: several events at one checkpoint's xid). */
async function appendTogether(pool: Pool, batches: { reportId: string; events: ReportEvent[] }[]): Promise<void> {
  await inTransaction(pool, async (client) => {
    for (const { reportId, events } of batches) {
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
    }
  });
}

const COUNTRIES = ['CN', 'RU', 'BY', 'IR'];
const FILTERS: FlowFilter[] = [
  {},
  { country: 'CN', direction: 'supplier' },
  { country: 'RU' },
  { status: 'retracted' },
  { status: 'denied' },
  { minCredibility: 3 },
  { stage: 'shipped' },
];

/** Live projection as the projector applies it: runs of `size`, a refused event dead-lettered (skipped) alone. */
async function project(pool: Pool, events: StoredEvent[], size: number): Promise<void> {
  for (let i = 0; i < events.length;) {
    const run = events.slice(i, i + size);
    const applied = await projectLiveEvents(pool, run);
    i += applied === run.length ? run.length : applied + 1;
  }
}

/**
 * For every global position of the store (and a moment between events): the claims and flows `asOf` reads from the
 * history equal those folded from the whole event store.
 */
async function expectHistoryEqualsFold(pool: Pool, head: number): Promise<number> {
  let compared = 0;
  for (let position = 0; position <= head + 1; position++) {
    const fold = await claimStatesAsOf(pool, position, { source: 'fold' });
    const history = await claimStatesAsOf(pool, position);
    expect({ at: position, ...history }).toEqual({ at: position, ...fold });
    for (const country of COUNTRIES) {
      const history = await claimStatesAsOf(pool, position, { country });
      expect({ at: position, country, ...history }).toEqual({
        at: position,
        country,
        ...(await claimStatesAsOf(pool, position, { country, source: 'fold' })),
      });
    }
    for (const filter of FILTERS) {
      const flows = await readFlowsAsOf(pool, position, filter);
      expect({ at: position, filter, ...flows }).toEqual({
        at: position,
        filter,
        rows: foldFlows(fold.claims, filter),
        position: fold.globalPosition,
      });
    }
    compared += 1;
  }
  return compared;
}

describe('asOf from the claim-state history equals the fold of the event store (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let events: StoredEvent[];
  let head: number;

  beforeAll(async () => {
    // Ten reports; amendments (one claim amended twice in one transaction), evidence that denies, a retraction, a
    // refused event (evidence for an unknown claim), reports changed together in one transaction, and a sanctions-list
    // event between them (another stream type: no read model).
    for (let r = 0; r < 10; r++) {
      const reportId = `hist-${r}`;
      const claims = [
        transfer('t1', { supplier: { country: COUNTRIES[r % 4]! }, recipient: { country: COUNTRIES[(r + 1) % 4]! } }),
        r % 3 === 0 ? diplomatic('d1') : transfer('t2', { stage: 'shipped', recipient: { country: 'RU' } }),
      ];
      await appendTogether(pool(), [
        {
          reportId,
          events: [{ type: 'ReportSubmitted', payload: { reportId, source: source(`P${r % 3}`), sourceReliability: 'B', claims } }],
        },
      ]);
    }
    await inTransaction(pool(), (client) =>
      appendToStream(client, 'sanctions-list-test', 'sanctions-list', 'no-stream', [{ type: 'Noted', schemaVersion: 1, payload: {} }]),
    );
    for (let r = 0; r < 10; r++) {
      const reportId = `hist-${r}`;
      const amended = transfer('t1', { supplier: { country: 'BY' }, recipient: { country: 'IR' }, credibility: 4 });
      const events: ReportEvent[] = [
        { type: 'EvidenceAdded', payload: { reportId, evidence: evidence('t1', r % 2 ? 'denies' : 'supports', `O${r}`, 2) } },
      ];
      if (r % 4 === 1) events.push({ type: 'ClaimAmended', payload: { reportId, claim: amended, reason: 'first fix' } });
      if (r % 4 === 1)
        events.push({ type: 'ClaimAmended', payload: { reportId, claim: { ...amended, stage: 'shipped' }, reason: 'second fix' } });
      if (r === 6) events.push({ type: 'ReportRetracted', payload: { reportId, reason: 'fabricated' } });
      await appendTogether(pool(), [{ reportId, events }]);
      if (r === 3)
        await appendTogether(pool(), [
          { reportId, events: [{ type: 'EvidenceAdded', payload: { reportId, evidence: evidence('no-such-claim', 'supports', 'X') } }] },
        ]);
    }
    await appendTogether(pool(), [
      {
        reportId: 'hist-2',
        events: [
          { type: 'ClaimAmended', payload: { reportId: 'hist-2', claim: transfer('t2', { stage: 'delivered' }), reason: 'together' } },
        ],
      },
      { reportId: 'hist-8', events: [{ type: 'ReportRetracted', payload: { reportId: 'hist-8', reason: 'together' } }] },
    ]);
    events = await readableEvents(pool());
    head = events[events.length - 1]!.globalPosition;
  });

  const pool = () => db.pool;

  it('while the projector lags, out of read order (the history checkpoint stays at the first event not applied)', async () => {
    const schema = (await activeProjectionVersion(pool())).schemaName;
    expect(await claimHistoryCheckpoint(pool(), schema)).toEqual({ transactionId: '0', globalPosition: 0 });
    // The first half in order, then odd reports' streams only (another partition ahead), even ones not yet.
    const odd = events.filter(
      (e, i) => i < events.length / 2 || e.streamType !== REPORT_STREAM_TYPE || Number(e.streamId.split('-').at(-1)) % 2 === 1,
    );
    await project(pool(), odd, 3);
    const lagging = await claimHistoryCheckpoint(pool(), schema);
    expect(lagging!.globalPosition).toBeLessThan(head);
    expect(lagging!.globalPosition).toBeGreaterThanOrEqual(events[Math.ceil(events.length / 2) - 1]!.globalPosition);
    expect(await expectHistoryEqualsFold(pool(), head)).toBe(head + 2);
  });

  it('once every event is applied (runs of 4, the refused one dead-lettered), and after a rebuild', async () => {
    const schema = (await activeProjectionVersion(pool())).schemaName;
    await project(pool(), events, 4);
    expect(await claimHistoryCheckpoint(pool(), schema)).toEqual({ transactionId: events.at(-1)!.transactionId, globalPosition: head });
    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.claim_state_history`);
    expect(rows[0]!.n).toBeGreaterThan(10);
    await expectHistoryEqualsFold(pool(), head);
    // From the start again, three events a page: past the sanctions-list event and the refused one, to the head.
    await pool().query(`UPDATE ${schema}.position SET history_xid = '0', history_position = 0`);
    await inTransaction(pool(), (client) => advanceClaimHistory(client, schema, 1_000, 3));
    expect(await claimHistoryCheckpoint(pool(), schema)).toEqual({ transactionId: events.at(-1)!.transactionId, globalPosition: head });
    // And pages growing from 2 events: 2, 4, 5, 5…
    await pool().query(`UPDATE ${schema}.position SET history_xid = '0', history_position = 0`);
    await inTransaction(pool(), (client) => advanceClaimHistory(client, schema, 1_000, 5, 2));
    expect(await claimHistoryCheckpoint(pool(), schema)).toEqual({ transactionId: events.at(-1)!.transactionId, globalPosition: head });

    await new RebuildService(pool(), pino({ level: 'silent' })).rebuild({ batchSize: 7 });
    const rebuilt = (await activeProjectionVersion(pool())).schemaName;
    expect(rebuilt).not.toBe(schema);
    expect(await claimHistoryCheckpoint(pool(), rebuilt)).toEqual({ transactionId: events.at(-1)!.transactionId, globalPosition: head });
    await expectHistoryEqualsFold(pool(), head);
  });

  it('folds the event store for a version without complete history (built before it was kept), and the projector leaves it so', async () => {
    const schema = (await activeProjectionVersion(pool())).schemaName;
    await pool().query(`UPDATE ${schema}.position SET history_xid = NULL, history_position = NULL`);
    await pool().query(`TRUNCATE ${schema}.claim_state_history`);
    await project(pool(), events, 5);
    expect(await claimHistoryCheckpoint(pool(), schema)).toBeUndefined();
    await expectHistoryEqualsFold(pool(), head);
  });
});
