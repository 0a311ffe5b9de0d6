import type { Pool } from 'pg';

/**
 * Uses up transaction ids (one per subtransaction that writes to a temporary table) until the cluster's next id has
 * more digits than `transactionId`: tests of ordering by transaction id past a power of ten (…999 before 1000…),
 * where text order and number order disagree. The pool must keep one connection for the temporary table.
 */
export async function burnTransactionIdsPastPowerOfTen(pool: Pool, transactionId: string): Promise<void> {
  const digits = transactionId.length;
  await pool.query('CREATE TEMP TABLE IF NOT EXISTS burn (n int)');
  while ((await pool.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0]!.xid.length === digits) {
    await pool.query(
      'DO $$ BEGIN FOR i IN 1..2000 LOOP BEGIN INSERT INTO burn VALUES (i); EXCEPTION WHEN OTHERS THEN NULL; END; END LOOP; END $$',
    );
  }
}
