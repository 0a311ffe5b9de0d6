import type { ClientBase, Pool } from 'pg';
import { START, type Checkpoint } from '../types';

/** A reader's stored checkpoint, or {@link START} when it has none. */
export async function loadCheckpoint(db: Pool | ClientBase, reader: string): Promise<Checkpoint> {
  const { rows } = await db.query<{ transaction_id: string; global_position: string }>(
    'SELECT transaction_id::text AS transaction_id, global_position FROM checkpoints WHERE reader = $1',
    [reader],
  );
  return rows[0] ? { transactionId: rows[0].transaction_id, globalPosition: Number(rows[0].global_position) } : START;
}

/**
 * Stores a reader's checkpoint; call it in the transaction that applied the events, so that writes and
 * checkpoint commit together (a replayed event then changes nothing twice).
 */
export async function storeCheckpoint(client: ClientBase, reader: string, checkpoint: Checkpoint): Promise<void> {
  await client.query(
    `INSERT INTO checkpoints (reader, transaction_id, global_position, updated_at) VALUES ($1, $2::xid8, $3, now())
     ON CONFLICT (reader) DO UPDATE SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
    [reader, checkpoint.transactionId, checkpoint.globalPosition],
  );
}
