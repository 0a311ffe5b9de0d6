import type { Pool } from 'pg';
import { REPORT_STREAM_TYPE, reportStreamId, type ReportEvent } from '@tm/domain';
import { appendToStream, inTransaction } from '@tm/event-store';

/** Appends `events` as a new report's stream (expected `no-stream`, schema version 1), in one transaction. */
export async function appendNewReport(pool: Pool, reportId: string, events: ReportEvent[]): Promise<void> {
  await inTransaction(pool, (client) =>
    appendToStream(
      client,
      reportStreamId(reportId),
      REPORT_STREAM_TYPE,
      'no-stream',
      events.map((e) => ({ type: e.type, schemaVersion: 1, payload: e.payload })),
    ),
  );
}
