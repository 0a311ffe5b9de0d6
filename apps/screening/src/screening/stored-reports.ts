import type { Pool } from 'pg';
import { REPORT_STREAM_TYPE, reportStreamId } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { foldScreenableReport, type ScreenableReport } from '@tm/screening';

/** One report as stored now, from its stream (the source of truth, never behind the events topic). */
export async function loadReport(pool: Pool, reportId: string): Promise<ScreenableReport | undefined> {
  return (await loadReportVersion(pool, reportId))?.report;
}

/** `loadReport` with the stream version the report was folded at. */
export async function loadReportVersion(pool: Pool, reportId: string): Promise<{ report: ScreenableReport; version: number } | undefined> {
  const stream = await readStream(pool, reportStreamId(reportId));
  return stream.version === 0 ? undefined : { report: foldScreenableReport(reportId, stream.events), version: stream.version };
}

/**
 * The report as its stream stood before `version` (its events 1 to `version` - 1), or undefined when there was none
 * then: what a report event changed, screened against the lists in force now, tells the report's doing from the list's.
 */
export async function loadReportBefore(pool: Pool, reportId: string, version: number): Promise<ScreenableReport | undefined> {
  if (version <= 1) return undefined;
  const before = (await readStream(pool, reportStreamId(reportId))).events.filter((e) => e.version < version);
  return before.length ? foldScreenableReport(reportId, before) : undefined;
}

/**
 * Records that each report's stream up to its version (`versions`: report id → stream version) has been screened and
 * its alerts written (`report_screenings`, shown by `GET /v1/reports/:id` as `screening`), in one statement; never
 * moves a report's version back.
 */
export async function recordScreened(pool: Pool, versions: ReadonlyMap<string, number>): Promise<void> {
  if (versions.size === 0) return;
  await pool.query(
    `INSERT INTO report_screenings (report_id, stream_version, screened_at)
     SELECT report_id, stream_version, now() FROM unnest($1::text[], $2::int[]) AS s(report_id, stream_version)
     ON CONFLICT (report_id) DO UPDATE SET stream_version = EXCLUDED.stream_version, screened_at = EXCLUDED.screened_at
      WHERE report_screenings.stream_version <= EXCLUDED.stream_version`,
    [[...versions.keys()], [...versions.values()]],
  );
}

/**
 * Every stored report that is not retracted, folded from the event store in pages of `pageSize` streams (so memory
 * holds one page), passed to `visit` one by one.
 */
export async function forEachStoredReport(pool: Pool, visit: (report: ScreenableReport) => Promise<void>, pageSize = 500): Promise<void> {
  let after = '';
  for (;;) {
    const streams = await pool.query<{ stream_id: string }>(
      'SELECT stream_id FROM streams WHERE stream_type = $1 AND stream_id > $2 ORDER BY stream_id LIMIT $3',
      [REPORT_STREAM_TYPE, after, pageSize],
    );
    if (streams.rows.length === 0) return;
    const ids = streams.rows.map((r) => r.stream_id);
    after = ids[ids.length - 1]!;
    const { rows } = await pool.query<{ stream_id: string; event_type: string; schema_version: number; payload: unknown }>(
      'SELECT stream_id, event_type, schema_version, payload FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, version',
      [ids],
    );
    const byStream = new Map<string, Array<{ type: string; schemaVersion: number; payload: unknown }>>();
    for (const r of rows)
      (byStream.get(r.stream_id) ?? byStream.set(r.stream_id, []).get(r.stream_id)!).push({
        type: r.event_type,
        schemaVersion: r.schema_version,
        payload: r.payload,
      });
    for (const [streamId, events] of byStream) {
      const report = foldScreenableReport(streamId.slice(reportStreamId('').length), events);
      if (!report.retracted) await visit(report);
    }
  }
}
