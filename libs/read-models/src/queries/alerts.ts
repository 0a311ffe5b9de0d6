import type { ClientBase, Pool } from 'pg';
import { ALERT_FILTER_SQL, alertFilterParams, type AlertFilter } from './alert-filter';

/** An alert as the `alerts` table holds it (written in the transaction of every alert event). */
export interface AlertRecord {
  alertId: string;
  /** What the alert rests on: `name-match`, `ownership`, `possible-diversion`, `front-company` or `misdeclared-goods` (`AlertKind`). */
  kind: string;
  /** For a kind other than `name-match`: `{ ownership }` (holders, aggregated share, paths), `{ diversion }` or `{ surge }` (a `possible-diversion`), `{ frontCompany }` or `{ misdeclared }`; else null. */
  basis: unknown;
  /** `open`, `acknowledged`, `confirmed`, `dismissed` or `superseded`. */
  status: string;
  reportId: string;
  /** The claim whose party matched; null for a match in the report's text. */
  claimId: string | null;
  /** Where in the report the name stands (as `AlertRaised` gives it). */
  location: string;
  queryName: string;
  listId: string;
  entryId: string;
  listVersion: string;
  entryName: string;
  matchedName: string;
  matchedNameKind: string;
  programs: string[];
  countries: string[];
  /** Match score in [0, 1]. */
  score: number;
  explanation: unknown;
  /** What raised it: `report-submitted`, `claim-amended`, `evidence-added` or `list-updated` (`AlertRaised`). */
  trigger: string;
  raisedAt: Date;
  reviewStatus: string | null;
  reviewReason: string | null;
  reviewedAt: Date | null;
  supersededReason: string | null;
  supersededAt: Date | null;
  /** The version of the alert's stream the row reflects. */
  version: number;
}

/** The sort key of an alert in {@link readAlerts}: its raise time as PostgreSQL prints it (microseconds) and its id. */
export type AlertAfter = [raisedAt: string, alertId: string];

interface AlertRow {
  alert_id: string;
  kind: string;
  basis: unknown;
  status: string;
  report_id: string;
  claim_id: string | null;
  location: string;
  query_name: string;
  list_id: string;
  entry_id: string;
  list_version: string;
  entry_name: string;
  matched_name: string;
  matched_name_kind: string;
  programs: string[];
  countries: string[];
  score: number;
  explanation: unknown;
  trigger: string;
  raised_at: Date;
  raised_at_text: string;
  review_status: string | null;
  review_reason: string | null;
  reviewed_at: Date | null;
  superseded_reason: string | null;
  superseded_at: Date | null;
  version: number;
}

const COLUMNS = `alert_id, kind, basis, status, report_id, claim_id, location, query_name, list_id, entry_id, list_version, entry_name, matched_name, matched_name_kind,
  programs, countries, score, explanation, trigger, raised_at, raised_at::text AS raised_at_text, review_status, review_reason, reviewed_at,
  superseded_reason, superseded_at, version`;

function toRecord(r: AlertRow): AlertRecord {
  return {
    alertId: r.alert_id,
    kind: r.kind,
    basis: r.basis,
    status: r.status,
    reportId: r.report_id,
    claimId: r.claim_id,
    location: r.location,
    queryName: r.query_name,
    listId: r.list_id,
    entryId: r.entry_id,
    listVersion: r.list_version,
    entryName: r.entry_name,
    matchedName: r.matched_name,
    matchedNameKind: r.matched_name_kind,
    programs: r.programs,
    countries: r.countries,
    score: r.score,
    explanation: r.explanation,
    trigger: r.trigger,
    raisedAt: r.raised_at,
    reviewStatus: r.review_status,
    reviewReason: r.review_reason,
    reviewedAt: r.reviewed_at,
    supersededReason: r.superseded_reason,
    supersededAt: r.superseded_at,
    version: r.version,
  };
}

/**
 * Alerts passing `filter` (as `GET /v1/alerts` takes it: {@link AlertFilter}, `kind`, and `report`, one report's id),
 * newest first (raise time, then id, both descending), at most `limit + 1` after `after` (one more than asked, so the
 * caller knows whether a next page exists), each with its sort key. `after[0]` must be a timestamp PostgreSQL reads
 * and `after[1]` and `report` UUIDs (else PostgreSQL refuses the query).
 */
export async function readAlerts(
  db: Pool | ClientBase,
  filter: AlertFilter & { kind?: string; report?: string },
  limit: number,
  after: AlertAfter | null,
): Promise<{ alert: AlertRecord; key: AlertAfter }[]> {
  const { rows } = await db.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts
      WHERE ${ALERT_FILTER_SQL}
        AND ($7::timestamptz IS NULL OR (raised_at, alert_id) < ($7::timestamptz, $8::uuid)) AND ($10::text IS NULL OR kind = $10)
        AND ($11::uuid IS NULL OR report_id = $11)
      ORDER BY raised_at DESC, alert_id DESC
      LIMIT $9`,
    [...alertFilterParams(filter), after?.[0] ?? null, after?.[1] ?? null, limit + 1, filter.kind ?? null, filter.report ?? null],
  );
  return rows.map((r) => ({ alert: toRecord(r), key: [r.raised_at_text, r.alert_id] }));
}

/** One alert, or undefined when there is none with that id (`alertId` must be a UUID). */
export async function readAlert(db: Pool | ClientBase, alertId: string): Promise<AlertRecord | undefined> {
  const { rows } = await db.query<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE alert_id = $1`, [alertId]);
  return rows[0] && toRecord(rows[0]);
}
