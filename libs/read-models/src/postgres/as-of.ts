import type { ClientBase, Pool } from 'pg';
import { REPORT_STREAM_TYPE } from '@tm/domain';
import { checkpointOf, inTransaction, readAll, START, type Checkpoint } from '@tm/event-store';
import { sortClaimStates } from '../fold/ledger';
import { applyReportEvent, ProjectionRuleError, type ClaimState, type ReportState } from '../fold/report-state';

/** What `asOf` resolved to: the last event known at that moment, and how many report events were folded. */
export interface AsOfResult {
  /** Global position of the last event taken (0 when the store held none yet). */
  globalPosition: number;
  /** Its recording time, ISO 8601. */
  recordedAt?: string;
  eventsFolded: number;
  /** Claim states as they stood, sorted by report and claim id. */
  claims: ClaimState[];
}

/**
 * The checkpoint of the last event recorded at or before `at` (in the read order), or undefined when none was.
 * Uses `recorded_at`, the time the event store took the event: the moment of knowledge, not of the facts.
 */
export async function checkpointAt(pool: Pool | ClientBase, at: Date): Promise<Checkpoint | undefined> {
  // The text alias must not be named `transaction_id`: ORDER BY would sort the text ('9994' after '42257'), not the xid8.
  const { rows } = await pool.query<{ xid_text: string; global_position: string }>(
    `SELECT transaction_id::text AS xid_text, global_position FROM events WHERE recorded_at <= $1 ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    [at],
  );
  return rows[0] ? { transactionId: rows[0].xid_text, globalPosition: Number(rows[0].global_position) } : undefined;
}

/**
 * Claim states as they stood when the event store held exactly the events up to `upTo` (a global position, or a
 * time resolved with {@link checkpointAt}), folded in memory from the event store with the projection's own fold.
 * Events the fold refuses are skipped, as the live projection dead-letters them.
 * Reads in one REPEATABLE READ snapshot and takes every committed event up to the target, not only those below the
 * readable horizon: a long transaction elsewhere (a list import) must not make the answer lack events it claims.
 * @param upTo a global position (number) or a moment (Date).
 */
export async function claimStatesAsOf(pool: Pool, upTo: number | Date, batchSize = 10_000): Promise<AsOfResult> {
  return inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return foldUpTo(client, upTo, batchSize);
  });
}

async function foldUpTo(client: ClientBase, upTo: number | Date, batchSize: number): Promise<AsOfResult> {
  const target = typeof upTo === 'number' ? await checkpointAtOrBefore(client, upTo) : await checkpointAt(client, upTo);
  if (!target) return { globalPosition: 0, eventsFolded: 0, claims: [] };
  const reports = new Map<string, ReportState>();
  let after = START;
  let folded = 0;
  let recordedAt: Date | undefined;
  for (;;) {
    const events = await readAll(client, after, batchSize, { upTo: target, visibility: 'snapshot' });
    if (events.length === 0) break;
    for (const event of events) {
      recordedAt = event.recordedAt;
      if (event.streamType !== REPORT_STREAM_TYPE) continue;
      const reportId = event.streamId.slice(REPORT_STREAM_TYPE.length + 1);
      try {
        reports.set(reportId, applyReportEvent(reports.get(reportId), event));
        folded += 1;
      } catch (error) {
        if (!(error instanceof ProjectionRuleError)) throw error;
      }
    }
    const last = events[events.length - 1];
    after = { transactionId: last.transactionId, globalPosition: last.globalPosition };
  }
  return {
    globalPosition: target.globalPosition,
    ...(recordedAt ? { recordedAt: recordedAt.toISOString() } : {}),
    eventsFolded: folded,
    claims: sortClaimStates([...reports.values()].flatMap((r) => r.claims)),
  };
}

/** The checkpoint of the event at `position`, or of the last one before it when that position holds none. */
async function checkpointAtOrBefore(db: ClientBase, position: number): Promise<Checkpoint | undefined> {
  const exact = await checkpointOf(db, position);
  if (exact) return exact;
  const { rows } = await db.query<{ global_position: string }>(
    `SELECT max(global_position) AS global_position FROM events WHERE global_position <= $1`,
    [position],
  );
  return rows[0]?.global_position ? checkpointOf(db, Number(rows[0].global_position)) : undefined;
}
