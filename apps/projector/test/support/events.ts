import type { Admin, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { appendToStream, inTransaction, START, type Checkpoint, type StoredEvent } from '@tm/event-store';
import { REPORT_STREAM_TYPE, reportStreamId, type ReportEvent } from '@tm/domain';
import { toEventMessage } from '@tm/messaging';
import { readableEvents } from '@tm/testing';

/** Appends report events to `report-<id>` as the write side does (type `report`), after the stream's current version. */
export async function appendReportEvents(pool: Pool, reportId: string, events: ReportEvent[]): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ version: string }>('SELECT version FROM streams WHERE stream_id = $1', [
      reportStreamId(reportId),
    ]);
    const expected = rows[0] ? Number(rows[0].version) : 'no-stream';
    const result = await appendToStream(
      client,
      reportStreamId(reportId),
      REPORT_STREAM_TYPE,
      expected,
      events.map((e) => ({
        type: e.type,
        schemaVersion: 1,
        payload: e.payload,
        metadata: { actor: 'test', acceptedAt: new Date().toISOString() },
      })),
    );
    return result.globalPositions;
  });
}

/** Every stored event after `after`, in the read order, once all are readable (see `readableEvents`). */
export const readEvents = (pool: Pool, after: Checkpoint = START): Promise<StoredEvent[]> => readableEvents(pool, after, 20_000);

/**
 * Publishes stored events to the events topic as the outbox relay does (key = stream id, envelope and stream
 * coordinates in headers), in global order.
 */
export async function publishEvents(producer: Producer, topic: string, events: StoredEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    await producer.send({ topic, acks: -1, messages: events.slice(i, i + 500).map((e) => toEventMessage(e)) });
  }
}

/** Polls `check` every 25 ms until it returns true, failing after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** True once the consumer group has committed every partition of `topic` up to its end. */
export async function groupCaughtUp(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  const done = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset === '-1' ? '0' : p.offset)]) ?? []);
  return ends.every((end) => (done.get(end.partition) ?? 0n) >= BigInt(end.high));
}

/** A table's rows as sorted JSON strings, for a row-by-row comparison of two projection versions. */
export async function tableRows(pool: Pool, schema: string, table: string, exclude: string[] = []): Promise<string[]> {
  const { rows } = await pool.query(`SELECT * FROM ${schema}.${table}`);
  return rows
    .map((row: Record<string, unknown>) => {
      for (const column of exclude) delete row[column];
      return JSON.stringify(row);
    })
    .sort();
}

/**
 * The events of `streamId` once they are readable: the readable horizon is the oldest transaction running in the
 * whole cluster, so another test file's open transaction can hold a just-committed event back for a moment.
 */
export async function readStreamEventsWhenReadable(
  pool: Pool,
  streamId: string,
  count: number,
  timeoutMs = 20_000,
): Promise<StoredEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await readEvents(pool)).filter((e) => e.streamId === streamId);
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((r) => setTimeout(r, 20));
  }
}
