import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { appendToStream, inTransaction } from '@tm/event-store';
import { burnTransactionIdsPastPowerOfTen, useTestDatabase } from '@tm/testing';
import { checkpointAt } from './as-of';

const append = (pool: Pool) =>
  inTransaction(pool, (c) =>
    appendToStream(c, `report-${randomUUID()}`, 'report', 'no-stream', [{ type: 'Noted', schemaVersion: 1, payload: {} }]),
  );

describe('checkpointAt: the last event known at a moment (real PostgreSQL)', () => {
  const db = useTestDatabase();

  it('takes the last transaction by number past a power of ten (…999 before 1000…), not by text', async () => {
    const first = await append(db.pool);
    await burnTransactionIdsPastPowerOfTen(db.pool, first.transactionId);
    const second = await append(db.pool);
    expect(second.transactionId.length).toBeGreaterThan(first.transactionId.length);
    const checkpoint = await checkpointAt(db.pool, new Date(Date.now() + 60_000));
    expect(checkpoint).toEqual({ transactionId: second.transactionId, globalPosition: second.globalPositions[0] });
  });
});
