import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { retryEverySeedOnce, type Environment } from '@tm/platform';
import { allMigrations } from '../../../migrations';

/** A dependency that is missing or misconfigured at start-up; its message is meant for an operator. */
export class StartupCheckError extends Error {}

/** `postgres://user:***@host:port/db`: the URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

async function retryUntil<T>(deadline: number, attempt: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() + 500 >= deadline) throw error;
      await sleep(500);
    }
  }
}

/**
 * Waits (up to `STARTUP_CHECK_TIMEOUT_MS`) for PostgreSQL to accept a connection and checks the schema has
 * every migration applied.
 * @throws StartupCheckError saying which URL failed and why, or which migrations are pending.
 */
export async function checkPostgres(env: Pick<Environment, 'DATABASE_URL' | 'STARTUP_CHECK_TIMEOUT_MS'>): Promise<void> {
  const deadline = Date.now() + env.STARTUP_CHECK_TIMEOUT_MS;
  let applied: string[];
  try {
    applied = await retryUntil(deadline, async () => {
      const client = new Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 3_000 });
      client.on('error', () => undefined);
      await client.connect();
      try {
        const table = await client.query(`SELECT to_regclass('schema_migrations') AS name`);
        if (!table.rows[0].name) return [];
        const rows = await client.query<{ name: string }>('SELECT name FROM schema_migrations');
        return rows.rows.map((r) => r.name);
      } finally {
        await client.end();
      }
    });
  } catch (error) {
    throw new StartupCheckError(`cannot use PostgreSQL at ${redactUrl(env.DATABASE_URL)}: ${(error as Error).message}`);
  }
  const pending = allMigrations.map((m) => m.name).filter((name) => !applied.includes(name));
  if (pending.length > 0) {
    throw new StartupCheckError(
      `the database schema is behind by ${pending.length} migration(s) (${pending.join(', ')}): run \`npm run migrate\``,
    );
  }
}

/**
 * Waits (up to `STARTUP_CHECK_TIMEOUT_MS`) for a Kafka broker to answer a metadata request.
 * @throws StartupCheckError naming the brokers and the last error.
 */
export async function checkKafka(env: Pick<Environment, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID' | 'STARTUP_CHECK_TIMEOUT_MS'>): Promise<void> {
  const deadline = Date.now() + env.STARTUP_CHECK_TIMEOUT_MS;
  const kafka = new Kafka({
    clientId: `${env.KAFKA_CLIENT_ID}-startup-check`,
    brokers: [...env.KAFKA_BROKERS],
    connectionTimeout: 3_000,
    logLevel: logLevel.NOTHING,
    retry: retryEverySeedOnce(env.KAFKA_BROKERS),
  });
  try {
    await retryUntil(deadline, async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.describeCluster();
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    });
  } catch (error) {
    throw new StartupCheckError(`cannot reach Kafka at ${env.KAFKA_BROKERS.join(',')}: ${(error as Error).message}`);
  }
}
