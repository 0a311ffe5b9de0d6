import type { ClientBase, Pool } from 'pg';
import type { ReportState } from '../fold/report-state';

/**
 * A report view's `state` as stored: the report without its claims (their rows in `claim_states` hold them, and the
 * view held a second copy: 105 of the 195 MB a rebuild of 100k events wrote), with their ids in the report's order.
 * {@link reportStateSql} puts the claims back when the view is read.
 */
export type StoredReportState = Omit<ReportState, 'claims'> & { claimIds: string[] };

export function storedReportState(r: ReportState): StoredReportState {
  const { claims, ...rest } = r;
  return Object.assign(rest, { claimIds: claims.map((c) => c.claimId) });
}

/**
 * SQL of the whole `ReportState` of a row of `report_views` (aliased `row`) in the version `schema`: its stored state
 * with the claims put back from `claim_states`, in the order of `claimIds`; a row written while views held their
 * claims (it has `claims`) as it is, so a version built before needs no rebuild.
 */
export function reportStateSql(schema: string, row: string): string {
  return `CASE WHEN ${row}.state ? 'claims' THEN ${row}.state ELSE (${row}.state - 'claimIds') || jsonb_build_object('claims', coalesce(
    (SELECT jsonb_agg(c.state ORDER BY k.i) FROM jsonb_array_elements_text(${row}.state->'claimIds') WITH ORDINALITY AS k(id, i)
       JOIN ${schema}.claim_states c ON c.report_id = ${row}.report_id AND c.claim_id = k.id), '[]'::jsonb)) END`;
}

/** The whole stored states of `reportIds` in the version `schema` (claims put back: {@link reportStateSql}), in no order. */
export async function readReportStates(db: Pool | ClientBase, schema: string, reportIds: string[]): Promise<ReportState[]> {
  if (reportIds.length === 0) return [];
  const { rows } = await db.query<{ state: ReportState }>(
    `SELECT ${reportStateSql(schema, 'r')} AS state FROM ${schema}.report_views r WHERE r.report_id = ANY($1)`,
    [reportIds],
  );
  return rows.map((r) => r.state);
}
