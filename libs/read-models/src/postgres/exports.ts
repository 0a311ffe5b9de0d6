import type { ClientBase, Pool } from 'pg';
import { ledgerClaims } from '../fold/ledger-export';
import type { ClaimFilter, RowFilter } from '../fold/filters';
import type { ClaimState } from '../fold/report-state';
import { ALERT_FILTER_SQL, alertFilterParams, type AlertFilter } from '../queries/alert-filter';
import { claimStatesAsOf } from './as-of';

/**
 * The claims behind a country's ledger (see `ledgerClaims`) from the active version in `schema`, or, with `upTo`,
 * as known when the event store held the events up to that position or moment (`claimStatesAsOf`).
 */
export async function readLedgerClaims(
  pool: Pool,
  schema: string,
  country: string,
  rowFilter: RowFilter,
  claimFilter: ClaimFilter,
  upTo?: number | Date,
): Promise<ClaimState[]> {
  if (upTo !== undefined) return ledgerClaims((await claimStatesAsOf(pool, upTo, { country })).claims, country, rowFilter, claimFilter);
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  const { rows } = await pool.query<{ state: ClaimState }>(
    `SELECT state FROM ${schema}.claim_states WHERE kind = 'transfer' AND EXISTS (SELECT 1 FROM unnest(ledger_keys) AS k WHERE k LIKE $1)`,
    [`${country}|%`],
  );
  return ledgerClaims(
    rows.map((r) => r.state),
    country,
    rowFilter,
    claimFilter,
  );
}

/** The columns of the alerts export, in order. */
export const ALERT_EXPORT_COLUMNS = [
  'alertId',
  'status',
  'reportId',
  'claimId',
  'location',
  'queryName',
  'listId',
  'entryId',
  'listVersion',
  'entryName',
  'matchedName',
  'matchedNameKind',
  'score',
  'programs',
  'countries',
  'trigger',
  'raisedAt',
  'reviewStatus',
  'reviewReason',
  'reviewedAt',
  'supersededReason',
  'supersededAt',
] as const;

/**
 * Alerts passing `filter` (as `GET /v1/alerts` takes it), newest first, as rows of {@link ALERT_EXPORT_COLUMNS}:
 * lists (programs, countries) joined by `;`, times ISO 8601, absent values empty.
 */
export async function readAlertExportRows(db: Pool | ClientBase, filter: AlertFilter): Promise<string[][]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT alert_id, status, report_id, claim_id, location, query_name, list_id, entry_id, list_version, entry_name, matched_name, matched_name_kind,
            score, programs, countries, trigger, raised_at, review_status, review_reason, reviewed_at, superseded_reason, superseded_at
       FROM alerts
      WHERE ${ALERT_FILTER_SQL}
      ORDER BY raised_at DESC, alert_id DESC`,
    alertFilterParams(filter),
  );
  const text = (v: unknown): string =>
    v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(';') : String(v);
  return rows.map((r) => Object.values(r).map(text));
}
