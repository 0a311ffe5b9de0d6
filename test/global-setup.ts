import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { isAlive, localDir, startLocalStack, stopStaleStack, type LocalStack } from '../libs/local-stack/src';

declare global {
  var __TM_STACK__: LocalStack | undefined;
  var __TM_STACK_DIR__: string | undefined;
}

/** Removes the folders of earlier test runs whose Jest process is gone, stopping anything they left running. */
async function removeStaleRuns(): Promise<void> {
  let entries: string[] = [];
  try {
    entries = readdirSync(localDir('test'));
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
    stopStaleStack(localDir('test', entry));
    await rm(localDir('test', entry), { recursive: true, force: true });
  }
}

/**
 * Starts the real PostgreSQL and Kafka the integration tests need (or uses DATABASE_URL / KAFKA_BROKERS when
 * set) and hands their addresses to the test workers through the environment. Each run has its own folder
 * (`.local/test/<pid>`), so runs can overlap; each test file then makes its own database and topic prefix
 * (libs/testing), so files can run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await removeStaleRuns();
  const root = localDir('test', String(process.pid));
  const stack = await startLocalStack({ root, kafkaCacheDir: localDir('kafka-runtime'), fresh: true, database: 'tm_test' });
  process.env.DATABASE_URL = stack.env.DATABASE_URL;
  process.env.KAFKA_BROKERS = stack.env.KAFKA_BROKERS;
  // Quiet apps in tests unless asked (modules read the level when they are imported, before a test sets it).
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  globalThis.__TM_STACK__ = stack;
  globalThis.__TM_STACK_DIR__ = root;
  process.stderr.write(`\nlocal stack ready in ${Date.now() - started} ms: postgres ${stack.started.postgres ? 'started' : 'configured'}, kafka ${stack.started.kafka ? 'started' : 'configured'} (${stack.env.KAFKA_BROKERS})\n`);
}
