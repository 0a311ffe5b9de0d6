import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { createPgPool } from '@tm/database';
import { adminAuthorization, createTestDatabase, useTestEnvironment, type TestDatabase, checkResponsesAgainstDocument } from '@tm/testing';
import { ApiModule } from '../src/api.module';
import { AuthModule } from '../src/auth/auth.module';
import { configureHttpApi } from '../src/http-setup';

type Access = 'public' | 'viewer' | 'analyst' | 'admin';

/**
 * The role matrix, endpoint by endpoint, written out independently of the policy code. Every route in the OpenAPI
 * document must be listed here (a new endpoint fails this test until its access is decided).
 */
const MATRIX: Record<string, Access> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public',
  'POST /v1/reports': 'analyst',
  'POST /v1/reports/{id}/claims/{claimId}/amendments': 'analyst',
  'POST /v1/reports/{id}/claims/{claimId}/evidence': 'analyst',
  'POST /v1/reports/{id}/retraction': 'analyst',
  'GET /v1/commands/{id}': 'viewer',
  'GET /v1/reports': 'viewer',
  'GET /v1/reports/{id}': 'viewer',
  'GET /v1/ledgers/{country}': 'viewer',
  'GET /v1/ledgers/{supplier}/{recipient}': 'viewer',
  'GET /v1/timeline/{country}': 'viewer',
  'GET /v1/entities': 'viewer',
  'GET /v1/entities/{id}': 'viewer',
  'POST /v1/entities/merge': 'analyst',
  'POST /v1/entities/split': 'analyst',
  'GET /v1/flows': 'viewer',
  'GET /v1/flows/changes': 'viewer',
  'GET /v1/search': 'viewer',
  'GET /v1/me': 'viewer',
  'POST /v1/admin/projections/{name}/rebuild': 'admin',
  'GET /v1/admin/projections/{name}': 'admin',
  'POST /v1/api-keys': 'admin',
  'GET /v1/audit': 'admin',
  'GET /v1/api-keys': 'admin',
  'DELETE /v1/api-keys/{keyId}': 'admin',
  'GET /v1/sanctions-lists': 'viewer',
  'GET /v1/sanctions-lists/{listId}/entries': 'viewer',
  'GET /v1/sanctions-lists/{listId}/entries/{entryId}': 'viewer',
  'POST /v1/sanctions-lists/{listId}/imports': 'admin',
  'GET /v1/alerts': 'viewer',
  'GET /v1/alerts/{id}': 'viewer',
  'GET /v1/alert-groups': 'viewer',
  'GET /v1/exports/ledger': 'viewer',
  'GET /v1/exports/alerts': 'viewer',
  'POST /v1/alerts/{id}/review': 'analyst',
  'POST /v1/alerts/review': 'analyst',
  'POST /v1/screening': 'analyst',
  'POST /v1/webhooks/subscriptions': 'admin',
  'GET /v1/webhooks/subscriptions': 'admin',
  'GET /v1/webhooks/subscriptions/{id}': 'admin',
  'PATCH /v1/webhooks/subscriptions/{id}': 'admin',
  'DELETE /v1/webhooks/subscriptions/{id}': 'admin',
  'POST /v1/webhooks/subscriptions/{id}/pause': 'admin',
  'POST /v1/webhooks/subscriptions/{id}/resume': 'admin',
  'POST /v1/webhooks/subscriptions/{id}/secret/rotate': 'admin',
  'GET /v1/webhooks/subscriptions/{id}/deliveries': 'admin',
  'POST /v1/webhooks/subscriptions/{id}/deliveries/{deliveryId}/redeliver': 'admin',
  'POST /v1/webhooks/subscriptions/{id}/redeliver': 'admin',
};

const RANK: Record<Access, number> = { public: 0, viewer: 1, analyst: 2, admin: 3 };
const SAMPLE_PARAMS: Record<string, string> = { country: 'CN', supplier: 'CN', recipient: 'RU', name: 'read-models', listId: 'ofac-sdn' };

function concretePath(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? '00000000-0000-4000-8000-000000000000');
}

describe('access control: API keys and roles on every endpoint', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let pool: Pool;
  const keys: Record<'viewer' | 'analyst' | 'admin', string> = { viewer: '', analyst: '', admin: '' };
  let routes: { method: string; template: string }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, { RATE_LIMIT_PER_MINUTE: '100000' });
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule, AuthModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApi(app);
    await app.init();
    pool = createPgPool(database.url, 2);
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      const created = await request(app.getHttpServer())
        .post('/v1/api-keys')
        .set(adminAuthorization)
        .send({ name: `${role} key`, role })
        .expect(201);
      keys[role] = created.body.key;
    }
    const document = await request(app.getHttpServer()).get('/docs-json').expect(200);
    routes = Object.entries(document.body.paths as Record<string, Record<string, unknown>>).flatMap(([template, operations]) =>
      Object.keys(operations).map((method) => ({ method: method.toUpperCase(), template })),
    );
  });
  // Every response below must be one the served OpenAPI document describes.
  checkResponsesAgainstDocument(() => app);
  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await database?.drop();
  });

  it('lists every documented endpoint in the matrix', () => {
    const undecided = routes.map((r) => `${r.method} ${r.template}`).filter((route) => !(route in MATRIX));
    expect(undecided).toEqual([]);
  });

  it('answers 401 without a key and 403 with a key below the route role, on every endpoint', async () => {
    const failures: string[] = [];
    for (const { method, template } of routes) {
      const access = MATRIX[`${method} ${template}`];
      // The router matches routes whatever their case and with a trailing slash: so must the policy.
      for (const path of [concretePath(template), concretePath(template).toUpperCase(), `${concretePath(template)}/`]) {
        const send = (key?: string) => {
          const call = request(app.getHttpServer())[method.toLowerCase() as 'get'](path);
          return (key ? call.set('authorization', `Bearer ${key}`) : call).send(method === 'GET' || method === 'DELETE' ? undefined : {});
        };
        const anonymous = await send();
        if (access === 'public' ? anonymous.status === 401 : anonymous.status !== 401)
          failures.push(`${method} ${path} without a key: ${anonymous.status}`);
        if (access === 'public') continue;
        for (const role of ['viewer', 'analyst', 'admin'] as const) {
          const response = await send(keys[role]);
          const allowed = RANK[role] >= RANK[access];
          if (allowed ? response.status === 401 || response.status === 403 : response.status !== 403)
            failures.push(`${method} ${path} as ${role}: ${response.status}`);
          if (response.status >= 500) failures.push(`${method} ${path} as ${role}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('documents 304 and If-None-Match on every GET route that answers an ETag and a 304 to it (five did not, found by a tester)', async () => {
    const { body: document } = await request(app.getHttpServer()).get('/docs-json').expect(200);
    const revalidated: string[] = [];
    const undocumented: string[] = [];
    // The query parameters a route requires.
    const requiredQuery: Record<string, string> = {
      '/v1/search': '?q=drones',
      '/v1/alert-groups': '?by=report',
      '/v1/exports/ledger': '?country=RU&format=sipri',
    };
    for (const { template } of routes.filter((r) => r.method === 'GET')) {
      const path = concretePath(template) + (requiredQuery[template] ?? '');
      const first = await request(app.getHttpServer()).get(path).set(adminAuthorization);
      const etag = first.headers.etag as string | undefined;
      if (first.status !== 200 || etag === undefined) continue;
      const again = await request(app.getHttpServer()).get(path).set(adminAuthorization).set('if-none-match', etag);
      if (again.status !== 304) continue;
      revalidated.push(template);
      const operation = document.paths[template].get as { responses: Record<string, unknown>; parameters?: { in: string; name: string }[] };
      const header = (operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'If-None-Match');
      if (!('304' in operation.responses) || !header) undocumented.push(`GET ${template}`);
    }
    expect(undocumented).toEqual([]);
    // Those the tester found (the entry route answers 404 here, without a list: list-entries.e2e polls it).
    expect(revalidated).toEqual(
      expect.arrayContaining(['/v1/sanctions-lists/{listId}/entries', '/v1/alert-groups', '/v1/exports/alerts', '/v1/audit']),
    );
  });

  it('says which role a route needs, in the error body', async () => {
    const response = await request(app.getHttpServer())
      .post('/v1/api-keys')
      .set('authorization', `Bearer ${keys.viewer}`)
      .send({ name: 'x', role: 'viewer' })
      .expect(403);
    expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden', errors: [{ path: 'authorization', rule: 'role:admin' }] });
  });

  it('accepts the key in X-API-Key too, and refuses a malformed, unknown, revoked or expired key', async () => {
    await request(app.getHttpServer()).get('/v1/reports').set('x-api-key', keys.viewer).expect(200);
    await request(app.getHttpServer()).get('/v1/reports').set('authorization', 'Bearer not-a-key').expect(401);
    await request(app.getHttpServer())
      .get('/v1/reports')
      .set('authorization', `Bearer tm_00000000_${'A'.repeat(43)}`)
      .expect(401);

    const revoked = await request(app.getHttpServer())
      .post('/v1/api-keys')
      .set(adminAuthorization)
      .send({ name: 'soon revoked', role: 'viewer' })
      .expect(201);
    await request(app.getHttpServer()).get('/v1/reports').set('authorization', `Bearer ${revoked.body.key}`).expect(200);
    await request(app.getHttpServer()).delete(`/v1/api-keys/${revoked.body.keyId}`).set(adminAuthorization).expect(204);
    const refused = await request(app.getHttpServer()).get('/v1/reports').set('authorization', `Bearer ${revoked.body.key}`).expect(401);
    expect(refused.body.message).toContain('revoked');
    expect(refused.headers['www-authenticate']).toBe('Bearer');

    // Revoked by another API instance (straight in the table): this one keeps the key for API_KEY_CACHE_TTL_MS at most.
    const elsewhere = await request(app.getHttpServer())
      .post('/v1/api-keys')
      .set(adminAuthorization)
      .send({ name: 'revoked elsewhere', role: 'viewer' })
      .expect(201);
    await request(app.getHttpServer()).get('/v1/reports').set('authorization', `Bearer ${elsewhere.body.key}`).expect(200);
    await pool.query('UPDATE api_keys SET revoked_at = now() WHERE key_id = $1', [elsewhere.body.keyId]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await request(app.getHttpServer()).get('/v1/reports').set('authorization', `Bearer ${elsewhere.body.key}`).expect(401);

    const expiring = await request(app.getHttpServer())
      .post('/v1/api-keys')
      .set(adminAuthorization)
      .send({ name: 'expiring', role: 'viewer', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })
      .expect(201);
    await pool.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE key_id = $1`, [expiring.body.keyId]);
    const expired = await request(app.getHttpServer()).get('/v1/reports').set('authorization', `Bearer ${expiring.body.key}`).expect(401);
    expect(expired.body.message).toContain('expired');
  });

  it('stores only a hash and never shows a key again', async () => {
    const list = await request(app.getHttpServer()).get('/v1/api-keys').set(adminAuthorization).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(keys.viewer);
    const { rows } = await pool.query('SELECT secret_hash FROM api_keys');
    expect(rows.every((r) => r.secret_hash.length === 32)).toBe(true);
    expect(list.body.items.find((k: { name: string }) => k.name === 'viewer key')).toMatchObject({
      role: 'viewer',
      createdBy: 'bootstrap-admin',
    });
  });

  it('lists API keys in pages of { items, nextCursor }, like every other collection (issue 14 item 6)', async () => {
    const all = (await request(app.getHttpServer()).get('/v1/api-keys').set(adminAuthorization).expect(200)).body;
    expect(all).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(all.items.length).toBeGreaterThan(2);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(app.getHttpServer())
        .get('/v1/api-keys')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(adminAuthorization)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((k: { keyId: string }) => k.keyId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((k: { keyId: string }) => k.keyId));
    for (const bad of ['abc', Buffer.from('["x","y"]').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
      const refused = await request(app.getHttpServer()).get('/v1/api-keys').query({ cursor: bad }).set(adminAuthorization).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'cursor', rule: 'isCursor' })]);
    }
  });

  it('rejects a bad key request with the field and rule', async () => {
    const response = await request(app.getHttpServer())
      .post('/v1/api-keys')
      .set(adminAuthorization)
      .send({ name: '', role: 'superuser' })
      .expect(422);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'role']);
  });
});
