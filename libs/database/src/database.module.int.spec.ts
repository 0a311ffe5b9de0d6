import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, type Pool } from 'pg';
import { ConfigModule } from '@tm/platform';
import { createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { DatabaseModule, PG_POOL } from './database.module';

@Module({ imports: [ConfigModule, DatabaseModule] })
class AppWithDatabase {}

/** Client connections to the database other than `observer`'s own (autovacuum workers, which also show there, do not count). */
async function connections(observer: Client): Promise<number> {
  const { rows } = await observer.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
  );
  return rows[0]!.n;
}

describe('DatabaseModule on a real PostgreSQL', () => {
  let database: TestDatabase;
  let observer: Client;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    observer = new Client({ connectionString: database.url });
    await observer.connect();
  });
  afterAll(async () => {
    await observer.end();
    await database.drop();
  });

  it("opens one pool: an app holds no connection until its first query, then only that pool's", async () => {
    useTestEnvironment(database.url);
    const app = await NestFactory.createApplicationContext(AppWithDatabase, { logger: false });
    try {
      expect(await connections(observer)).toBe(0); // a second pool (TypeORM's, which nothing used) held one from start-up
      const pool = app.get<Pool>(PG_POOL);
      await Promise.all([pool.query('SELECT pg_sleep(0.05)'), pool.query('SELECT pg_sleep(0.05)')]);
      expect(await connections(observer)).toBe(pool.totalCount);
    } finally {
      await app.close();
    }
    // A closed connection's backend leaves pg_stat_activity a moment after the client hung up.
    for (let waited = 0; (await connections(observer)) > 0 && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(await connections(observer)).toBe(0);
  });
});
