import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import { appendToStream, inTransaction } from '@tm/event-store';
import { createTestDatabase, type TestDatabase } from '@tm/testing';
import { checkpointAt } from './as-of';

const append = (pool: Pool) => inTransaction(pool, (c) => appendToStream(c, `report-${randomUUID()}`, 'report', 'no-stream', [{ type: 'Noted', schemaVersion: 1, payload: {} }]));

describe('checkpointAt: the last event known at a moment (real PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPgPool(database.url, 2);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('takes the last transaction by number past a power of ten (…999 before 1000…), not by text', async () => {
    const first = await append(pool);
    // Burn transaction ids (one per subtransaction that writes) until the next power of ten is passed.
    const digits = first.transactionId.length;
    await pool.query('CREATE TEMP TABLE burn (n int)');
    while ((await pool.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0]!.xid.length === digits) {
      await pool.query('DO $$ BEGIN FOR i IN 1..2000 LOOP BEGIN INSERT INTO burn VALUES (i); EXCEPTION WHEN OTHERS THEN NULL; END; END LOOP; END $$');
    }
    const second = await append(pool);
    expect(second.transactionId.length).toBeGreaterThan(digits);
    const checkpoint = await checkpointAt(pool, new Date(Date.now() + 60_000));
    expect(checkpoint).toEqual({ transactionId: second.transactionId, globalPosition: second.globalPositions[0] });
  });
});
