import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { createPgPool, runMigrations } from '@tm/database';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A new, migrated database on the test server (`DATABASE_URL` set by the global setup), so that a test file
 * owns its data. `drop()` removes it.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run the tests through `npm test`');
  const name = `tm_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  if (options.migrate ?? true) await runMigrations(url);
  return {
    url,
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * For a `describe` block: a new database (migrated unless `migrate: false`) and a `pg` pool of `poolSize` (default 2)
 * on it, made in `beforeAll` and removed in `afterAll`. Read `url` and `pool` inside the tests.
 */
export function useTestDatabase(options: { migrate?: boolean; poolSize?: number } = {}): { readonly url: string; readonly pool: Pool } {
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(options);
    pool = createPgPool(database.url, options.poolSize ?? 2);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error('useTestDatabase: read url inside a test (the database is made in beforeAll)');
      return database.url;
    },
    get pool() {
      if (!pool) throw new Error('useTestDatabase: read pool inside a test (the pool is made in beforeAll)');
      return pool;
    },
  };
}
