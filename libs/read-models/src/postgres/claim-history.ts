import type { ClientBase, Pool } from 'pg';
import { REPORT_STREAM_TYPE } from '@tm/domain';
import { hasReached, type Checkpoint } from '@tm/event-store';
import { applyReportEvent, ProjectionRuleError, type ClaimState, type ReportState } from '../fold/report-state';
import { readReportStates } from './report-states';

/**
 * The checkpoint up to which a version's claim history is complete (`position.history_xid`, `history_position`):
 * every event at or before it in the read order is applied to the version or refused by the fold. Undefined when
 * the version keeps no complete history (built before history was kept: see the `ClaimStateHistory` migration).
 */
export async function claimHistoryCheckpoint(db: Pool | ClientBase, schema: string): Promise<Checkpoint | undefined> {
  const { rows } = await db.query<{ xid_text: string | null; history_position: string | null }>(
    `SELECT history_xid::text AS xid_text, history_position FROM ${schema}.position`,
  );
  const row = rows[0];
  return row?.xid_text == null ? undefined : { transactionId: row.xid_text, globalPosition: Number(row.history_position) };
}

/** Sets the history checkpoint to `to` if it is further in the read order (never back; no-op for a version without history). */
export async function raiseClaimHistoryCheckpoint(client: ClientBase, schema: string, to: Checkpoint): Promise<void> {
  await client.query(
    `UPDATE ${schema}.position SET history_xid = $1::xid8, history_position = $2
      WHERE history_xid IS NOT NULL AND (history_xid, history_position) < ($1::xid8, $2::bigint)`,
    [to.transactionId, to.globalPosition],
  );
}

interface PendingRow {
  xid_text: string;
  global_position: string;
  stream_id: string;
  version: string;
  event_type: string;
  payload: unknown;
  recorded_at: Date;
  pending: boolean;
}

/**
 * Moves the live projection's history checkpoint on, in the caller's transaction (after it applied a run of events):
 * reads the events after the checkpoint in the read order, below the readable horizon (so none can commit later
 * before the new checkpoint), at most `limit`, `firstPage` rows in the first query and up to `pageSize` in the next, and stops before the first report event the version has not applied
 * (its stream's stored version is below the event's) unless the fold refuses it on the stored report state (a
 * refused event is dead-lettered and changes nothing, as `claimStatesAsOf` skips it). Events of other stream types
 * change no read model. Projector partitions applied at different speeds leave the checkpoint at the slowest one.
 */
export async function advanceClaimHistory(
  client: ClientBase,
  schema: string,
  limit = 20_000,
  pageSize = 1_000,
  firstPage = 64,
): Promise<void> {
  const from = await claimHistoryCheckpoint(client, schema);
  if (!from) return;
  let reached = from;
  // Pages, so that a checkpoint held back by a partition behind costs one page per run, not `limit` rows; the first
  // small (the rows after an event still pending are read for nothing: at 400 reports/s, 9 reads per event with 1,000
  // rows a page): `firstPage` rows, then each page twice the last, up to `pageSize`.
  let page = Math.min(firstPage, pageSize);
  for (let read = 0; read < limit; read += page, page = Math.min(page * 2, pageSize)) {
    const { rows } = await client.query<PendingRow>(
      `SELECT e.transaction_id::text AS xid_text, e.global_position, e.stream_id, e.version, e.event_type, e.recorded_at,
              e.stream_type = $4 AND e.version > coalesce(v.version, 0) AS pending,
              CASE WHEN e.stream_type = $4 AND e.version > coalesce(v.version, 0) THEN e.payload END AS payload
         FROM events e LEFT JOIN ${schema}.stream_versions v ON v.stream_id = e.stream_id
        WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint) AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY e.transaction_id, e.global_position
        LIMIT $3`,
      [reached.transactionId, reached.globalPosition, page, REPORT_STREAM_TYPE],
    );
    let blocked = false;
    for (const row of rows) {
      if (row.pending && !(await refusedOnStoredState(client, schema, row))) {
        blocked = true;
        break;
      }
      reached = { transactionId: row.xid_text, globalPosition: Number(row.global_position) };
    }
    if (blocked || rows.length < page) break;
  }
  if (reached !== from) await raiseClaimHistoryCheckpoint(client, schema, reached);
}

/** True when the fold refuses the event on its report's stored state (it was dead-lettered, not left behind). */
async function refusedOnStoredState(client: ClientBase, schema: string, row: PendingRow): Promise<boolean> {
  const reportId = row.stream_id.slice(REPORT_STREAM_TYPE.length + 1);
  const [state] = await readReportStates(client, schema, [reportId]);
  try {
    applyReportEvent(state, {
      type: row.event_type,
      payload: row.payload,
      version: Number(row.version),
      globalPosition: Number(row.global_position),
      recordedAt: row.recorded_at,
    });
    return false;
  } catch (error) {
    if (error instanceof ProjectionRuleError) return true;
    throw error;
  }
}

/** What a version's claim history answers for an `asOf` target (see {@link claimHistoryAsOf}). */
export interface HistoryAsOf {
  /** Reports with events after the history checkpoint, up to the target: not read from the history. */
  gapReports: string[];
  /** Their claims, folded from the event store up to the target (sorted as the fold leaves them). */
  gapClaims: ClaimState[];
}

interface GapEventRow {
  stream_id: string;
  event_type: string;
  payload: unknown;
  version: string;
  global_position: string;
  recorded_at: Date;
}

/**
 * The part of an `asOf` answer the claim history of a version cannot give: when the target lies past the history
 * checkpoint `history` (events the projector has not applied yet, or not all of them), the reports with events
 * between the two are folded from the event store up to `target`, every one of their events at or before it in
 * the read order (refused ones skipped, as `claimStatesAsOf` does); every other report's claims are read from the
 * history ({@link claimRowsAsOfSql}). Run it in the REPEATABLE READ snapshot the history is read in.
 */
export async function claimHistoryAsOf(client: ClientBase, history: Checkpoint, target: Checkpoint): Promise<HistoryAsOf> {
  if (hasReached(history, target)) return { gapReports: [], gapClaims: [] };
  const { rows } = await client.query<GapEventRow>(
    `SELECT stream_id, event_type, payload, version, global_position, recorded_at FROM events
      WHERE stream_id IN (SELECT stream_id FROM events WHERE stream_type = $5
                             AND (transaction_id, global_position) > ($1::xid8, $2::bigint) AND (transaction_id, global_position) <= ($3::xid8, $4::bigint))
        AND (transaction_id, global_position) <= ($3::xid8, $4::bigint)
      ORDER BY transaction_id, global_position`,
    [history.transactionId, history.globalPosition, target.transactionId, target.globalPosition, REPORT_STREAM_TYPE],
  );
  const reports = new Map<string, ReportState | undefined>();
  for (const row of rows) {
    const reportId = row.stream_id.slice(REPORT_STREAM_TYPE.length + 1);
    try {
      reports.set(
        reportId,
        applyReportEvent(reports.get(reportId), {
          type: row.event_type,
          payload: row.payload,
          version: Number(row.version),
          globalPosition: Number(row.global_position),
          recordedAt: row.recorded_at,
        }),
      );
    } catch (error) {
      if (!(error instanceof ProjectionRuleError)) throw error;
      if (!reports.has(reportId)) reports.set(reportId, undefined);
    }
  }
  return { gapReports: [...reports.keys()], gapClaims: [...reports.values()].flatMap((r) => r?.claims ?? []) };
}

/**
 * SQL of the claim rows of version `schema` valid at a checkpoint (parameters `$t`: its transaction id as text,
 * `$t+1`: its global position), reports in `$r` (text[]) left out: current rows made at or before it, and history
 * rows made at or before it and replaced after it. Selects `columns` (of both tables).
 */
export function claimRowsAsOfSql(schema: string, columns: string, t: number, r: number): string {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  const at = `($${t}::xid8, $${t + 1}::bigint)`;
  return `SELECT ${columns} FROM ${schema}.claim_states
           WHERE (valid_from_xid, valid_from_position) <= ${at} AND report_id <> ALL($${r}::text[])
          UNION ALL
          SELECT ${columns} FROM ${schema}.claim_state_history
           WHERE (valid_from_xid, valid_from_position) <= ${at} AND (valid_to_xid, valid_to_position) > ${at} AND report_id <> ALL($${r}::text[])`;
}
