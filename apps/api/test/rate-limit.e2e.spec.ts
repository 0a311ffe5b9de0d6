import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { adminAuthorization, createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { ApiModule } from '../src/api.module';
import { AuthModule } from '../src/auth/auth.module';
import { configureHttpApi } from '../src/http-setup';

describe('rate limit per API key', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, { RATE_LIMIT_PER_MINUTE: '3' });
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule, AuthModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApi(app);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers 429 with Retry-After past the limit, and never limits health checks', async () => {
    for (let i = 0; i < 3; i++) await request(app.getHttpServer()).get('/v1/reports').set(adminAuthorization).expect(200);
    const limited = await request(app.getHttpServer()).get('/v1/reports').set(adminAuthorization).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'this API key made more than 3 requests in 60 seconds (RATE_LIMIT_PER_MINUTE); retry after the delay in Retry-After',
      errors: [{ path: 'authorization', rule: 'rateLimit', message: expect.stringMatching(/^this API key made more than 3 requests/) }],
    });
    for (let i = 0; i < 5; i++) await request(app.getHttpServer()).get('/health/live').expect(200);
  });
});
