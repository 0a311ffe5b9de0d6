import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import request from 'supertest';
import { PG_POOL } from '@tm/database';
import { freePort } from '@tm/local-stack';
import { producerPublisher } from '@tm/messaging';
import { createTestDatabase, useTestEnvironment, type TestDatabase, authedServer } from '@tm/testing';
import { COMMAND_PUBLISHER } from '../src/commands/command-gateway.service';
import { configureHttpApi } from '../src/http-setup';

const report = {
  source: { publisher: 'The Wall Street Journal', title: 'Belarus leader visits Beijing', publishedOn: '2023-03-01', sourceType: 'news' },
  sourceReliability: 'B',
  claims: [
    { kind: 'diplomatic-event', claimId: 'visit', eventType: 'visit', participants: [{ country: 'BY', role: 'visitor' }], credibility: 2 },
  ],
};

describe('api write side with the broker down', () => {
  let database: TestDatabase;
  let api: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, { COMMAND_PUBLISH_TIMEOUT_MS: '1500' });
    const { ApiModule } = await import('../src/api.module');
    // A producer whose broker is a closed port: every send fails or never gets an answer.
    const closed = new Kafka({
      clientId: 'dead',
      brokers: [`127.0.0.1:${await freePort()}`],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 500,
    });
    const producer = closed.producer();
    await producer.connect().catch(() => undefined);
    api = (
      await Test.createTestingModule({ imports: [ApiModule] })
        .overrideProvider(COMMAND_PUBLISHER)
        .useValue(producerPublisher(producer))
        .compile()
    ).createNestApplication({ logger: false });
    configureHttpApi(api);
    await api.init();
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('answers 503 with Retry-After, and the command is not reported as pending', async () => {
    const started = Date.now();
    const response = await request(authedServer(api)).post('/v1/reports').set('Idempotency-Key', 'broker-down').send(report).expect(503);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    const { rows } = await api.get<Pool>(PG_POOL).query('SELECT command_id FROM accepted_commands');
    await request(authedServer(api)).get(`/v1/commands/${rows[0].command_id}`).expect(404);
  });
});
