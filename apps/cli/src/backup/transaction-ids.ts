import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Transaction ids of restored events. Readers take events in the order `(transaction_id, global_position)` and only
 * below the oldest running transaction (`libs/event-store`); the ids come from the source server's counter. In a new
 * cluster, whose counter starts near 1,000, events with the source's ids (millions, say) would stay invisible to every
 * reader until the counter passed them, and events appended after the restore would sort before them. So the
 * restored events get small ids, in the same read order: one id per run of events whose global positions rise in
 * that order (a new id only where the source order went back in global position), so `(id, global_position)` sorts
 * as the source's order did; checkpoints are moved onto the same event. Then the server's counter is taken past
 * the highest id given ({@link passTransactionId}).
 */
const FIRST_ID = 3; // below 3 xids are reserved (invalid, bootstrap, frozen)

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function stage(client: PoolClient, table: string, columns: string[], source: Readable): Promise<number> {
  await client.query(`CREATE TEMP TABLE restore_${table} (LIKE public.${table}) ON COMMIT DROP`);
  const copy = client.query(copyFrom(`COPY restore_${table} (${columns.map(quote).join(', ')}) FROM STDIN`));
  await pipeline(source, copy);
  return copy.rowCount;
}

/** Loads `events` through a staging table with new transaction ids; keeps the map for {@link copyCheckpointsRemapped}. */
export async function copyEventsRemapped(client: PoolClient, columns: string[], source: Readable): Promise<number> {
  const count = await stage(client, 'events', columns, source);
  await client.query(
    `CREATE TEMP TABLE restore_xid_map ON COMMIT DROP AS
     SELECT global_position, transaction_id AS source_id,
            (${FIRST_ID} + count(*) FILTER (WHERE previous > global_position) OVER (ORDER BY transaction_id, global_position))::text::xid8 AS new_id
       FROM (SELECT global_position, transaction_id, lag(global_position) OVER (ORDER BY transaction_id, global_position) AS previous
               FROM restore_events) ordered`,
  );
  await client.query('CREATE INDEX ON restore_xid_map (source_id, global_position)');
  const values = columns.map((c) => (c === 'transaction_id' ? 'm.new_id' : `e.${quote(c)}`));
  await client.query(
    `INSERT INTO public.events (${columns.map(quote).join(', ')}) OVERRIDING SYSTEM VALUE
     SELECT ${values.join(', ')} FROM restore_events e JOIN restore_xid_map m USING (global_position)`,
  );
  return count;
}

/** Loads `checkpoints`, each moved to the new id of the last event at or before it in the source order. */
export async function copyCheckpointsRemapped(client: PoolClient, columns: string[], source: Readable): Promise<number> {
  const count = await stage(client, 'checkpoints', columns, source);
  const hasMap = (await client.query<{ found: string | null }>(`SELECT to_regclass('pg_temp.restore_xid_map')::text AS found`)).rows[0]
    .found;
  const target = hasMap
    ? `LEFT JOIN LATERAL (SELECT new_id, global_position FROM restore_xid_map m
                          WHERE (m.source_id, m.global_position) <= (c.transaction_id, c.global_position)
                          ORDER BY m.source_id DESC, m.global_position DESC LIMIT 1) t ON true`
    : `LEFT JOIN (SELECT NULL::xid8 AS new_id, NULL::bigint AS global_position) t ON true`;
  const values = columns.map((c) =>
    c === 'transaction_id' ? `coalesce(t.new_id, '0'::xid8)` : c === 'global_position' ? 'coalesce(t.global_position, 0)' : `c.${quote(c)}`,
  );
  await client.query(
    `INSERT INTO public.checkpoints (${columns.map(quote).join(', ')}) SELECT ${values.join(', ')} FROM restore_checkpoints c ${target}`,
  );
  return count;
}

/** Takes the server's transaction counter past the highest id the restored events hold (a new cluster starts low). */
export async function passTransactionId(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ highest: string | null }>('SELECT max(transaction_id)::text AS highest FROM events');
  const highest = BigInt(rows[0].highest ?? '0');
  for (;;) {
    const { rows: current } = await client.query<{ id: string }>('SELECT pg_current_xact_id()::text AS id');
    if (BigInt(current[0].id) > highest) return;
  }
}
