import { randomBytes } from 'node:crypto';
import { loadEnvironment, type Environment } from '@tm/platform';

/** A topic prefix of its own for a test file, so files never read each other's messages. */
export function uniqueTopicPrefix(): string {
  return `t${randomBytes(4).toString('hex')}.`;
}

/**
 * The validated environment for a test: the test stack's broker, the given database, a unique topic prefix,
 * two partitions per topic, quiet logs. Also written to `process.env` so Nest modules built in the test read it.
 */
export function useTestEnvironment(databaseUrl: string, overrides: Record<string, string> = {}): Environment {
  const values: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
    KAFKA_COMMAND_PARTITIONS: '2',
    KAFKA_EVENT_PARTITIONS: '2',
    STARTUP_CHECK_TIMEOUT_MS: '5000',
    ...overrides,
  };
  Object.assign(process.env, values);
  return loadEnvironment(values);
}
