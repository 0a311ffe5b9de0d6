import type { Pool, PoolClient } from 'pg';

/** COMMIT answered ROLLBACK: the transaction had failed (a statement error `work` caught), so nothing was written. */
export class TransactionRolledBackError extends Error {
  constructor() {
    super('COMMIT rolled back: a statement of the transaction had failed, so none of its writes were kept');
  }
}

/**
 * Runs `work` in a transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws.
 * The connection is destroyed rather than reused when the rollback itself fails (e.g. the server went away).
 * @throws TransactionRolledBackError when `work` resolved but the transaction had failed (PostgreSQL turns COMMIT
 *   into ROLLBACK then), so a caught statement error can never pass for a committed write.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    const commit = await client.query('COMMIT');
    if (commit.command === 'ROLLBACK') throw new TransactionRolledBackError();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
