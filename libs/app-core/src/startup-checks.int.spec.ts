import { HealthIndicatorService } from '@nestjs/terminus';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '@tm/local-stack';
import { DependencyChecks } from '@tm/platform';
import { createTestDatabase } from '@tm/testing';
import { checkKafka, checkPostgres, redactUrl } from './startup-checks';

describe('start-up checks', () => {
  it('pass against the real PostgreSQL (migrated) and Kafka', async () => {
    const database = await createTestDatabase();
    try {
      await expect(checkPostgres({ DATABASE_URL: database.url, STARTUP_CHECK_TIMEOUT_MS: 5_000 })).resolves.toBeUndefined();
    } finally {
      await database.drop();
    }
    await expect(
      checkKafka({ KAFKA_BROKERS: process.env.KAFKA_BROKERS!.split(','), KAFKA_CLIENT_ID: 'test', STARTUP_CHECK_TIMEOUT_MS: 5_000 }),
    ).resolves.toBeUndefined();
  });

  it('say which PostgreSQL URL is unreachable, without its password', async () => {
    const port = await freePort();
    const url = `postgres://tm:secret@127.0.0.1:${port}/tm`;
    await expect(checkPostgres({ DATABASE_URL: url, STARTUP_CHECK_TIMEOUT_MS: 1_000 })).rejects.toThrow(
      `cannot use PostgreSQL at postgres://tm:***@127.0.0.1:${port}/tm: connect ECONNREFUSED`,
    );
  });

  it('say when the schema has not been migrated', async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      await expect(checkPostgres({ DATABASE_URL: database.url, STARTUP_CHECK_TIMEOUT_MS: 1_000 })).rejects.toThrow(
        /schema is behind by \d+ migration.*npm run migrate/,
      );
    } finally {
      await database.drop();
    }
  });

  it('pass when the first seed broker is down and the next answers (readiness says up too)', async () => {
    const brokers = [`127.0.0.1:${await freePort()}`, ...process.env.KAFKA_BROKERS!.split(',')];
    await expect(checkKafka({ KAFKA_BROKERS: brokers, KAFKA_CLIENT_ID: 'test', STARTUP_CHECK_TIMEOUT_MS: 1_000 })).resolves.toBeUndefined();
    const kafka = new Kafka({ clientId: 'test', brokers, logLevel: logLevel.NOTHING });
    const checks = new DependencyChecks(new HealthIndicatorService());
    await expect(checks.kafka(kafka, brokers)).resolves.toEqual({ kafka: { status: 'up' } });
  });

  it('say which brokers are unreachable', async () => {
    const port = await freePort();
    await expect(
      checkKafka({ KAFKA_BROKERS: [`127.0.0.1:${port}`], KAFKA_CLIENT_ID: 'test', STARTUP_CHECK_TIMEOUT_MS: 1_000 }),
    ).rejects.toThrow(`cannot reach Kafka at 127.0.0.1:${port}`);
  });

  it('redact passwords in URLs', () => {
    expect(redactUrl('postgres://a:b@h:1/d')).toBe('postgres://a:***@h:1/d');
  });
});
