import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { reportEvents } from './workload';

/**
 * Fills the event store with `count` events (report streams of four events, {@link reportEvents}) through the
 * table shape of `@tm/event-store` (streams + events), bypassing the API: multi-row `INSERT … SELECT FROM unnest(…)`
 * of 8,000 events per statement and transaction, two statements in flight. The events are the ones the processor
 * would store for those reports; `transaction_id` and `global_position` come from the table defaults, as in an
 * append. @returns the number of events written.
 */
export async function seedEvents(pool: Pool, count: number, onProgress?: (written: number) => void): Promise<number> {
  const reports = Math.ceil(count / 4);
  const perChunk = 2_000; // reports per statement
  let written = 0;
  let next = 0;
  const worker = async () => {
    while (next < reports) {
      const from = next;
      next = Math.min(reports, next + perChunk);
      const to = next;
      const ids: string[] = [];
      const streams: string[] = [];
      const versions: number[] = [];
      const types: string[] = [];
      const payloads: string[] = [];
      const metadata: string[] = [];
      const streamIds: string[] = [];
      for (let i = from; i < to; i += 1) {
        const { streamId, events } = reportEvents(i);
        streamIds.push(streamId);
        events.forEach((e, v) => {
          if (written + ids.length >= count) return;
          ids.push(randomUUID());
          streams.push(streamId);
          versions.push(v + 1);
          types.push(e.type);
          payloads.push(JSON.stringify(e.payload));
          metadata.push(JSON.stringify(e.metadata ?? {}));
        });
      }
      await pool.query(
        `WITH s AS (INSERT INTO streams (stream_id, stream_type, version) SELECT id, 'report', 4 FROM unnest($7::text[]) AS id)
         INSERT INTO events (event_id, stream_id, stream_type, version, event_type, schema_version, payload, metadata)
         SELECT e.id, e.stream, 'report', e.version, e.type, 1, e.payload, e.metadata
         FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(id, stream, version, type, payload, metadata, n)
         ORDER BY e.n`,
        [ids, streams, versions, types, payloads, metadata, streamIds],
      );
      written += ids.length;
      onProgress?.(written);
    }
  };
  await Promise.all([worker(), worker()]);
  await pool.query('VACUUM ANALYZE events');
  await pool.query('VACUUM ANALYZE streams');
  return written;
}
