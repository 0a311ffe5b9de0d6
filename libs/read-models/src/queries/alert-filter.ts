/**
 * The filters of `GET /v1/alerts`, which its groups (`GET /v1/alert-groups`, applied before grouping) and its export
 * (`GET /v1/exports/alerts`) take too; each absent filter lets every alert through.
 */
export interface AlertFilter {
  status?: string;
  list?: string;
  program?: string;
  country?: string;
  minScore?: number;
  /** ISO 8601 instant: alerts raised at or after it. */
  since?: string;
}

/**
 * {@link AlertFilter} as a condition over the `alerts` table, on the parameters `$1`–`$6` that {@link alertFilterParams}
 * gives: a query's own parameters start at `$7`.
 */
export const ALERT_FILTER_SQL = `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR list_id = $2) AND ($3::text IS NULL OR $3 = ANY(programs))
        AND ($4::text IS NULL OR $4 = ANY(countries)) AND ($5::float8 IS NULL OR score >= $5) AND ($6::timestamptz IS NULL OR raised_at >= $6)`;

/** The parameters `$1`–`$6` of {@link ALERT_FILTER_SQL}: each filter, or null when absent. */
export function alertFilterParams(filter: AlertFilter): (string | number | null)[] {
  return [
    filter.status ?? null,
    filter.list ?? null,
    filter.program ?? null,
    filter.country ?? null,
    filter.minScore ?? null,
    filter.since ?? null,
  ];
}
