import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@tm/testing';
import { advisoryLocks, advisoryUnlock, advisoryXactLocks, tryAdvisoryLock, tryAdvisoryXactLock } from './advisory-locks';

describe('advisory locks by name, on a real PostgreSQL', () => {
  let database: TestDatabase;
  const sessions: Client[] = [];
  const session = async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    sessions.push(client);
    return client;
  };

  beforeAll(async () => (database = await createTestDatabase({ migrate: false })));
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.end()));
    await database.drop();
  });

  it('a session lock excludes other sessions until released, and other names do not collide with it', async () => {
    const [a, b] = [await session(), await session()];
    expect(await tryAdvisoryLock(a, advisoryLocks.outboxRelayLeader)).toBe(true);
    expect(await tryAdvisoryLock(b, advisoryLocks.outboxRelayLeader)).toBe(false);
    await b.query('BEGIN');
    expect(await tryAdvisoryXactLock(b, advisoryLocks.alertDeliveriesProjection)).toBe(true);
    await b.query('COMMIT');
    await advisoryUnlock(a, advisoryLocks.outboxRelayLeader);
    expect(await tryAdvisoryLock(b, advisoryLocks.outboxRelayLeader)).toBe(true);
    await advisoryUnlock(b, advisoryLocks.outboxRelayLeader);
  });

  it('transaction locks: shared ones coexist, an exclusive one waits for them, and all end with the transaction', async () => {
    const [a, b, c] = [await session(), await session(), await session()];
    const name = advisoryLocks.projectionSwitch('read-models');
    await a.query('BEGIN');
    await b.query('BEGIN');
    await advisoryXactLocks(a, [name], 'shared');
    await advisoryXactLocks(b, [name], 'shared');
    await c.query('BEGIN');
    let exclusive = false;
    const waiting = advisoryXactLocks(c, [name, advisoryLocks.readModelRow('rm_v1', 'ledger', 'CN|RU')]).then(() => (exclusive = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(exclusive).toBe(false);
    await a.query('COMMIT');
    await b.query('COMMIT');
    await waiting;
    expect(exclusive).toBe(true);
    await c.query('COMMIT');
    expect(await tryAdvisoryXactLock(a, name)).toBe(true);
  });
});
