import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@tm/testing';
import { GroupCommitAppender } from './group-commit';
import { appendToStream, appendToStreams } from './sql/append';
import { readStream } from './sql/read';
import { inTransaction } from './transaction';
import { ExpectedVersionConflictError, type AppendResult, type NewEvent } from './types';

const event = (type: string, payload: unknown = {}): NewEvent => ({ type, schemaVersion: 1, payload });
const stream = () => `report-${randomUUID()}`;

describe('appendToStreams: several streams in one statement (real PostgreSQL)', () => {
  const db = useTestDatabase({ poolSize: 4 });

  it('keeps each stream at its own expected version: conflicts write nothing, the others are appended in argument order', async () => {
    const [existing, advanced, upserted, fresh, freshAny] = [stream(), stream(), stream(), stream(), stream()];
    for (const id of [existing, advanced, upserted])
      await inTransaction(db.pool, (c) => appendToStream(c, id, 'report', 'no-stream', [event('A'), event('B')]));
    const outcomes = await appendToStreams(db.pool, [
      { streamId: fresh, streamType: 'report', expected: 'no-stream', events: [event('N1'), event('N2')] },
      { streamId: existing, streamType: 'report', expected: 'no-stream', events: [event('X')] },
      { streamId: advanced, streamType: 'report', expected: 2, events: [event('C')] },
      { streamId: upserted, streamType: 'report', expected: 1, events: [event('Stale')] },
      { streamId: freshAny, streamType: 'report', expected: 'any', events: [event('F')] },
    ]);
    expect(outcomes[1]).toEqual(new ExpectedVersionConflictError(existing, 'no-stream', 2));
    expect(outcomes[3]).toEqual(new ExpectedVersionConflictError(upserted, 1, 2));
    const written = [outcomes[0], outcomes[2], outcomes[4]] as AppendResult[];
    expect(written.map((r) => r.nextVersion)).toEqual([2, 3, 1]);
    expect(new Set(written.map((r) => r.transactionId)).size).toBe(1);
    const positions = written.flatMap((r) => r.globalPositions);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect((await readStream(db.pool, existing)).version).toBe(2);
    expect((await readStream(db.pool, upserted)).version).toBe(2);
    expect((await readStream(db.pool, advanced)).events.map((e) => [e.version, e.type])).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ]);
    const any = await appendToStreams(db.pool, [{ streamId: freshAny, streamType: 'report', expected: 'any', events: [event('G')] }]);
    expect(any[0]).toMatchObject({ nextVersion: 2 });
  });

  it('refuses a stream twice in one call, no appends, and an append without events', async () => {
    const id = stream();
    const one = { streamId: id, streamType: 'report', expected: 'any' as const, events: [event('A')] };
    await expect(appendToStreams(db.pool, [one, one])).rejects.toThrow(/appears twice/);
    await expect(appendToStreams(db.pool, [])).rejects.toThrow(/at least one append/);
    await expect(appendToStreams(db.pool, [{ ...one, events: [] }])).rejects.toThrow(/at least one event/);
    expect((await readStream(db.pool, id)).version).toBe(0);
  });
});

describe('GroupCommitAppender: concurrent appends share a statement (real PostgreSQL)', () => {
  const db = useTestDatabase({ poolSize: 4 });

  it('writes concurrent appends together, each resolved with its own stream version', async () => {
    const appender = new GroupCommitAppender(db.pool);
    const ids = Array.from({ length: 60 }, stream);
    const results = await Promise.all(ids.map((id) => appender.append(id, 'report', 'no-stream', [event('A'), event('B')])));
    expect(results.every((r) => r.nextVersion === 2 && r.globalPositions.length === 2)).toBe(true);
    // Grouped: fewer transactions than appends (at most 2 statements in flight, so the first takes one, the rest wait).
    expect(new Set(results.map((r) => r.transactionId)).size).toBeLessThan(ids.length / 2);
    for (const id of ids.slice(0, 5)) expect((await readStream(db.pool, id)).events.map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('keeps appends to one stream in call order, in separate statements', async () => {
    const appender = new GroupCommitAppender(db.pool);
    const id = stream();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, v) => appender.append(id, 'report', v === 0 ? 'no-stream' : v, [event('E', { v: v + 1 })])),
    );
    expect(results.map((r) => r.nextVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(results.map((r) => r.transactionId)).size).toBe(8);
    expect((await readStream(db.pool, id)).events.map((e) => e.payload)).toEqual(Array.from({ length: 8 }, (_, v) => ({ v: v + 1 })));
  });

  it('rejects a conflicting append alone; its group commits', async () => {
    const appender = new GroupCommitAppender(db.pool, { maxInFlight: 1 });
    const taken = stream();
    await appender.append(taken, 'report', 'no-stream', [event('A')]);
    const others = Array.from({ length: 5 }, stream);
    const outcomes = await Promise.allSettled([
      appender.append(taken, 'report', 'no-stream', [event('Again')]),
      ...others.map((id) => appender.append(id, 'report', 'no-stream', [event('A')])),
    ]);
    expect(outcomes[0]).toEqual({ status: 'rejected', reason: new ExpectedVersionConflictError(taken, 'no-stream', 1) });
    const written = outcomes.slice(1).map((o) => (o as PromiseFulfilledResult<AppendResult>).value);
    expect(written.map((r) => r.nextVersion)).toEqual([1, 1, 1, 1, 1]);
    expect(new Set(written.map((r) => r.transactionId)).size).toBe(1);
    expect((await readStream(db.pool, taken)).version).toBe(1);
  });

  it('gives a statement error (a duplicate event id) to its own append only: the group is retried append by append', async () => {
    const appender = new GroupCommitAppender(db.pool, { maxInFlight: 1 });
    const eventId = randomUUID();
    await appender.append(stream(), 'report', 'no-stream', [{ ...event('A'), eventId }]);
    const dup = stream();
    const others = Array.from({ length: 4 }, stream);
    const outcomes = await Promise.allSettled([
      appender.append(dup, 'report', 'no-stream', [{ ...event('Dup'), eventId }]),
      ...others.map((id) => appender.append(id, 'report', 'no-stream', [event('A')])),
    ]);
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { code: '23505' } });
    expect(outcomes.slice(1).every((o) => o.status === 'fulfilled')).toBe(true);
    expect((await readStream(db.pool, dup)).version).toBe(0);
    for (const id of others) expect((await readStream(db.pool, id)).version).toBe(1);
  });
});
