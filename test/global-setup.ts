import { localDir, startLocalStack, type LocalStack } from '../libs/local-stack/src';

declare global {
  var __TM_STACK__: LocalStack | undefined;
}

/**
 * Starts the real PostgreSQL and Kafka the integration tests need (or uses DATABASE_URL / KAFKA_BROKERS when
 * set) and hands their addresses to the test workers through the environment. Each test file then makes its own
 * database and topic prefix (libs/testing), so files can run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const stack = await startLocalStack({ root: localDir('test'), kafkaCacheDir: localDir('kafka-runtime'), fresh: true, database: 'tm_test' });
  process.env.DATABASE_URL = stack.env.DATABASE_URL;
  process.env.KAFKA_BROKERS = stack.env.KAFKA_BROKERS;
  globalThis.__TM_STACK__ = stack;
  process.stderr.write(`\nlocal stack ready in ${Date.now() - started} ms: postgres ${stack.started.postgres ? 'started' : 'configured'}, kafka ${stack.started.kafka ? 'started' : 'configured'} (${stack.env.KAFKA_BROKERS})\n`);
}
