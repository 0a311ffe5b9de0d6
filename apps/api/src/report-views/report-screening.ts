import type { Pool } from 'pg';

/** What the screening app last did with a report (`report_screenings`, written by it after the screening's alerts). */
export interface ReportScreening {
  /** Stream version screened: the report's alerts are all in `GET /v1/alerts` once this reaches the view's `version`. */
  version: number;
  /** ISO 8601 date-time of that screening. */
  screenedAt: string;
}

/** The report's screening, or null while the screening app has not screened any version of it. */
export async function readReportScreening(pool: Pool, reportId: string): Promise<ReportScreening | null> {
  const { rows } = await pool.query<{ stream_version: number; screened_at: Date }>(
    'SELECT stream_version, screened_at FROM report_screenings WHERE report_id = $1',
    [reportId],
  );
  const row = rows[0];
  return row ? { version: row.stream_version, screenedAt: row.screened_at.toISOString() } : null;
}
