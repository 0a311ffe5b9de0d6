import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { adminAuthorization, createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { ApiModule } from '../src/api.module';
import { AuthModule } from '../src/auth/auth.module';
import { ApiKeysRepository } from '../src/auth/api-keys.repository';
import { configureHttpApi } from '../src/http-setup';

describe('failed authentications are limited per client address', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;
  const unknownKey = `Bearer tm_00000000_${'A'.repeat(43)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, { AUTH_FAILURES_PER_MINUTE: '3' });
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule, AuthModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApi(app);
    // On every interface, so 127.0.0.1 and ::1 are two client addresses.
    await app.listen(0, '::');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers 429 with Retry-After past the limit, without looking keys up, and leaves other addresses alone', async () => {
    const viewer = (await request(base).post('/v1/api-keys').set(adminAuthorization).send({ name: 'viewer', role: 'viewer' }).expect(201))
      .body.key as string;
    const lookups = jest.spyOn(app.get(ApiKeysRepository), 'findByPrefix');

    for (let i = 0; i < 3; i++) await request(base).get('/v1/reports').set('authorization', unknownKey).expect(401);
    // Not counted: no key at all, a valid key, a key below the route's role (403).
    await request(base).get('/v1/reports').expect(401);
    await request(base).get('/v1/reports').set('authorization', `Bearer ${viewer}`).expect(200);
    await request(base).post('/v1/api-keys').set('authorization', `Bearer ${viewer}`).send({ name: 'x', role: 'viewer' }).expect(403);

    const limited = await request(base).get('/v1/reports').set('authorization', 'Bearer not-a-key').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      errors: [{ path: 'authorization', rule: 'authFailureRate' }],
    });

    lookups.mockClear();
    for (let i = 0; i < 20; i++) await request(base).get('/v1/reports').set('authorization', unknownKey).expect(429);
    // While blocked, a stored key from the address waits too (telling it apart needs the lookup); the bootstrap key,
    // checked in memory, and public routes do not.
    await request(base).get('/v1/reports').set('authorization', `Bearer ${viewer}`).expect(429);
    expect(lookups).not.toHaveBeenCalled();
    await request(base).get('/v1/reports').set(adminAuthorization).expect(200);
    await request(base).get('/health/live').expect(200);

    const port = new URL(base).port;
    await request(`http://[::1]:${port}`).get('/v1/reports').set('authorization', `Bearer ${viewer}`).expect(200);
    await request(`http://[::1]:${port}`).get('/v1/reports').set('authorization', unknownKey).expect(401);
    lookups.mockRestore();
  });
});
