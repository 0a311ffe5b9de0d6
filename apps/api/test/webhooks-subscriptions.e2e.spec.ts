import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { PG_POOL } from '@tm/database';
import type { AddressInfo } from 'node:net';
import {
  apiClient,
  createTestDatabase,
  useTestEnvironment,
  type TestDatabase,
  authedServer,
  checkResponsesAgainstDocument,
} from '@tm/testing';
import type { QueryRunner } from 'typeorm';
import { WebhookAlertUpdated1765420000000 } from '../../../migrations/1765420000000-webhook-alert-updated';
import { configureHttpApi } from '../src/http-setup';

describe('webhook subscriptions API', () => {
  let database: TestDatabase;
  let api: INestApplication;
  let pool: Pool;
  let http: ReturnType<typeof request>;
  const target = 'http://127.0.0.1:9/hooks/a';

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, { WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1', WEBHOOK_SECRET_GRACE_HOURS: '2' });
    const { ApiModule } = await import('../src/api.module');
    api = (await Test.createTestingModule({ imports: [ApiModule] }).compile()).createNestApplication({ logger: false });
    configureHttpApi(api);
    await api.init();
    pool = api.get(PG_POOL);
    http = request(authedServer(api));
  });
  // Every response below must be one the served OpenAPI document describes.
  checkResponsesAgainstDocument(() => api);
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('creates (secret shown once), reads, lists, updates, pauses, resumes and deletes a subscription', async () => {
    const { body: created } = await http
      .post('/v1/webhooks/subscriptions')
      .send({ url: target, description: 'desk', filters: { countries: ['ru', 'BY'], lists: ['ofac-sdn'], minScore: 0.8 } })
      .expect(201);
    expect(created).toMatchObject({
      url: target,
      description: 'desk',
      eventTypes: ['alert.raised', 'alert.reviewed', 'alert.superseded', 'alert.reopened', 'alert.updated'],
      filters: { countries: ['RU', 'BY'], lists: ['ofac-sdn'], programs: [], minScore: 0.8 },
      status: 'active',
      disabledReason: null,
      previousSecretExpiresAt: null,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = created.subscriptionId;

    const { body: read } = await http.get(`/v1/webhooks/subscriptions/${id}`).expect(200);
    expect(read).not.toHaveProperty('secret');
    expect(read).toEqual(Object.fromEntries(Object.entries(created).filter(([k]) => k !== 'secret')));
    const { body: list } = await http.get('/v1/webhooks/subscriptions').expect(200);
    expect(list.items.map((s: { subscriptionId: string }) => s.subscriptionId)).toContain(id);
    expect(list.nextCursor).toBeNull(); // the whole list in one page, in the one list shape
    expect(JSON.stringify(list)).not.toContain('whsec_');

    const { body: updated } = await http
      .patch(`/v1/webhooks/subscriptions/${id}`)
      .send({ eventTypes: ['alert.raised'], filters: { programs: ['IRAN'], kinds: ['ownership', 'possible-diversion'] } })
      .expect(200);
    expect(updated).toMatchObject({
      url: target,
      eventTypes: ['alert.raised'],
      filters: { countries: [], lists: [], programs: ['IRAN'], kinds: ['ownership', 'possible-diversion'], minScore: null },
    });
    expect(created.filters.kinds).toEqual([]);

    expect((await http.post(`/v1/webhooks/subscriptions/${id}/pause`).expect(200)).body.status).toBe('paused');
    expect((await http.post(`/v1/webhooks/subscriptions/${id}/resume`).expect(200)).body.status).toBe('active');

    const { body: rotated } = await http.post(`/v1/webhooks/subscriptions/${id}/secret/rotate`).expect(200);
    expect(rotated.secret).not.toBe(created.secret);
    const grace = Date.parse(rotated.previousSecretExpiresAt) - Date.now();
    expect(grace).toBeGreaterThan(1.9 * 3_600_000);
    expect(grace).toBeLessThanOrEqual(2 * 3_600_000);
    expect((await http.get(`/v1/webhooks/subscriptions/${id}`).expect(200)).body.previousSecretExpiresAt).toBe(
      rotated.previousSecretExpiresAt,
    );

    await http.delete(`/v1/webhooks/subscriptions/${id}`).expect(204);
    await http.get(`/v1/webhooks/subscriptions/${id}`).expect(404);
    await http.delete(`/v1/webhooks/subscriptions/${id}`).expect(404);
  });

  it('gives alert.updated to subscriptions made before it that take reopenings (migration 1765420000000)', async () => {
    const made = async (eventTypes: string[]) =>
      (await http.post('/v1/webhooks/subscriptions').send({ url: target, eventTypes }).expect(201)).body.subscriptionId as string;
    const reopenings = await made(['alert.raised']);
    const raisedOnly = await made(['alert.raised']);
    // As stored before alert.updated existed.
    await pool.query(`UPDATE webhook_subscriptions SET event_types = '{alert.raised,alert.reopened}' WHERE subscription_id = $1`, [
      reopenings,
    ]);
    const migration = new WebhookAlertUpdated1765420000000();
    for (let run = 0; run < 2; run++) await migration.up({ query: (sql: string) => pool.query(sql) } as unknown as QueryRunner);
    const typesOf = async (id: string) => (await http.get(`/v1/webhooks/subscriptions/${id}`).expect(200)).body.eventTypes;
    expect(await typesOf(reopenings)).toEqual(['alert.raised', 'alert.reopened', 'alert.updated']);
    expect(await typesOf(raisedOnly)).toEqual(['alert.raised']);
    for (const id of [reopenings, raisedOnly]) await http.delete(`/v1/webhooks/subscriptions/${id}`).expect(204);
  });

  it('is served to the typed client generated from the OpenAPI document (path parameters included)', async () => {
    await api.listen(0, '127.0.0.1');
    const client = apiClient(`http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`);
    const created = await client.POST('/v1/webhooks/subscriptions', { body: { url: target, eventTypes: ['alert.raised'] } });
    expect(created.response.status).toBe(201);
    const id = created.data!.subscriptionId;
    const updated = await client.PATCH('/v1/webhooks/subscriptions/{id}', { params: { path: { id } }, body: { description: 'typed' } });
    expect(updated.data).toMatchObject({ subscriptionId: id, description: 'typed', eventTypes: ['alert.raised'] });
    const deliveries = await client.GET('/v1/webhooks/subscriptions/{id}/deliveries', { params: { path: { id }, query: { limit: 5 } } });
    expect(deliveries.data).toEqual({ items: [], nextCursor: null });
    const missing = await client.GET('/v1/webhooks/subscriptions/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.errors[0]).toMatchObject({ path: 'id' });
    expect((await client.DELETE('/v1/webhooks/subscriptions/{id}', { params: { path: { id } } })).response.status).toBe(204);
  });

  it('answers bad input with the error body naming the field and the rule', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{}, 400, 'url', 'isDefined'],
      [{ url: 42 }, 422, 'url', 'isString'],
      [{ url: target, filters: { minScore: 'high' } }, 422, 'filters.minScore', 'isNumber'],
      [{ url: target, filters: 'RU' }, 422, 'filters', 'nestedValidation'],
      [{ url: target, secret: 'whsec_mine' }, 400, 'secret', 'whitelistValidation'],
      [{ url: target, eventTypes: ['alert.deleted'] }, 422, 'eventTypes', 'isIn'],
      [{ url: target, eventTypes: [] }, 422, 'eventTypes', 'arrayNotEmpty'],
      [{ url: target, filters: { countries: ['XX'] } }, 422, 'filters.countries', 'isIso3166Alpha2'],
      [{ url: target, filters: { minScore: 1.5 } }, 422, 'filters.minScore', 'max'],
      [{ url: target, filters: { lists: ['ofac-sdn', 'nope'] } }, 422, 'filters.lists', 'isIn'],
      [{ url: target, filters: { kinds: ['ownership', 'owner'] } }, 422, 'filters.kinds', 'isIn'],
      [{ url: 'not a url' }, 422, 'url', 'httpUrl'],
      [{ url: 'ftp://example.org/x' }, 422, 'url', 'httpUrl'],
      [{ url: 'http://10.1.2.3/x' }, 422, 'url', 'publicAddress'],
      [{ url: 'http://metadata.google.internal.invalid/x' }, 422, 'url', 'resolvableHost'],
    ];
    for (const [body, status, path, rule] of cases) {
      const response = await http.post('/v1/webhooks/subscriptions').send(body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, rule })]));
    }
    const { body } = await http.get('/v1/webhooks/subscriptions/not-a-uuid').expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ path: 'id', rule: 'isUuid' })]);
    await http.get(`/v1/webhooks/subscriptions/${randomUUID()}`).expect(404);
    const { body: created } = await http.post('/v1/webhooks/subscriptions').send({ url: target }).expect(201);
    const { body: since } = await http
      .post(`/v1/webhooks/subscriptions/${created.subscriptionId}/redeliver`)
      .send({ since: 'yesterday' })
      .expect(422);
    expect(since.errors).toEqual([expect.objectContaining({ path: 'since', rule: 'isIso8601' })]);
    await http.post(`/v1/webhooks/subscriptions/${created.subscriptionId}/deliveries/${randomUUID()}/redeliver`).expect(404);
    await http.get(`/v1/webhooks/subscriptions/${created.subscriptionId}/deliveries?limit=0`).expect(422);
    await http.get(`/v1/webhooks/subscriptions/${created.subscriptionId}/deliveries?cursor=abc`).expect(422);
  });

  it('pages deliveries newest first with a cursor', async () => {
    const { body: created } = await http.post('/v1/webhooks/subscriptions').send({ url: target }).expect(201);
    const id = created.subscriptionId;
    // Deliveries as the notifier's projection records them.
    for (let i = 0; i < 5; i++) {
      const messageId = `msg_${randomUUID().replace(/-/g, '')}`;
      await pool.query(
        `INSERT INTO webhook_messages (message_id, event_id, global_position, alert_id, event_type, body, occurred_at) VALUES ($1, $2, $3, $4, 'alert.raised', '{}', now())`,
        [messageId, randomUUID(), i + 1, `a${i}`],
      );
      await pool.query(
        `INSERT INTO webhook_deliveries (subscription_id, message_id, state, created_at) VALUES ($1, $2, 'failed', now() + $3 * interval '1 second')`,
        [id, messageId, i],
      );
    }
    const first = (await http.get(`/v1/webhooks/subscriptions/${id}/deliveries?limit=2`).expect(200)).body;
    expect(first.items.map((d: { alertId: string }) => d.alertId)).toEqual(['a4', 'a3']);
    const second = (await http.get(`/v1/webhooks/subscriptions/${id}/deliveries?limit=2&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second.items.map((d: { alertId: string }) => d.alertId)).toEqual(['a2', 'a1']);
    const third = (await http.get(`/v1/webhooks/subscriptions/${id}/deliveries?limit=2&cursor=${second.nextCursor}`).expect(200)).body;
    expect(third).toMatchObject({ items: [expect.objectContaining({ alertId: 'a0', state: 'failed', attempts: [] })], nextCursor: null });

    const { body: replay } = await http
      .post(`/v1/webhooks/subscriptions/${id}/redeliver`)
      .send({ since: new Date(Date.now() + 2_500).toISOString() })
      .expect(202);
    expect(replay).toEqual({ redelivered: 2 });
    const scheduled = (await http.get(`/v1/webhooks/subscriptions/${id}/deliveries?state=scheduled`).expect(200)).body.items;
    expect(scheduled.map((d: { alertId: string }) => d.alertId)).toEqual(['a4', 'a3']);
  });
});
