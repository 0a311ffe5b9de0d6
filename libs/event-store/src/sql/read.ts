import type { Pool, ClientBase } from 'pg';
import type { Checkpoint, StoredEvent } from '../types';

// The text alias must not be named `transaction_id`: ORDER BY would then sort by the text, not the xid8.
const COLUMNS = `global_position, transaction_id::text AS xid_text, event_id, stream_id, stream_type, version,
                 event_type, schema_version, payload, metadata, recorded_at`;

interface EventRow {
  global_position: string;
  xid_text: string;
  event_id: string;
  stream_id: string;
  stream_type: string;
  version: string;
  event_type: string;
  schema_version: number;
  payload: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    globalPosition: Number(row.global_position),
    transactionId: row.xid_text,
    eventId: row.event_id,
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: Number(row.version),
    type: row.event_type,
    schemaVersion: row.schema_version,
    payload: row.payload,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

/**
 * A stream's events from `fromVersion` (default 1), in version order, and its current version
 * (0 when the stream does not exist).
 */
export async function readStream(
  db: Pool | ClientBase,
  streamId: string,
  fromVersion = 1,
): Promise<{ version: number; events: StoredEvent[] }> {
  const { rows } = await db.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND version >= $2 ORDER BY version`, [
    streamId,
    fromVersion,
  ]);
  const events = rows.map(toStoredEvent);
  return { version: events.length ? events[events.length - 1].version : fromVersion - 1, events };
}

/**
 * A stream's events in version order with all but the last `keepLast` (≥ 1) events of type `thinned` left out, and how
 * many were: for a stream where one type repeats without bound beside the few that matter (an alert's basis updates
 * beside its raising and reviews). One statement through the stream's (stream_id, version) index.
 */
export async function readStreamThinned(
  db: Pool | ClientBase,
  streamId: string,
  thinned: string,
  keepLast: number,
): Promise<{ events: StoredEvent[]; omitted: number }> {
  if (!Number.isInteger(keepLast) || keepLast < 1) throw new Error(`keepLast must be a positive integer, got ${keepLast}`);
  const { rows } = await db.query<EventRow & { omitted: string }>(
    `WITH t AS (SELECT version, row_number() OVER (ORDER BY version DESC) AS n FROM events WHERE stream_id = $1 AND event_type = $2)
     SELECT ${COLUMNS}, (SELECT count(*) FROM t WHERE n > $3) AS omitted FROM events
      WHERE stream_id = $1 AND (event_type <> $2 OR version IN (SELECT version FROM t WHERE n <= $3))
      ORDER BY version`,
    [streamId, thinned, keepLast],
  );
  return { events: rows.map(toStoredEvent), omitted: Number(rows[0]?.omitted ?? 0) };
}

/**
 * Several streams' events in version order, one statement: per stream id asked for, its current version (0 when the
 * stream does not exist) and its events, as {@link readStream} gives them.
 */
export async function readStreams(
  db: Pool | ClientBase,
  streamIds: readonly string[],
): Promise<Map<string, { version: number; events: StoredEvent[] }>> {
  const streams = new Map(streamIds.map((id) => [id, { version: 0, events: [] as StoredEvent[] }]));
  if (streams.size === 0) return streams;
  const { rows } = await db.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, version`, [
    [...streams.keys()],
  ]);
  for (const row of rows) {
    const stream = streams.get(row.stream_id)!;
    const event = toStoredEvent(row);
    stream.events.push(event);
    stream.version = event.version;
  }
  return streams;
}

/** How far {@link readAll} may read. */
export interface ReadAllOptions {
  /** Stop at this checkpoint (inclusive). */
  upTo?: Checkpoint;
  /**
   * `'horizon'` (default): only events of transactions older than every transaction still running, so whatever
   * commits later sorts after the last event returned and a reader that resumes from it never skips an event.
   * `'snapshot'`: every event the caller's snapshot sees, for one-shot reads inside a REPEATABLE READ transaction
   * (a reader resuming from such a read could skip an older transaction that commits later).
   */
  visibility?: 'horizon' | 'snapshot';
}

/** Up to `limit` events after `after` in the global order `(transaction_id, global_position)`; see {@link ReadAllOptions}. */
export async function readAll(
  db: Pool | ClientBase,
  after: Checkpoint,
  limit: number,
  options: ReadAllOptions = {},
): Promise<StoredEvent[]> {
  const upTo = options.upTo ? `AND (transaction_id, global_position) <= ($4::xid8, $5::bigint)` : '';
  const horizon = options.visibility === 'snapshot' ? '' : 'AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM events
     WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
       ${horizon}
       ${upTo}
     ORDER BY transaction_id, global_position
     LIMIT $3`,
    options.upTo
      ? [after.transactionId, after.globalPosition, limit, options.upTo.transactionId, options.upTo.globalPosition]
      : [after.transactionId, after.globalPosition, limit],
  );
  return rows.map(toStoredEvent);
}

/** The checkpoint of the event at `globalPosition`, or undefined when there is none. */
export async function checkpointOf(db: Pool | ClientBase, globalPosition: number): Promise<Checkpoint | undefined> {
  const { rows } = await db.query<{ transaction_id: string }>(
    'SELECT transaction_id::text AS transaction_id FROM events WHERE global_position = $1',
    [globalPosition],
  );
  return rows[0] ? { transactionId: rows[0].transaction_id, globalPosition } : undefined;
}

/** True when `checkpoint` is at or after `target` in the global order. */
export function hasReached(checkpoint: Checkpoint, target: Checkpoint): boolean {
  const a = BigInt(checkpoint.transactionId);
  const b = BigInt(target.transactionId);
  return a > b || (a === b && checkpoint.globalPosition >= target.globalPosition);
}

/** The highest global position stored (0 for an empty store): one index lookup, for lag metrics. */
export async function headPosition(db: Pool | ClientBase): Promise<number> {
  const { rows } = await db.query<{ head: string | null }>('SELECT max(global_position)::text AS head FROM events');
  return Number(rows[0]?.head ?? 0);
}

/**
 * How many events sort after `after` in the global order `(transaction_id, global_position)`, counted up to `cap`: a
 * reader's exact backlog (positions alone overstate it when transactions commit out of position order). One range scan
 * of the read-order index, as long as the backlog (at most `cap` rows).
 */
export async function countEventsAfter(db: Pool | ClientBase, after: Checkpoint, cap = 1_000_000): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM (SELECT 1 FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) LIMIT $3) backlog`,
    [after.transactionId, after.globalPosition, cap],
  );
  return Number(rows[0]?.n ?? 0);
}
