import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import { createTestDatabase, type TestDatabase } from '@tm/testing';
import { appendToStream, appendToStreams } from './sql/append';
import { findCommandOutcome, findCommandOutcomes, recordCommandOutcome, recordCommandOutcomes } from './sql/command-log';
import { readStream, readStreams } from './sql/read';
import { inTransaction } from './transaction';
import type { AppendResult, NewEvent } from './types';

const event = (type: string, payload: unknown = {}): NewEvent => ({ type, schemaVersion: 1, payload });
const succeeded = (commandId: string, aggregateId: string, first: number, last: number) => ({
  commandId,
  commandType: 'SubmitReport',
  aggregateId,
  status: 'succeeded' as const,
  globalPositions: { first, last },
});

/** The batch functions of the processor's inbox (findCommandOutcomes, readStreams, recordCommandOutcomes). */
describe('command batch: several commands and streams per statement (real PostgreSQL)', () => {
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
  // The record functions run on the caller's transaction's client (as the processor calls them).
  const recordOutcomes = (outcomes: Parameters<typeof recordCommandOutcomes>[1]) =>
    inTransaction(pool, (client) => recordCommandOutcomes(client, outcomes));
  const recordOutcome = (outcome: Parameters<typeof recordCommandOutcome>[1]) =>
    inTransaction(pool, (client) => recordCommandOutcome(client, outcome));

  it('answers empty input with an empty result and writes nothing', async () => {
    expect(await findCommandOutcomes(pool, [])).toEqual(new Map());
    expect(await readStreams(pool, [])).toEqual(new Map());
    expect(await recordOutcomes([])).toEqual(new Set());
    const { rows } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM processed_commands');
    expect(rows[0]!.n).toBe('0');
  });

  it('findCommandOutcomes gives each recorded outcome as findCommandOutcome does, unknown ids absent', async () => {
    const [ok, refused, unknown] = [randomUUID(), randomUUID(), randomUUID()];
    await recordOutcome(succeeded(ok, 'r-1', 7, 9));
    const reason = { code: 'REPORT_CLOSED', message: 'report r-2 is closed', field: 'reportId' };
    await recordOutcome({ commandId: refused, commandType: 'AmendReport', aggregateId: 'r-2', status: 'rejected', reason });

    const found = await findCommandOutcomes(pool, [ok, unknown, refused]);
    expect([...found.keys()].sort()).toEqual([ok, refused].sort());
    expect(found.get(ok)).toEqual(await findCommandOutcome(pool, ok));
    expect(found.get(ok)).toMatchObject({
      commandType: 'SubmitReport',
      aggregateId: 'r-1',
      status: 'succeeded',
      globalPositions: { first: 7, last: 9 },
    });
    expect(found.get(refused)).toMatchObject({ commandType: 'AmendReport', aggregateId: 'r-2', status: 'rejected', reason });
    expect(found.get(refused)!.globalPositions).toBeUndefined();
    expect(found.get(ok)!.processedAt).toBeInstanceOf(Date);
  });

  it('recordCommandOutcomes records several commands, reports a repeated id as not recorded and keeps the first outcome', async () => {
    const [a, b, c, earlier] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await recordOutcome(succeeded(earlier, 'r-0', 1, 1));
    const reason = { code: 'VALIDATION', message: 'weightKg must be positive', field: 'weightKg' };
    const recorded = await recordOutcomes([
      succeeded(a, 'r-a', 10, 11),
      { commandId: b, commandType: 'AmendReport', aggregateId: 'r-b', status: 'rejected', reason },
      succeeded(earlier, 'r-other', 50, 50), // recorded before: not recorded again
      succeeded(c, 'r-c', 12, 12),
    ]);
    expect([...recorded].sort()).toEqual([a, b, c].sort());

    const found = await findCommandOutcomes(pool, [a, b, c, earlier]);
    expect(found.get(a)).toMatchObject({ aggregateId: 'r-a', status: 'succeeded', globalPositions: { first: 10, last: 11 } });
    expect(found.get(b)).toMatchObject({ aggregateId: 'r-b', status: 'rejected', reason }); // jsonb object, not a string
    expect(found.get(b)!.globalPositions).toBeUndefined();
    expect(found.get(c)).toMatchObject({ aggregateId: 'r-c', globalPositions: { first: 12, last: 12 } });
    expect(found.get(earlier)).toMatchObject({ aggregateId: 'r-0', globalPositions: { first: 1, last: 1 } });

    // An id twice in one call: one row, no error (the processor never sends that; it must not fail if it did).
    const twice = randomUUID();
    expect(await recordOutcomes([succeeded(twice, 'r-t', 20, 20), succeeded(twice, 'r-t', 21, 21)])).toEqual(new Set([twice]));
    const { rows } = await pool.query('SELECT 1 FROM processed_commands WHERE command_id = $1', [twice]);
    expect(rows).toHaveLength(1);
  });

  it('readStreams gives every stream asked for as readStream does, a missing one at version 0 with no events', async () => {
    const [a, b, missing] = [`report-${randomUUID()}`, `report-${randomUUID()}`, `report-${randomUUID()}`];
    // Interleaved transactions, so neither stream's events are contiguous in the store.
    await inTransaction(pool, (c) =>
      appendToStream(c, a, 'report', 'no-stream', [event('ReportSubmitted', { n: 1 }), event('EvidenceAdded', { n: 2 })]),
    );
    await inTransaction(pool, (c) => appendToStream(c, b, 'report', 'no-stream', [event('ReportSubmitted', { n: 1 })]));
    await inTransaction(pool, (c) => appendToStream(c, a, 'report', 2, [event('ReportAmended', { n: 3 })]));

    const streams = await readStreams(pool, [b, missing, a, b]);
    expect([...streams.keys()]).toEqual([b, missing, a]);
    expect(streams.get(a)).toEqual(await readStream(pool, a));
    expect(streams.get(b)).toEqual(await readStream(pool, b));
    expect(streams.get(a)!.version).toBe(3);
    expect(streams.get(a)!.events.map((e) => [e.streamId, e.version, e.payload])).toEqual([
      [a, 1, { n: 1 }],
      [a, 2, { n: 2 }],
      [a, 3, { n: 3 }],
    ]);
    expect(streams.get(b)!.events.map((e) => [e.streamId, e.version])).toEqual([[b, 1]]);
    expect(streams.get(missing)).toEqual({ version: 0, events: [] });
  });

  it("works inside the caller's transaction: sees its uncommitted writes, and a rollback leaves nothing recorded", async () => {
    const [a, b] = [`report-${randomUUID()}`, `report-${randomUUID()}`];
    const commands = [randomUUID(), randomUUID()];
    const rollback = new Error('roll back');
    await expect(
      inTransaction(pool, async (client) => {
        const outcomes = (await appendToStreams(client, [
          { streamId: a, streamType: 'report', expected: 'no-stream', events: [event('ReportSubmitted')] },
          { streamId: b, streamType: 'report', expected: 'no-stream', events: [event('ReportSubmitted'), event('EvidenceAdded')] },
        ])) as AppendResult[];
        const recorded = await recordCommandOutcomes(client, [
          succeeded(commands[0]!, a, outcomes[0]!.globalPositions[0]!, outcomes[0]!.globalPositions[0]!),
          succeeded(commands[1]!, b, outcomes[1]!.globalPositions[0]!, outcomes[1]!.globalPositions[1]!),
        ]);
        expect(recorded).toEqual(new Set(commands));
        // The caller's connection sees its own writes; others do not until it commits.
        expect([...(await findCommandOutcomes(client, commands)).keys()].sort()).toEqual([...commands].sort());
        expect([...(await readStreams(client, [a, b])).values()].map((s) => s.version)).toEqual([1, 2]);
        expect((await findCommandOutcomes(pool, commands)).size).toBe(0);
        expect((await readStreams(pool, [a])).get(a)!.version).toBe(0);
        throw rollback;
      }),
    ).rejects.toBe(rollback);

    expect((await findCommandOutcomes(pool, commands)).size).toBe(0);
    expect([...(await readStreams(pool, [a, b])).values()]).toEqual([
      { version: 0, events: [] },
      { version: 0, events: [] },
    ]);
    // Nothing left behind: the same commands record afresh.
    expect(await recordOutcomes([succeeded(commands[0]!, a, 1, 1), succeeded(commands[1]!, b, 2, 3)])).toEqual(new Set(commands));
  });
});
