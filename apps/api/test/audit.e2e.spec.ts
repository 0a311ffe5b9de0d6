import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { adminAuthorization, createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { ApiModule } from '../src/api.module';
import { AuthModule } from '../src/auth/auth.module';
import { AuditLog } from '../src/audit/audit-log';
import { configureHttpApi } from '../src/http-setup';

interface Entry {
  auditId: string;
  at: string;
  keyId: string | null;
  keyName: string | null;
  keyRole: string | null;
  method: string;
  route: string | null;
  path: string;
  status: number;
  outcome: string;
  correlationId: string | null;
  clientAddress: string | null;
}

describe('the audit log (GET /v1/audit, real PostgreSQL)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;
  let viewer: { keyId: string; key: string };
  let revoked: { keyId: string; key: string };
  let expired: { keyId: string; key: string };
  const unknownKey = `Bearer tm_00000000_${'A'.repeat(43)}`;
  const reportId = '00000000-0000-4000-8000-00000000a0d1';

  /** The log after the buffered rows are written (the last answer's row is buffered when its response closes). */
  async function audit(query: string): Promise<{ items: Entry[]; nextCursor: string | null }> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await app.get(AuditLog).flush();
    return (await request(base).get(`/v1/audit${query}`).set(adminAuthorization).expect(200)).body;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, { AUTH_FAILURES_PER_MINUTE: '5' });
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule, AuthModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApi(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    const created = await request(base)
      .post('/v1/api-keys')
      .set(adminAuthorization)
      .send({ name: 'audit viewer', role: 'viewer' })
      .expect(201);
    viewer = { keyId: created.body.keyId, key: created.body.key };
    const revokedKey = await request(base)
      .post('/v1/api-keys')
      .set(adminAuthorization)
      .send({ name: 'audit revoked', role: 'analyst' })
      .expect(201);
    revoked = { keyId: revokedKey.body.keyId, key: revokedKey.body.key };
    await request(base).delete(`/v1/api-keys/${revoked.keyId}`).set(adminAuthorization).expect(204);
    const expiresAt = new Date(Date.now() + 1_500);
    const expiringKey = await request(base)
      .post('/v1/api-keys')
      .set(adminAuthorization)
      .send({ name: 'audit expired', role: 'viewer', expiresAt: expiresAt.toISOString() })
      .expect(201);
    expired = { keyId: expiringKey.body.keyId, key: expiringKey.body.key };
    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 100));
    // A revoked and an expired key are known keys: refused (401, counted as failed authentications), recorded with their id.
    await request(base).get('/v1/me').set('authorization', `Bearer ${revoked.key}`).expect(401);
    await request(base).get('/v1/me').set('x-api-key', expired.key).expect(401);
    await request(base)
      .get(`/v1/reports/${reportId}`)
      .set('authorization', `Bearer ${viewer.key}`)
      .set('x-correlation-id', 'audit-e2e-allowed')
      .expect(404);
    await request(base).get('/v1/reports').set('authorization', `Bearer ${viewer.key}`).expect(200);
    await request(base).get('/v1/reports').expect(401);
    await request(base).get(`/v1/reports/${reportId}`).set('authorization', unknownKey).expect(401);
    await request(base).post('/v1/api-keys').set('authorization', `Bearer ${viewer.key}`).send({ name: 'x', role: 'viewer' }).expect(403);
    await request(base).get('/v1/audit').set('authorization', `Bearer ${viewer.key}`).expect(403);
    // Two more failed keys reach AUTH_FAILURES_PER_MINUTE (5); past it, 429.
    await request(base).get('/v1/reports').set('authorization', unknownKey).expect(401);
    await request(base).get('/v1/reports').set('authorization', 'Bearer not-a-key').expect(401);
    await request(base).get('/v1/reports').set('authorization', unknownKey).expect(429);
    await request(base).get('/v1/reports').set('authorization', 'Bearer not-a-key').expect(429);
    await request(base).get('/health/live').expect(200);
    await request(base)
      .get(`/v1/${'x'.repeat(1000)}`)
      .set('authorization', `Bearer ${viewer.key}`)
      .expect(404);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('records an allowed request with its key, route template, raw path, status and correlation id', async () => {
    const { items } = await audit(`?keyId=${viewer.keyId}&route=/v1/reports/:id`);
    expect(items).toEqual([
      {
        auditId: expect.stringMatching(/^\d+$/),
        at: expect.any(String),
        keyId: viewer.keyId,
        keyName: 'audit viewer',
        keyRole: 'viewer',
        method: 'GET',
        route: '/v1/reports/:id',
        path: `/v1/reports/${reportId}`,
        status: 404,
        outcome: 'allowed',
        correlationId: 'audit-e2e-allowed',
        clientAddress: expect.stringContaining('127.0.0.1'),
      },
    ]);
    const created = await audit('?keyId=bootstrap-admin&route=/v1/api-keys');
    // The viewer's key, then the keys revoked and left to expire below.
    expect(created.items).toEqual(
      Array.from({ length: 3 }, () =>
        expect.objectContaining({ method: 'POST', status: 201, outcome: 'allowed', keyRole: 'admin', path: '/v1/api-keys' }),
      ),
    );
  });

  it('records 401 without a key and with an unknown key, with no key id', async () => {
    const { items } = await audit('?outcome=unauthenticated');
    expect(items.map((e) => [e.method, e.route, e.status, e.keyId])).toEqual([
      ['GET', '/v1/reports', 401, null],
      ['GET', '/v1/reports', 401, null],
      ['GET', '/v1/reports/:id', 401, null],
      ['GET', '/v1/reports', 401, null],
      ['GET', '/v1/me', 401, expired.keyId],
      ['GET', '/v1/me', 401, revoked.keyId],
    ]);
  });

  it('records 401 for a revoked or an expired key with the key: it is known, only refused (found by a tester)', async () => {
    for (const [key, name, role] of [
      [revoked, 'audit revoked', 'analyst'],
      [expired, 'audit expired', 'viewer'],
    ] as const) {
      const { items } = await audit(`?keyId=${key.keyId}&outcome=unauthenticated`);
      expect(items).toEqual([
        expect.objectContaining({ keyId: key.keyId, keyName: name, keyRole: role, method: 'GET', route: '/v1/me', status: 401 }),
      ]);
    }
  });

  it('records 403 with the key that was refused, a viewer on GET /v1/audit included', async () => {
    const { items } = await audit('?outcome=forbidden');
    expect(items.map((e) => [e.method, e.route, e.status, e.keyId, e.keyRole])).toEqual([
      ['GET', '/v1/audit', 403, viewer.keyId, 'viewer'],
      ['POST', '/v1/api-keys', 403, viewer.keyId, 'viewer'],
    ]);
  });

  it('records 429 from the auth-failure limiter', async () => {
    const { items } = await audit('?outcome=rate-limited');
    expect(items.map((e) => [e.method, e.route, e.status, e.keyId])).toEqual([
      ['GET', '/v1/reports', 429, null],
      ['GET', '/v1/reports', 429, null],
    ]);
  });

  it('records only /v1 requests, never a key secret, and pages newest first', async () => {
    const all: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await audit(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.every((e) => e.path.startsWith('/v1/') && !e.path.includes('?'))).toBe(true);
    expect(all.filter((e) => e.route === '/v1/audit').length).toBeGreaterThan(3);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    expect(new Set(all.map((e) => e.auditId)).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(14);
    // No route matched: no template; the path is cut at 512 characters.
    expect(all.find((e) => e.path.startsWith('/v1/xxx'))).toMatchObject({ route: null, status: 404, path: `/v1/${'x'.repeat(508)}` });
    // The secret is what follows tm_<8 hex>_ (it may itself hold '_', or begin with one: splitting on '_' once gave '').
    expect(JSON.stringify(all)).not.toContain(viewer.key.slice('tm_00000000_'.length));
  });

  it('filters by time', async () => {
    const { items } = await audit('?limit=1');
    const newest = items[0]!;
    expect((await audit(`?from=${encodeURIComponent(newest.at)}&route=/v1/audit`)).items.map((e) => e.auditId)).toContain(newest.auditId);
    expect((await audit('?to=2000-12-31')).items).toEqual([]);
    expect((await audit('?from=2100')).items).toEqual([]);
    // A day as `to` runs through its last moment: a time on that day as `from` is not after it.
    const day = newest.at.slice(0, 10);
    expect((await audit(`?from=${encodeURIComponent(newest.at)}&to=${day}&route=/v1/audit`)).items.map((e) => e.auditId)).toContain(
      newest.auditId,
    );
  });

  it('refuses to before from with 422 notBeforeFrom, as search and flows do (found by a tester)', async () => {
    for (const query of [
      'from=2026-12-08&to=2026-12-01',
      'from=2026-12&to=2026-11-30T23:59:59Z',
      'from=2026-12-08T10:00:00%2B02:00&to=2026-12-08T07:59:59Z',
    ]) {
      const response = await request(base).get(`/v1/audit?${query}`).set(adminAuthorization);
      expect({ query, status: response.status, errors: response.body.errors }).toEqual({
        query,
        status: 422,
        errors: [{ path: 'to', rule: 'notBeforeFrom', message: 'to must not be before from' }],
      });
    }
    for (const query of [
      'from=2026-12-08&to=2026-12-08',
      'from=2026-12-08T10:00:00%2B02:00&to=2026-12-08T08:00:00Z',
      'from=2026&to=2026-01',
    ])
      await request(base).get(`/v1/audit?${query}`).set(adminAuthorization).expect(200);
  });

  it('refuses bad parameters with a 4xx naming the parameter and the rule', async () => {
    const cases: [string, string, string][] = [
      ['outcome=maybe', 'outcome', 'isIn'],
      ['from=2026-02-30', 'from', 'isIso8601'],
      ['limit=0', 'limit', 'min'],
      ['route=reports', 'route', 'matches'],
      [`cursor=${Buffer.from(JSON.stringify(['x', '1'])).toString('base64url')}`, 'cursor', 'isCursor'],
    ];
    for (const [query, path, rule] of cases) {
      const response = await request(base).get(`/v1/audit?${query}`).set(adminAuthorization);
      expect({ query, status: response.status }).toEqual({ query, status: expect.any(Number) });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: expect.stringContaining(path), rule })]);
    }
  });
});
