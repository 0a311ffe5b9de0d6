import type { ClientBase } from 'pg';
import { REPORT_STREAM_TYPE } from '@tm/domain';
import type { ClaimState, ReportState } from '../fold/report-state';
import { accumulateChanges, maxSkippedPosition, type ApplyResult, type InMemoryAggregates, type ProjectableEvent } from './apply-events';
import { copyEncoded, encodeRows, type EncodedRows } from './copy';
import { claimHistoryOf, foldBatch, reportIdOf, type ClaimHistoryWrites } from './fold-batch';
import type { ReportStateCache } from './report-cache';
import { readReportStates } from './report-states';
import {
  CLAIM_HISTORY_COLUMNS,
  CLAIM_STATE_COLUMNS,
  claimHistoryRow,
  claimStateRow,
  REPORT_VIEW_COLUMNS,
  reportViewRow,
  TIMELINE_COLUMNS,
  timelineRows,
} from './rows';

/** What a rebuild keeps in memory between its bulk batches. */
export interface RebuildMemory {
  /** Report states written last (see {@link ReportStateCache}); a miss reads the report view back. */
  reports: ReportStateCache;
  /** Ledger and directory accumulators, when the run started from position 0 (a resumed run derives them at the end). */
  aggregates?: InMemoryAggregates;
}

/**
 * The version's tables were emptied under the rebuild: its `position` row is gone, which happens when PostgreSQL
 * restarts after a crash and resets the unlogged tables of a version still building. Nothing of the batch is kept;
 * running the rebuild again starts it over (see `RebuildService.run`).
 */
export class RebuildTablesLostError extends Error {
  constructor(readonly schema: string) {
    super(
      `the tables of ${schema} were reset (PostgreSQL restarted after a crash while they were unlogged); run the rebuild again to start it over`,
    );
  }
}

/** A bulk batch folded and encoded, ready for {@link writeRebuildBatch}. */
export interface PreparedBatch {
  /** As {@link applyEvents} returns it (`duplicates`: events at or below their stored report's version). */
  result: ApplyResult;
  /** Reports an earlier batch wrote and this one changed: their rows are deleted before the copy. */
  continued: ReportState[];
  /** Old states of the claims this batch changed (of continued reports): their timeline rows are deleted before the copy. */
  staleClaims: ClaimState[];
  /** Stored claims this batch changed: their `claim_states` rows move to `claim_state_history` before the copy. */
  closedClaims: ClaimHistoryWrites['closed'];
  reportViews: EncodedRows;
  claimStates: EncodedRows;
  /** Claim states made and replaced within the batch. */
  claimHistory: EncodedRows;
  timeline: EncodedRows;
  streamVersions: EncodedRows;
  maxPosition: number;
}

/** Reads the stored states of reports (by id) from the version's `report_views`, as committed. */
export type ReportStateReader = (reportIds: string[]) => Promise<ReportState[]>;

/**
 * The CPU half of a rebuild's bulk batch: folds the events with the same fold as {@link applyEvents} and encodes the
 * rows for `COPY`. A rebuild reads every event exactly once, in global order (its checkpoint commits with each batch)
 * and is its tables' only writer, so:
 * - report states come from `memory.reports`, or from `read` for a stream the cache lost; a stream whose first event
 *   in the batch is version 1 has nothing stored yet and is not looked up;
 * - ledger and directory accumulators are updated in `memory.aggregates` (written once at the end), never the tables.
 * Updates `memory` at once: drop it if the batch is not committed.
 */
export async function prepareRebuildBatch(
  events: ProjectableEvent[],
  memory: RebuildMemory,
  read: ReportStateReader,
): Promise<PreparedBatch> {
  const result: ApplyResult = { applied: 0, duplicates: 0, refused: [] };
  const reportEvents = events.filter((e) => e.streamType === REPORT_STREAM_TYPE);
  const before = await storedStates(reportEvents, memory.reports, read);
  // Stored stream version = version of the stored report state (only applied events advance either).
  const versions = new Map([...before.values()].map((s) => [s.reportId, s.version]));
  const fresh = reportEvents.filter((e) => {
    const reportId = reportIdOf(e.streamId);
    if (e.version <= (versions.get(reportId) ?? 0)) {
      result.duplicates += 1;
      return false;
    }
    versions.set(reportId, e.version);
    return true;
  });
  const folded = foldBatch(fresh, before);
  const history = claimHistoryOf(folded.versions, before);
  result.applied = folded.applied;
  result.refused = folded.refused;
  if (memory.aggregates) accumulateChanges(memory.aggregates, folded.touchedBefore, folded.touchedAfter);
  for (const report of folded.changedReports) memory.reports.set(report);

  return {
    result,
    continued: folded.changedReports.filter((r) => before.has(r.reportId)),
    staleClaims: folded.touchedBefore,
    closedClaims: history.closed,
    reportViews: encodeRows(
      REPORT_VIEW_COLUMNS,
      folded.changedReports.map((r) => reportViewRow(r)),
    ),
    claimStates: encodeRows(
      CLAIM_STATE_COLUMNS,
      history.current.map((v) => claimStateRow(v.state, v.at)),
    ),
    claimHistory: encodeRows(
      CLAIM_HISTORY_COLUMNS,
      history.replaced.map((r) => claimHistoryRow(r.state, r.from, r.to)),
    ),
    timeline: encodeRows(TIMELINE_COLUMNS, timelineRows(folded.touchedAfter)),
    streamVersions: encodeRows(
      ['stream_id', 'version'],
      [...folded.changedVersions].map(([stream_id, version]) => ({ stream_id, version })),
    ),
    // Past the events of other streams too, as the live projection moves ({@link maxSkippedPosition}).
    maxPosition: Math.max(folded.maxPosition, maxSkippedPosition(events)),
  };
}

/**
 * The I/O half of a rebuild's bulk batch, in the caller's transaction: deletes the rows of continued reports and
 * changed claims an earlier batch wrote, then `COPY`s the batch's rows and advances the version's position.
 * @throws RebuildTablesLostError when the version's `position` row is gone (its unlogged tables were reset).
 */
export async function writeRebuildBatch(client: ClientBase, schema: string, batch: PreparedBatch): Promise<void> {
  if (batch.continued.length > 0) await deleteStoredRows(client, schema, batch.continued, batch.staleClaims, batch.closedClaims);
  await copyEncoded(client, `${schema}.report_views`, batch.reportViews);
  await copyEncoded(client, `${schema}.claim_states`, batch.claimStates);
  await copyEncoded(client, `${schema}.claim_state_history`, batch.claimHistory);
  await copyEncoded(client, `${schema}.timeline_entries`, batch.timeline);
  await copyEncoded(client, `${schema}.stream_versions`, batch.streamVersions);
  const { rowCount } = await client.query(
    `UPDATE ${schema}.position SET global_position = GREATEST(global_position, $1), events_applied = events_applied + $2, updated_at = now()`,
    [batch.maxPosition, batch.result.applied],
  );
  if (rowCount !== 1) throw new RebuildTablesLostError(schema);
}

/**
 * {@link prepareRebuildBatch} then {@link writeRebuildBatch} in the caller's transaction, report states the cache lost
 * read through it.
 */
export async function applyRebuildBatch(
  client: ClientBase,
  schema: string,
  events: ProjectableEvent[],
  memory: RebuildMemory,
): Promise<ApplyResult> {
  const batch = await prepareRebuildBatch(events, memory, (ids) => readReportStates(client, schema, ids));
  await writeRebuildBatch(client, schema, batch);
  return batch.result;
}

/** The stored states of the reports the batch continues (streams whose first event here is past version 1). */
async function storedStates(
  events: ProjectableEvent[],
  cache: ReportStateCache,
  read: ReportStateReader,
): Promise<Map<string, ReportState>> {
  const firstVersion = new Map<string, number>();
  for (const e of events) if (!firstVersion.has(e.streamId)) firstVersion.set(e.streamId, e.version);
  const states = new Map<string, ReportState>();
  const missed: string[] = [];
  for (const [streamId, version] of firstVersion) {
    if (version === 1) continue;
    const reportId = reportIdOf(streamId);
    const cached = cache.get(reportId);
    if (cached) states.set(reportId, cached);
    else missed.push(reportId);
  }
  if (missed.length > 0) for (const state of await read(missed)) states.set(state.reportId, state);
  return states;
}

/**
 * Deletes the rows an earlier batch wrote for reports this batch changed, and for the claims it changed: their
 * `claim_states` rows move to `claim_state_history`, valid until the checkpoint of the event that replaced them.
 */
async function deleteStoredRows(
  client: ClientBase,
  schema: string,
  reports: ReportState[],
  claims: ClaimState[],
  closed: ClaimHistoryWrites['closed'],
): Promise<void> {
  const reportIds = reports.map((r) => r.reportId);
  await client.query(`DELETE FROM ${schema}.report_views WHERE report_id = ANY($1)`, [reportIds]);
  await client.query(`DELETE FROM ${schema}.stream_versions WHERE stream_id = ANY($1)`, [
    reportIds.map((id) => `${REPORT_STREAM_TYPE}-${id}`),
  ]);
  if (closed.length > 0) {
    await client.query(
      `WITH gone AS (
         DELETE FROM ${schema}.claim_states c USING unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS x(report_id, claim_id, to_xid, to_position)
          WHERE c.report_id = x.report_id AND c.claim_id = x.claim_id
         RETURNING c.*, x.to_xid, x.to_position)
       INSERT INTO ${schema}.claim_state_history (report_id, claim_id, kind, status, credibility, ledger_keys, state, valid_from_xid, valid_from_position, valid_to_xid, valid_to_position)
       SELECT report_id, claim_id, kind, status, credibility, ledger_keys, state, valid_from_xid, valid_from_position, to_xid::xid8, to_position FROM gone`,
      [
        closed.map((c) => c.reportId),
        closed.map((c) => c.claimId),
        closed.map((c) => c.at.transactionId),
        closed.map((c) => c.at.globalPosition),
      ],
    );
  }
  if (claims.length === 0) return;
  const diplomatic = claims.filter((c) => c.claim.kind === 'diplomatic-event');
  if (diplomatic.length > 0) {
    await client.query(
      `DELETE FROM ${schema}.timeline_entries WHERE (report_id, claim_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [diplomatic.map((c) => c.reportId), diplomatic.map((c) => c.claimId)],
    );
  }
}
