import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { burnTransactionIdsPastPowerOfTen, useTestDatabase } from '@tm/testing';
import { appendToStream } from './sql/append';
import { loadCheckpoint, storeCheckpoint } from './sql/checkpoints';
import { findCommandOutcome, recordCommandOutcome } from './sql/command-log';
import { checkpointOf, countEventsAfter, hasReached, headPosition, readAll, readStream, readStreamThinned } from './sql/read';
import { inTransaction, TransactionRolledBackError } from './transaction';
import { ExpectedVersionConflictError, START, type Checkpoint, type NewEvent, type StoredEvent } from './types';

const event = (type: string, payload: unknown = {}): NewEvent => ({ type, schemaVersion: 1, payload });

describe('event store on a real PostgreSQL', () => {
  const db = useTestDatabase({ poolSize: 8 });

  /**
   * Reads until at least `atLeast` events are seen: the readable horizon is the oldest transaction running anywhere in
   * the cluster, so other test files' open transactions can delay (never reorder or hide) what a reader sees.
   */
  async function readAtLeast(
    atLeast: number,
    after: Checkpoint = START,
    ours: (e: StoredEvent) => boolean = () => true,
  ): Promise<StoredEvent[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const seen = (await readEverything(after)).filter(ours);
      if (seen.length >= atLeast || Date.now() > deadline) return seen;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function readEverything(after: Checkpoint = START): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    for (let cursor = after; ;) {
      const batch = await readAll(db.pool, cursor, 1000);
      if (batch.length === 0) return all;
      all.push(...batch);
      const last = batch[batch.length - 1];
      cursor = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    }
  }

  it('refuses to pass a transaction whose statement failed (and was caught) for a committed one', async () => {
    const streamId = `rolled-back-${randomUUID()}`;
    const attempt = inTransaction(db.pool, async (client) => {
      await appendToStream(client, streamId, 'test', 'no-stream', [{ type: 'Happened', schemaVersion: 1, payload: {}, metadata: {} }]);
      await client.query('SELECT 1/0').catch(() => undefined); // the transaction is now aborted
      return 'done';
    });
    await expect(attempt).rejects.toBeInstanceOf(TransactionRolledBackError);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM streams WHERE stream_id = $1', [streamId])).rows[0].n).toBe(0);
  });

  it('appends to a new stream and reads it back in version order', async () => {
    const stream = `report-${randomUUID()}`;
    const result = await inTransaction(db.pool, (c) =>
      appendToStream(c, stream, 'report', 'no-stream', [event('ReportSubmitted', { a: 1 }), event('EvidenceAdded', { b: 2 })]),
    );
    expect(result.nextVersion).toBe(2);
    expect(result.globalPositions).toHaveLength(2);
    const read = await readStream(db.pool, stream);
    expect(read.version).toBe(2);
    expect(read.events.map((e) => [e.version, e.type, e.payload])).toEqual([
      [1, 'ReportSubmitted', { a: 1 }],
      [2, 'EvidenceAdded', { b: 2 }],
    ]);
    expect(read.events.map((e) => e.globalPosition)).toEqual(result.globalPositions);
  });

  it('reads a stream thinned: every event but the last N of one type, and how many were left out', async () => {
    const stream = `alert-${randomUUID()}`;
    const types = ['Raised', 'Updated', 'Updated', 'Reviewed', 'Updated', 'Updated', 'Updated'];
    await inTransaction(db.pool, (c) =>
      appendToStream(
        c,
        stream,
        'alert',
        'no-stream',
        types.map((t, i) => event(t, { i })),
      ),
    );
    const thinned = await readStreamThinned(db.pool, stream, 'Updated', 2);
    expect(thinned.events.map((e) => [e.version, e.type])).toEqual([
      [1, 'Raised'],
      [4, 'Reviewed'],
      [6, 'Updated'],
      [7, 'Updated'],
    ]);
    expect(thinned.omitted).toBe(3);
    expect((await readStreamThinned(db.pool, stream, 'Updated', 10)).events).toHaveLength(7);
    expect(await readStreamThinned(db.pool, stream, 'Other', 1)).toMatchObject({ omitted: 0 });
    expect(await readStreamThinned(db.pool, `alert-${randomUUID()}`, 'Updated', 1)).toEqual({ events: [], omitted: 0 });
    await expect(readStreamThinned(db.pool, stream, 'Updated', 0)).rejects.toThrow(/keepLast/);
  });

  it('appends at the expected version and refuses a stale one', async () => {
    const stream = `report-${randomUUID()}`;
    await inTransaction(db.pool, (c) => appendToStream(c, stream, 'report', 'no-stream', [event('ReportSubmitted')]));
    await inTransaction(db.pool, (c) => appendToStream(c, stream, 'report', 1, [event('ClaimAmended')]));
    await expect(inTransaction(db.pool, (c) => appendToStream(c, stream, 'report', 1, [event('ClaimAmended')]))).rejects.toEqual(
      new ExpectedVersionConflictError(stream, 1, 2),
    );
    await expect(
      inTransaction(db.pool, (c) => appendToStream(c, stream, 'report', 'no-stream', [event('ReportSubmitted')])),
    ).rejects.toBeInstanceOf(ExpectedVersionConflictError);
    expect((await readStream(db.pool, stream)).version).toBe(2);
  });

  it('lets exactly one of two concurrent writers at the same expected version win', async () => {
    const stream = `report-${randomUUID()}`;
    await inTransaction(db.pool, (c) => appendToStream(c, stream, 'report', 'no-stream', [event('ReportSubmitted')]));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => inTransaction(db.pool, (c) => appendToStream(c, stream, 'report', 1, [event('ClaimAmended')]))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ExpectedVersionConflictError)).toHaveLength(5);
    expect((await readStream(db.pool, stream)).version).toBe(2);
  });

  it('never lets a reader skip an event whose transaction commits late', async () => {
    const before = await readEverything();
    const after: Checkpoint = before.length
      ? { transactionId: before.at(-1)!.transactionId, globalPosition: before.at(-1)!.globalPosition }
      : START;

    // A slow writer takes the smaller global position but has not committed yet…
    const slow: PoolClient = await db.pool.connect();
    await slow.query('BEGIN');
    const slowAppend = await appendToStream(slow, `report-${randomUUID()}`, 'report', 'no-stream', [
      event('ReportSubmitted', { slow: true }),
    ]);
    // …while a fast writer takes a larger one and commits.
    const fastAppend = await inTransaction(db.pool, (c) =>
      appendToStream(c, `report-${randomUUID()}`, 'report', 'no-stream', [event('ReportSubmitted', { fast: true })]),
    );
    expect(fastAppend.globalPositions[0]).toBeGreaterThan(slowAppend.globalPositions[0]);

    // The reader must not move past the slow writer's event: it sees nothing new yet.
    expect(await readEverything(after)).toEqual([]);

    await slow.query('COMMIT');
    slow.release();
    const seen = await readAtLeast(2, after, (e) =>
      Boolean(e.payload && typeof e.payload === 'object' && ('slow' in e.payload || 'fast' in e.payload)),
    );
    expect(seen.map((e) => e.payload)).toEqual([{ slow: true }, { fast: true }]);
  });

  it('lets a one-shot snapshot read take every committed event, even past another transaction still running', async () => {
    const open: PoolClient = await db.pool.connect();
    try {
      await open.query('BEGIN');
      await appendToStream(open, `report-${randomUUID()}`, 'report', 'no-stream', [event('ReportSubmitted', { open: true })]);
      const committed = await inTransaction(db.pool, (c) =>
        appendToStream(c, `report-${randomUUID()}`, 'report', 'no-stream', [event('ReportSubmitted', { committed: true })]),
      );
      const target = (await checkpointOf(db.pool, committed.globalPositions[0]))!;
      const horizon = await readAll(db.pool, START, 1_000_000, { upTo: target });
      const snapshot = await readAll(db.pool, START, 1_000_000, { upTo: target, visibility: 'snapshot' });
      expect(horizon.some((e) => e.globalPosition === target.globalPosition)).toBe(false);
      expect(snapshot.at(-1)).toMatchObject({ globalPosition: target.globalPosition, payload: { committed: true } });
      expect(snapshot.some((e) => (e.payload as { open?: boolean }).open)).toBe(false);
    } finally {
      await open.query('ROLLBACK');
      open.release();
    }
  });

  it('gives every event once, in an order consistent with each stream, under concurrent appends', async () => {
    const start = await readAtLeast(0);
    const cursor: Checkpoint = start.length
      ? { transactionId: start.at(-1)!.transactionId, globalPosition: start.at(-1)!.globalPosition }
      : START;
    const streams = Array.from({ length: 20 }, () => `report-${randomUUID()}`);
    await Promise.all(
      streams.map(async (stream) => {
        for (let v = 0; v < 5; v++) {
          await inTransaction(db.pool, (c) => appendToStream(c, stream, 'report', v === 0 ? 'no-stream' : v, [event('E', { v: v + 1 })]));
        }
      }),
    );
    const seen = await readAtLeast(100, cursor, (e) => streams.includes(e.streamId));
    expect(seen).toHaveLength(100);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(100);
    for (const stream of streams) {
      expect(seen.filter((e) => e.streamId === stream).map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('stores checkpoints and compares them in the global order', async () => {
    const stream = `report-${randomUUID()}`;
    const appended = await inTransaction(db.pool, (c) => appendToStream(c, stream, 'report', 'no-stream', [event('ReportSubmitted')]));
    const target = (await checkpointOf(db.pool, appended.globalPositions[0]))!;
    expect(await loadCheckpoint(db.pool, 'test-reader')).toEqual(START);
    await inTransaction(db.pool, (c) => storeCheckpoint(c, 'test-reader', target));
    expect(await loadCheckpoint(db.pool, 'test-reader')).toEqual(target);
    expect(hasReached(target, target)).toBe(true);
    expect(hasReached(START, target)).toBe(false);
  });

  it('records a command outcome once, in the inbox', async () => {
    const commandId = randomUUID();
    expect(await findCommandOutcome(db.pool, commandId)).toBeUndefined();
    const first = await inTransaction(db.pool, (c) =>
      recordCommandOutcome(c, {
        commandId,
        commandType: 'SubmitReport',
        aggregateId: 'r1',
        status: 'succeeded',
        globalPositions: { first: 1, last: 2 },
      }),
    );
    const again = await inTransaction(db.pool, (c) =>
      recordCommandOutcome(c, { commandId, commandType: 'SubmitReport', aggregateId: 'r1', status: 'succeeded' }),
    );
    expect([first, again]).toEqual([true, false]);
    expect(await findCommandOutcome(db.pool, commandId)).toMatchObject({ status: 'succeeded', globalPositions: { first: 1, last: 2 } });
  });
});

describe('global order across transaction ids of different lengths', () => {
  const db = useTestDatabase();

  it('orders by transaction id as a number (999 before 1000), not as text', async () => {
    const first = await inTransaction(db.pool, (c) => appendToStream(c, `report-${randomUUID()}`, 'report', 'no-stream', [event('First')]));
    const digits = first.transactionId.length;
    await burnTransactionIdsPastPowerOfTen(db.pool, first.transactionId);
    const second = await inTransaction(db.pool, (c) =>
      appendToStream(c, `report-${randomUUID()}`, 'report', 'no-stream', [event('Second')]),
    );
    expect(second.transactionId.length).toBeGreaterThan(digits);
    // Wait until both are readable (another file's open transaction can hold the horizon back for a moment).
    for (const deadline = Date.now() + 20_000; (await readAll(db.pool, START, 10)).length < 2 && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 20));
    const seen = await readAll(db.pool, START, 1);
    expect(seen.map((e) => e.type)).toEqual(['First']);
    const next = await readAll(db.pool, { transactionId: seen[0].transactionId, globalPosition: seen[0].globalPosition }, 10);
    expect(next.map((e) => e.type)).toEqual(['Second']);
    // A reader's backlog (the outbox lag metric) counts in the same order, and the head is the highest position.
    expect(await countEventsAfter(db.pool, START)).toBe(2);
    expect(await countEventsAfter(db.pool, START, 1)).toBe(1);
    expect(await countEventsAfter(db.pool, { transactionId: seen[0].transactionId, globalPosition: seen[0].globalPosition })).toBe(1);
    expect(await countEventsAfter(db.pool, { transactionId: next[0].transactionId, globalPosition: next[0].globalPosition })).toBe(0);
    expect(await headPosition(db.pool)).toBe(next[0].globalPosition);
  });
});
