import type { Pool } from 'pg';
import { readAll, START, type Checkpoint, type StoredEvent } from '@tm/event-store';

/**
 * Every stored event after `after`, in the read order, once all of them are readable: readers take only events below
 * the oldest transaction running in the whole cluster, so another test file's open transaction (a list import) can
 * hold committed events back for a while. Once readable they stay so. Gives up waiting after `timeoutMs`.
 */
export async function readableEvents(pool: Pool, after: Checkpoint = START, timeoutMs = 45_000): Promise<StoredEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)',
      [after.transactionId, after.globalPosition],
    );
    const all: StoredEvent[] = [];
    for (let checkpoint = after; ;) {
      const batch = await readAll(pool, checkpoint, 1000);
      if (batch.length === 0) break;
      all.push(...batch);
      const last = batch[batch.length - 1];
      checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    }
    if (all.length >= rows[0].n || Date.now() > deadline) return all;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
