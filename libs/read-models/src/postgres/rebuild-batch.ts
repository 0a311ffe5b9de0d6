import type { ClientBase } from 'pg';
import { REPORT_STREAM_TYPE } from '@tm/domain';
import type { ClaimState, ReportState } from '../fold/report-state';
import { accumulateChanges, type ApplyResult, type InMemoryAggregates, type ProjectableEvent } from './apply-events';
import { copyRows, JsonText } from './copy';
import { foldBatch, reportIdOf } from './fold-batch';
import type { ReportStateCache } from './report-cache';
import { CLAIM_STATE_COLUMNS, claimStateRow, REPORT_VIEW_COLUMNS, reportViewRow, TIMELINE_COLUMNS, timelineRows } from './rows';

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
    super(`the tables of ${schema} were reset (PostgreSQL restarted after a crash while they were unlogged); run the rebuild again to start it over`);
  }
}

/**
 * Applies one bulk batch of a rebuild to `schema`, in the caller's transaction: the same fold and the same rows as
 * {@link applyEvents}, written differently because a rebuild reads every event exactly once, in global order (its
 * checkpoint commits with each batch) and is the tables' only writer:
 * - report states come from `memory.reports`, or PostgreSQL for a stream the cache lost; a stream whose first event in
 *   the batch is version 1 has nothing stored yet and is not looked up;
 * - rows are `COPY`'d, not upserted; the rows of reports and claims an earlier batch wrote are deleted first;
 * - ledger and directory accumulators are updated in `memory.aggregates` (written once at the end), never the tables.
 * Updates `memory.reports` with the new states: drop `memory` if the transaction does not commit.
 * @returns as {@link applyEvents} (`duplicates` counts events at or below their stored report's version).
 * @throws RebuildTablesLostError when the version's `position` row is gone (its unlogged tables were reset).
 */
export async function applyRebuildBatch(client: ClientBase, schema: string, events: ProjectableEvent[], memory: RebuildMemory): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, duplicates: 0, refused: [] };
  const reportEvents = events.filter((e) => e.streamType === REPORT_STREAM_TYPE);
  const before = await storedStates(client, schema, reportEvents, memory.reports);
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
  result.applied = folded.applied;
  result.refused = folded.refused;

  const continued = folded.changedReports.filter((r) => before.has(r.reportId));
  if (continued.length > 0) await deleteStoredRows(client, schema, continued, folded.touchedBefore);
  const claimJson = new Map(folded.touchedAfter.map((c) => [c, JSON.stringify(c)]));
  await copyRows(
    client,
    `${schema}.report_views`,
    REPORT_VIEW_COLUMNS,
    folded.changedReports.map((r) => reportViewRow(r, new JsonText(reportJson(r, claimJson)))),
  );
  await copyRows(
    client,
    `${schema}.claim_states`,
    CLAIM_STATE_COLUMNS,
    folded.touchedAfter.map((c) => claimStateRow(c, new JsonText(claimJson.get(c)!))),
  );
  await copyRows(client, `${schema}.timeline_entries`, TIMELINE_COLUMNS, timelineRows(folded.touchedAfter));
  await copyRows(
    client,
    `${schema}.stream_versions`,
    ['stream_id', 'version'],
    [...folded.changedVersions].map(([stream_id, version]) => ({ stream_id, version })),
  );
  const { rowCount } = await client.query(`UPDATE ${schema}.position SET global_position = GREATEST(global_position, $1), events_applied = events_applied + $2, updated_at = now()`, [
    folded.maxPosition,
    folded.applied,
  ]);
  if (rowCount !== 1) throw new RebuildTablesLostError(schema);

  if (memory.aggregates) accumulateChanges(memory.aggregates, folded.touchedBefore, folded.touchedAfter);
  for (const report of folded.changedReports) memory.reports.set(report);
  return result;
}

/** The stored states of the reports the batch continues (streams whose first event here is past version 1). */
async function storedStates(client: ClientBase, schema: string, events: ProjectableEvent[], cache: ReportStateCache): Promise<Map<string, ReportState>> {
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
  if (missed.length > 0) {
    const { rows } = await client.query<{ state: ReportState }>(`SELECT state FROM ${schema}.report_views WHERE report_id = ANY($1)`, [missed]);
    for (const { state } of rows) states.set(state.reportId, state);
  }
  return states;
}

/** Deletes the rows an earlier batch wrote for reports this batch changed, and for the claims it changed. */
async function deleteStoredRows(client: ClientBase, schema: string, reports: ReportState[], claims: ClaimState[]): Promise<void> {
  const reportIds = reports.map((r) => r.reportId);
  await client.query(`DELETE FROM ${schema}.report_views WHERE report_id = ANY($1)`, [reportIds]);
  await client.query(`DELETE FROM ${schema}.stream_versions WHERE stream_id = ANY($1)`, [reportIds.map((id) => `${REPORT_STREAM_TYPE}-${id}`)]);
  if (claims.length === 0) return;
  const keys = [claims.map((c) => c.reportId), claims.map((c) => c.claimId)];
  await client.query(`DELETE FROM ${schema}.claim_states WHERE (report_id, claim_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`, keys);
  const diplomatic = claims.filter((c) => c.claim.kind === 'diplomatic-event');
  if (diplomatic.length > 0) {
    await client.query(`DELETE FROM ${schema}.timeline_entries WHERE (report_id, claim_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`, [
      diplomatic.map((c) => c.reportId),
      diplomatic.map((c) => c.claimId),
    ]);
  }
}

/**
 * The report state's JSON, reusing the claims' JSON where the batch serialised it already (jsonb does not keep key
 * order, so the stored value equals that of `JSON.stringify(report)`).
 */
function reportJson(report: ReportState, claimJson: ReadonlyMap<ClaimState, string>): string {
  const { claims, ...rest } = report;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)},"claims":[${claims.map((c) => claimJson.get(c) ?? JSON.stringify(c)).join(',')}]}`;
}
