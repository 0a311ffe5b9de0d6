import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import { appendToStream, inTransaction } from '@tm/event-store';
import { burnTransactionIdsPastPowerOfTen, createTestDatabase, type TestDatabase } from '@tm/testing';
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
    await burnTransactionIdsPastPowerOfTen(pool, first.transactionId);
    const second = await append(pool);
    expect(second.transactionId.length).toBeGreaterThan(first.transactionId.length);
    const checkpoint = await checkpointAt(pool, new Date(Date.now() + 60_000));
    expect(checkpoint).toEqual({ transactionId: second.transactionId, globalPosition: second.globalPositions[0] });
  });
});
