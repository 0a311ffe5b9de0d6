import { randomBytes } from 'node:crypto';
import { loadEnvironment, type Environment } from '@tm/platform';

/**
 * The admin API key every test environment accepts (`BOOTSTRAP_ADMIN_KEY`): a fixed, well-formed key that exists only
 * in tests. Send it as `Authorization: Bearer ${TEST_ADMIN_KEY}`, or use {@link adminAuthorization}.
 */
export const TEST_ADMIN_KEY = 'tm_7e570000_TestOnlyBootstrapAdminKeyForTheTestSuite_00';

/** Header pair for supertest's `.set(...)`: `authorization: Bearer <TEST_ADMIN_KEY>`. */
export const adminAuthorization = { authorization: `Bearer ${TEST_ADMIN_KEY}` } as const;

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
    BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY,
    ...overrides,
  };
  Object.assign(process.env, values);
  return loadEnvironment(values);
}
