import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import { createTestDatabase, type TestDatabase } from '@tm/testing';
import { appendToStream } from './sql/append';
import { findCommandOutcome, recordCommandOutcome } from './sql/command-log';
import { readStream } from './sql/read';
import { SavepointRollbackError, withSavepoint } from './savepoint';
import { inTransaction } from './transaction';
import { ExpectedVersionConflictError, type NewEvent } from './types';

const event = (type: string, payload: unknown = {}): NewEvent => ({ type, schemaVersion: 1, payload });

describe('withSavepoint: several units of work in one transaction (real PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPgPool(database.url, 4);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('commits every unit that succeeded and rolls back only the one whose expected version conflicted', async () => {
    const [a, b, c] = [`report-${randomUUID()}`, `report-${randomUUID()}`, `report-${randomUUID()}`];
    await inTransaction(pool, (client) => appendToStream(client, b, 'report', 'no-stream', [event('ReportSubmitted')]));
    const commands = [randomUUID(), randomUUID(), randomUUID()];
    const outcomes = await inTransaction(pool, async (client) => {
      const settled: (string | Error)[] = [];
      for (const [i, stream] of [a, b, c].entries()) {
        try {
          settled.push(
            await withSavepoint(client, 'command', async () => {
              const appended = await appendToStream(client, stream, 'report', 'no-stream', [
                event('ReportSubmitted', { i }),
                event('EvidenceAdded', { i }),
              ]);
              await recordCommandOutcome(client, {
                commandId: commands[i]!,
                commandType: 'SubmitReport',
                aggregateId: stream,
                status: 'succeeded',
              });
              return appended.transactionId;
            }),
          );
        } catch (error) {
          settled.push(error as Error);
        }
      }
      return settled;
    });
    expect(outcomes[1]).toBeInstanceOf(ExpectedVersionConflictError);
    expect(outcomes[0]).toBe(outcomes[2]); // one transaction: one transaction id for every unit's events
    expect((await readStream(pool, a)).events.map((e) => e.payload)).toEqual([{ i: 0 }, { i: 0 }]);
    expect((await readStream(pool, b)).version).toBe(1);
    expect((await readStream(pool, c)).events.map((e) => [e.version, e.transactionId])).toEqual([
      [1, outcomes[2]],
      [2, outcomes[2]],
    ]);
    expect(await findCommandOutcome(pool, commands[0]!)).toMatchObject({ status: 'succeeded' });
    expect(await findCommandOutcome(pool, commands[1]!)).toBeUndefined();
    expect(await findCommandOutcome(pool, commands[2]!)).toMatchObject({ status: 'succeeded' });
  });

  it('leaves the transaction usable after an SQL error inside the unit (which aborts a transaction without it)', async () => {
    const stream = `report-${randomUUID()}`;
    await inTransaction(pool, async (client) => {
      await expect(withSavepoint(client, 'broken', () => client.query('SELECT 1/0'))).rejects.toThrow(/division by zero/);
      await appendToStream(client, stream, 'report', 'no-stream', [event('ReportSubmitted')]);
    });
    expect((await readStream(pool, stream)).version).toBe(1);
  });

  it('rolls the unit back with the transaction when the transaction itself rolls back', async () => {
    const stream = `report-${randomUUID()}`;
    await expect(
      inTransaction(pool, async (client) => {
        await withSavepoint(client, 'unit', () => appendToStream(client, stream, 'report', 'no-stream', [event('ReportSubmitted')]));
        throw new Error('later failure');
      }),
    ).rejects.toThrow('later failure');
    expect((await readStream(pool, stream)).version).toBe(0);
  });

  it('says the transaction is unusable when the rollback to the savepoint fails (here: the savepoint was released inside the unit)', async () => {
    await expect(
      inTransaction(pool, (client) =>
        withSavepoint(client, 'unit', async () => {
          await client.query('RELEASE SAVEPOINT unit');
          throw new Error('unit failed');
        }),
      ),
    ).rejects.toBeInstanceOf(SavepointRollbackError);
  });

  it('refuses a name that is not a plain identifier', async () => {
    await expect(inTransaction(pool, (client) => withSavepoint(client, 'x; DROP TABLE events', async () => 1))).rejects.toThrow(
      /not a plain SQL identifier/,
    );
  });
});
