import { randomUUID } from 'node:crypto';
import type { ClientBase, Pool } from 'pg';
import { ExpectedVersionConflictError, type AppendResult, type ExpectedVersion, type NewEvent } from '../types';

/** One stream's part of {@link appendToStreams}. */
export interface StreamAppend {
  streamId: string;
  streamType: string;
  expected: ExpectedVersion;
  /** At least one; an event without `eventId` gets a fresh UUID. */
  events: NewEvent[];
}

/** Per stream: what was appended, or the conflict (nothing of that stream was written). */
export type StreamAppendOutcome = AppendResult | ExpectedVersionConflictError;

/**
 * The whole append as ONE statement, whatever the number of streams (fixed text, so it is prepared once per
 * connection: parse and plan are not repeated per append). Per stream, `input.mode`:
 * - `no-stream`: create the stream, or match no row if it exists;
 * - `exact`: advance only if the stream is exactly at `expected` (a concurrent writer makes it match no row);
 * - `any`: create or advance unconditionally.
 * `bases` holds each written stream's version *before* the append; a stream missing from it conflicted, and the join
 * writes none of its events. Events are inserted in argument order (`seq`), which is the order of their positions.
 */
const APPEND_STREAMS = {
  name: 'tm_event_store_append_streams_v1',
  text: `
    WITH input AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[]) WITH ORDINALITY
        AS i(stream_id, stream_type, mode, expected, n, idx)
    ), created AS (
      INSERT INTO streams (stream_id, stream_type, version)
      SELECT stream_id, stream_type, n FROM input WHERE mode = 'no-stream'
      ON CONFLICT (stream_id) DO NOTHING
      RETURNING stream_id, 0::bigint AS base
    ), advanced AS (
      UPDATE streams s SET version = s.version + i.n, updated_at = now()
      FROM input i WHERE i.mode = 'exact' AND s.stream_id = i.stream_id AND s.version = i.expected
      RETURNING s.stream_id, s.version - i.n AS base
    ), upserted AS (
      INSERT INTO streams (stream_id, stream_type, version)
      SELECT stream_id, stream_type, n FROM input WHERE mode = 'any'
      ON CONFLICT (stream_id) DO UPDATE SET version = streams.version + excluded.version, updated_at = now()
      RETURNING stream_id, version
    ), bases AS (
      SELECT stream_id, base FROM created
      UNION ALL SELECT stream_id, base FROM advanced
      UNION ALL SELECT u.stream_id, u.version - i.n FROM upserted u JOIN input i USING (stream_id)
    )
    INSERT INTO events (event_id, stream_id, stream_type, version, event_type, schema_version, payload, metadata)
    SELECT e.event_id, i.stream_id, i.stream_type, b.base + e.ordinal, e.event_type, e.schema_version, e.payload, e.metadata
    FROM unnest($6::int[], $7::int[], $8::uuid[], $9::text[], $10::int[], $11::jsonb[], $12::jsonb[]) WITH ORDINALITY
           AS e(stream_idx, ordinal, event_id, event_type, schema_version, payload, metadata, seq)
    JOIN input i ON i.idx = e.stream_idx
    JOIN bases b ON b.stream_id = i.stream_id
    ORDER BY e.seq
    RETURNING global_position, stream_id, version, transaction_id::text AS transaction_id`,
};

/** The append with an id for every event that had none (a copy; the input is untouched): a retry then writes the same ids. */
export function withEventIds(append: StreamAppend): StreamAppend {
  return append.events.every((e) => e.eventId)
    ? append
    : { ...append, events: append.events.map((e) => (e.eventId ? e : { ...e, eventId: randomUUID() })) };
}

function parameters(appends: StreamAppend[]): unknown[] {
  const streamIdx: number[] = [];
  const ordinals: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const payloads: string[] = [];
  const metadata: string[] = [];
  appends.forEach((a, s) =>
    a.events.forEach((e, k) => {
      streamIdx.push(s + 1);
      ordinals.push(k + 1);
      ids.push(e.eventId ?? randomUUID());
      types.push(e.type);
      schemaVersions.push(e.schemaVersion);
      payloads.push(JSON.stringify(e.payload));
      metadata.push(JSON.stringify(e.metadata ?? {}));
    }),
  );
  return [
    appends.map((a) => a.streamId),
    appends.map((a) => a.streamType),
    appends.map((a) => (a.expected === 'no-stream' || a.expected === 'any' ? a.expected : 'exact')),
    appends.map((a) => (typeof a.expected === 'number' ? a.expected : null)),
    appends.map((a) => a.events.length),
    streamIdx,
    ordinals,
    ids,
    types,
    schemaVersions,
    payloads,
    metadata,
  ];
}

/**
 * Appends to several streams in ONE statement (one round trip), each at its own expected version. Run on a client
 * inside the caller's transaction, the appends commit with it; run on a pool, the statement is its own transaction
 * (all of it or none commits). A stream whose expected version does not hold gets its conflict in the outcome and
 * nothing written; the others are appended (no savepoint needed). Events get global positions in argument order.
 * @param appends at most one per stream (a second append to a stream depends on the first's outcome).
 * @returns an outcome per append, in argument order.
 * @throws Error when `appends` is empty, an append has no events, or a stream appears twice; a database error
 *   (e.g. a duplicate event id) fails the whole statement.
 */
export async function appendToStreams(db: ClientBase | Pool, appends: StreamAppend[]): Promise<StreamAppendOutcome[]> {
  if (appends.length === 0) throw new Error('appendToStreams needs at least one append');
  const streamIds = new Set<string>();
  for (const a of appends) {
    if (a.events.length === 0) throw new Error(`append to ${a.streamId} needs at least one event`);
    if (streamIds.has(a.streamId)) throw new Error(`stream ${a.streamId} appears twice in one appendToStreams call`);
    streamIds.add(a.streamId);
  }
  const { rows } = await db.query<{ global_position: string; stream_id: string; version: string; transaction_id: string }>({
    ...APPEND_STREAMS,
    values: parameters(appends),
  });
  const written = new Map<string, AppendResult>();
  for (const row of rows) {
    let result = written.get(row.stream_id);
    if (!result) written.set(row.stream_id, (result = { nextVersion: 0, globalPositions: [], transactionId: row.transaction_id }));
    result.nextVersion = Math.max(result.nextVersion, Number(row.version));
    result.globalPositions.push(Number(row.global_position));
  }
  for (const result of written.values()) result.globalPositions.sort((a, b) => a - b);
  const conflicted = appends.filter((a) => !written.has(a.streamId)).map((a) => a.streamId);
  const current = new Map<string, number>();
  if (conflicted.length > 0) {
    const found = await db.query<{ stream_id: string; version: string }>(
      'SELECT stream_id, version FROM streams WHERE stream_id = ANY($1)',
      [conflicted],
    );
    for (const r of found.rows) current.set(r.stream_id, Number(r.version));
  }
  return appends.map((a) => written.get(a.streamId) ?? new ExpectedVersionConflictError(a.streamId, a.expected, current.get(a.streamId)));
}

/**
 * Appends `events` to `streamId` inside the caller's transaction, in one round trip: the stream row and the
 * events are written by a single statement ({@link appendToStreams}), so the expected-version check and the insert
 * cannot be separated. The append is visible to readers once the caller commits.
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
  const [outcome] = await appendToStreams(client, [{ streamId, streamType, expected, events }]);
  if (outcome instanceof ExpectedVersionConflictError) throw outcome;
  return outcome!;
}
