import type { ClientBase, Pool } from 'pg';
import type { ReportState } from '../fold/report-state';
import { reportStateSql } from '../postgres/report-states';
import { reportsMatchingSql } from '../postgres/search';

/**
 * Which reports: an ISO 3166-1 alpha-2 country a claim names, a substring of the publisher (matched literally, any
 * case), the report status, the Admiralty source-reliability letter, publication dates (`YYYY-MM-DD`, inclusive), and
 * search words `q` (the report's text or one of its claims matches them, as `GET /v1/search` reads them).
 */
export interface ReportFilter {
  q?: string;
  country?: string;
  publisher?: string;
  status?: string;
  sourceReliability?: string;
  from?: string;
  to?: string;
}

/**
 * A report as it now stands, without its claims (a list shows their number and countries), with the countries its
 * claims name and the global position it was submitted at.
 */
export interface ListedReport {
  state: Omit<ReportState, 'claims'>;
  claimCount: number;
  countries: string[];
  submittedPosition: string;
}

/** Up to `limit` reports of the read-model version `schema`, newest first, submitted before global position `before`. */
export async function readReports(
  db: Pool | ClientBase,
  schema: string,
  filter: ReportFilter,
  before: string | null,
  limit: number,
): Promise<ListedReport[]> {
  const publisher = filter.publisher ? `%${filter.publisher.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const matching = filter.q === undefined ? null : reportsMatchingSql(schema, filter.q, 9);
  const { rows } = await db.query<{
    state: Omit<ReportState, 'claims'>;
    claim_count: number;
    countries: string[];
    submitted_position: string;
  }>(
    `SELECT state - 'claims' - 'claimIds' AS state, claim_count, countries, submitted_position FROM ${schema}.report_views
     WHERE ($1::bigint IS NULL OR submitted_position < $1) AND ($2::text IS NULL OR $2 = ANY(countries)) AND ($3::text IS NULL OR lower(publisher) LIKE $3)
       AND ($4::text IS NULL OR status = $4) AND ($5::text IS NULL OR source_reliability = $5) AND ($6::date IS NULL OR published_on >= $6) AND ($7::date IS NULL OR published_on <= $7)
       ${matching ? `AND report_id IN (${matching.sql})` : ''}
     ORDER BY submitted_position DESC LIMIT $8`,
    [
      before,
      filter.country ?? null,
      publisher,
      filter.status ?? null,
      filter.sourceReliability ?? null,
      filter.from ?? null,
      filter.to ?? null,
      limit,
      ...(matching?.params ?? []),
    ],
  );
  return rows.map((r) => ({ state: r.state, claimCount: r.claim_count, countries: r.countries, submittedPosition: r.submitted_position }));
}

/** One report as it now stands in the read-model version `schema`, or undefined when it has none (yet). */
export async function readReportView(db: Pool | ClientBase, schema: string, reportId: string): Promise<ReportState | undefined> {
  const { rows } = await db.query<{ state: ReportState }>(
    `SELECT ${reportStateSql(schema, 'r')} AS state FROM ${schema}.report_views r WHERE r.report_id = $1`,
    [reportId],
  );
  return rows[0]?.state;
}
