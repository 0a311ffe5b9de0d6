import { Client } from 'pg';
import { runMigrations } from '@tm/database';
import { localDir, startLocalStack, type LocalStack } from '@tm/local-stack';

/**
 * The services the benchmarks run against: a real PostgreSQL and (for the end-to-end benchmarks only) a real Kafka
 * broker, started once per run under `.local/bench/` with fresh data, or taken from `BENCH_DATABASE_URL` /
 * `BENCH_KAFKA_BROKERS` when set. Every benchmark gets a database of its own ({@link benchDatabase}).
 */
let postgres: Promise<LocalStack> | undefined;
let kafka: Promise<LocalStack> | undefined;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function startPostgres(): Promise<LocalStack> {
  log('starting PostgreSQL under .local/bench/postgres…');
  // KAFKA_BROKERS set: startLocalStack then starts no broker (this stack is PostgreSQL only).
  return startLocalStack({
    root: localDir('bench', 'postgres'),
    kafkaCacheDir: localDir('kafka-runtime'),
    fresh: true,
    database: 'bench',
    env: { DATABASE_URL: process.env.BENCH_DATABASE_URL, KAFKA_BROKERS: 'unused:9092' },
  });
}

function startKafka(databaseUrl: string): Promise<LocalStack> {
  log('starting Kafka under .local/bench/kafka…');
  return startLocalStack({
    root: localDir('bench', 'kafka'),
    kafkaCacheDir: localDir('kafka-runtime'),
    fresh: true,
    env: { DATABASE_URL: databaseUrl, KAFKA_BROKERS: process.env.BENCH_KAFKA_BROKERS },
  });
}

/** The admin URL of the bench PostgreSQL (database `bench`). */
export async function postgresUrl(): Promise<string> {
  postgres ??= startPostgres();
  return (await postgres).env.DATABASE_URL;
}

/** The bench Kafka brokers (started on first use). */
export async function kafkaBrokers(): Promise<string> {
  const url = await postgresUrl();
  kafka ??= startKafka(url);
  return (await kafka).env.KAFKA_BROKERS;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh database `bench_<name>` (dropped and created), migrated unless `migrate` is false.
 * @returns its URL.
 */
export async function benchDatabase(name: string, options: { migrate?: boolean } = {}): Promise<string> {
  const admin = new Client({ connectionString: await postgresUrl() });
  const database = `bench_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(await postgresUrl(), database);
  if (options.migrate ?? true) await runMigrations(url);
  return url;
}

/** PostgreSQL's server version string. */
export async function serverVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>('SHOW server_version')).rows[0]!.v;
  } finally {
    await client.end();
  }
}

/** Stops whatever this run started. */
export async function stopBenchStack(): Promise<void> {
  const stacks = await Promise.allSettled([kafka, postgres].filter((s): s is Promise<LocalStack> => Boolean(s)));
  for (const s of stacks) if (s.status === 'fulfilled') await s.value.stop().catch(() => undefined);
  kafka = undefined;
  postgres = undefined;
}
