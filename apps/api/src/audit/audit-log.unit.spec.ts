import type { Pool } from 'pg';
import type { NewAuditEntry } from '@tm/read-models';
import { AuditLog } from './audit-log';

const entry = (n: number): NewAuditEntry => ({
  at: new Date(n),
  keyId: null,
  keyName: null,
  keyRole: null,
  method: 'GET',
  route: '/v1/reports',
  path: `/v1/reports?${n}`,
  status: 401,
  outcome: 'unauthenticated',
  correlationId: null,
  clientAddress: '127.0.0.1',
});

/** A pool whose `query` records each statement's rows (the first array parameter's length) or fails while `down`. */
function fakePool() {
  const state = { down: false, statements: [] as number[], paths: [] as string[] };
  const pool = {
    query: jest.fn(async (_sql: string, params: unknown[][]) => {
      if (state.down) throw new Error('connect ECONNREFUSED');
      state.statements.push(params[0]!.length);
      state.paths.push(...(params[6] as string[]));
      return { rows: [] };
    }),
  };
  return { pool: pool as unknown as Pool, state, query: pool.query };
}

describe('AuditLog buffering', () => {
  const logs: AuditLog[] = [];
  const make = (pool: Pool, capRows = 20_000) => {
    const log = new AuditLog(pool, { intervalMs: 60_000, batchRows: 500, capRows });
    logs.push(log);
    return log;
  };
  afterEach(async () => {
    for (const log of logs.splice(0)) await log.beforeApplicationShutdown();
  });

  it('does not touch PostgreSQL while recording, and writes 500 rows per INSERT', async () => {
    const { pool, state, query } = fakePool();
    const log = make(pool);
    for (let i = 0; i < 499; i++) log.record(entry(i));
    expect(query).not.toHaveBeenCalled();
    for (let i = 499; i < 1200; i++) log.record(entry(i));
    await log.flush();
    expect(state.statements).toEqual([500, 500, 200]);
    expect(state.paths).toEqual(Array.from({ length: 1200 }, (_, i) => `/v1/reports?${i}`));
  });

  it('keeps the newest rows up to the cap while PostgreSQL is down, counts the dropped, and writes the rest once it is back', async () => {
    const { pool, state } = fakePool();
    const log = make(pool, 100);
    state.down = true;
    for (let i = 0; i < 250; i++) log.record(entry(i));
    await log.flush();
    expect(log.bufferedRows).toBe(100);
    expect(log.droppedRows).toBe(150);
    state.down = false;
    await log.flush();
    expect(log.bufferedRows).toBe(0);
    expect(state.paths).toEqual(Array.from({ length: 100 }, (_, i) => `/v1/reports?${150 + i}`));
  });

  it('writes what is buffered at shutdown', async () => {
    const { pool, state } = fakePool();
    const log = make(pool);
    log.record(entry(1));
    log.record(entry(2));
    await log.beforeApplicationShutdown();
    expect(state.statements).toEqual([2]);
  });
});
