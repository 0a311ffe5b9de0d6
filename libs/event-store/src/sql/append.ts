import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { ExpectedVersionConflictError, type AppendResult, type ExpectedVersion, type NewEvent } from '../types';

/**
 * The stream-row step of an append, as a CTE yielding the stream's version *before* the append (`base`).
 * - a number: advance only if the stream is exactly at that version (a concurrent writer makes it match no row);
 * - `no-stream`: create the stream, or match no row if it exists;
 * - `any`: create or advance unconditionally.
 */
function streamStep(expected: ExpectedVersion): string {
  if (expected === 'no-stream') {
    return `INSERT INTO streams (stream_id, stream_type, version) VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO NOTHING RETURNING 0::bigint AS base, $4::bigint AS expected`;
  }
  if (expected === 'any') {
    return `INSERT INTO streams (stream_id, stream_type, version) VALUES ($1, $2, $3)
            ON CONFLICT (stream_id) DO UPDATE SET version = streams.version + $3, updated_at = now()
            RETURNING version - $3 AS base, $4::bigint AS expected`;
  }
  return `UPDATE streams SET version = version + $3, updated_at = now() WHERE stream_id = $1 AND version = $4 RETURNING version - $3 AS base`;
}

/**
 * Appends `events` to `streamId` inside the caller's transaction, in one round trip: the stream row and the
 * events are written by a single statement, so the expected-version check and the insert cannot be separated.
 * The append is visible to readers once the caller commits.
 * @throws ExpectedVersionConflictError when the stream is not at `expected`.
 */
export async function appendToStream(
  client: ClientBase,
  streamId: string,
  streamType: string,
  expected: ExpectedVersion,
  events: NewEvent[],
): Promise<AppendResult> {
  if (events.length === 0) throw new Error('appendToStream needs at least one event');
  const sql = `
    WITH stream AS (${streamStep(expected)})
    INSERT INTO events (event_id, stream_id, stream_type, version, event_type, schema_version, payload, metadata)
    SELECT e.event_id, $1, $2, stream.base + e.ordinal, e.event_type, e.schema_version, e.payload, e.metadata
    FROM stream, unnest($5::uuid[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[]) WITH ORDINALITY
         AS e(event_id, event_type, schema_version, payload, metadata, ordinal)
    ORDER BY e.ordinal
    RETURNING global_position, version, transaction_id::text AS transaction_id`;
  const params = [
    streamId,
    streamType,
    events.length,
    typeof expected === 'number' ? expected : null,
    events.map((e) => e.eventId ?? randomUUID()),
    events.map((e) => e.type),
    events.map((e) => e.schemaVersion),
    events.map((e) => JSON.stringify(e.payload)),
    events.map((e) => JSON.stringify(e.metadata ?? {})),
  ];
  const { rows } = await client.query<{ global_position: string; version: string; transaction_id: string }>(sql, params);
  if (rows.length === 0) {
    const current = await client.query<{ version: string }>('SELECT version FROM streams WHERE stream_id = $1', [streamId]);
    throw new ExpectedVersionConflictError(streamId, expected, current.rows[0] ? Number(current.rows[0].version) : undefined);
  }
  return {
    nextVersion: Math.max(...rows.map((r) => Number(r.version))),
    globalPositions: rows.map((r) => Number(r.global_position)).sort((a, b) => a - b),
    transactionId: rows[0].transaction_id,
  };
}
