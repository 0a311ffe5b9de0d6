import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { PG_POOL } from '@tm/database';
import { AlertEvents, type AlertBasisUpdatedV1, type ChplSurgeBasisV1 } from '@tm/domain';
import { createTestDatabase, samplesOf, useTestEnvironment, type TestDatabase, authedServer } from '@tm/testing';
import { messageIdOf } from '@tm/webhooks';
import { configureHttpApi } from '../../api/src/http-setup';
import { alertRaised, appendAlertEvent, raiseAlert } from './support/alerts';
import { waitFor, WebhookReceiver, type Responder } from './support/receiver';

describe('alert webhooks: API, projection and dispatcher against a real receiver', () => {
  let database: TestDatabase;
  let api: INestApplication;
  let notifier: INestApplication;
  let pool: Pool;
  let http: ReturnType<typeof request>;
  const receiver = new WebhookReceiver();
  let paths = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, {
      WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1',
      WEBHOOK_RETRY_SCHEDULE: '200ms,400ms,800ms',
      WEBHOOK_RETRY_JITTER: '0',
      WEBHOOK_POLL_INTERVAL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
    await receiver.start();
    const { ApiModule } = await import('../../api/src/api.module');
    const { NotifierModule } = await import('../src/notifier.module');
    api = (await Test.createTestingModule({ imports: [ApiModule] }).compile()).createNestApplication({ logger: false });
    configureHttpApi(api);
    await api.init();
    notifier = (await Test.createTestingModule({ imports: [NotifierModule] }).compile()).createNestApplication({ logger: false });
    await notifier.init();
    pool = api.get(PG_POOL);
    http = request(authedServer(api));
  });
  afterAll(async () => {
    await notifier?.close();
    await api?.close();
    await receiver.stop();
    await database?.drop();
  });

  /** Subscribes a fresh receiver endpoint; @returns the subscription and the endpoint. */
  async function subscribe(body: Record<string, unknown> = {}, respond?: Responder) {
    const path = `/hooks/${++paths}`;
    const { body: subscription } = await http
      .post('/v1/webhooks/subscriptions')
      .send({ url: receiver.url(path), ...body })
      .expect(201);
    const endpoint = receiver.endpoint(path);
    endpoint.secrets = [subscription.secret];
    endpoint.respond = respond;
    return { subscription, endpoint };
  }

  const deliveriesOf = async (id: string) => (await http.get(`/v1/webhooks/subscriptions/${id}/deliveries`).expect(200)).body.items;

  it('delivers a raised alert, signed, in the Standard Webhooks shape, and logs the attempt', async () => {
    const { subscription, endpoint } = await subscribe();
    expect(subscription.secret).toMatch(/^whsec_/);
    const alert = alertRaised();
    const eventId = await raiseAlert(pool, alert);

    const [received] = await waitFor(() => (endpoint.received.length ? endpoint.received : undefined));
    expect(received.verifiedWith).toEqual([subscription.secret]);
    expect(received.webhookId).toBe(messageIdOf(eventId));
    expect(received.payload).toEqual({ type: 'alert.raised', timestamp: expect.any(String), data: alert });
    expect(received.headers['content-type']).toBe('application/json');

    const [delivery] = await waitFor(async () => {
      const list = await deliveriesOf(subscription.subscriptionId);
      return list[0]?.state === 'succeeded' ? list : undefined;
    });
    expect(delivery).toMatchObject({ messageId: received.webhookId, eventType: 'alert.raised', alertId: alert.alertId, attemptCount: 1 });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ statusCode: 204, outcome: 'succeeded', latencyMs: expect.any(Number), error: null }),
    ]);
    const { body: listed } = await http.get('/v1/webhooks/subscriptions').expect(200);
    expect(JSON.stringify(listed)).not.toContain(subscription.secret);
  });

  it('counts attempts by outcome and measures POST → webhook received at GET /metrics (Prometheus text)', async () => {
    const { subscription, endpoint } = await subscribe();
    await raiseAlert(pool, alertRaised());
    await waitFor(() => (endpoint.received.length ? endpoint.received : undefined));
    await waitFor(async () => ((await deliveriesOf(subscription.subscriptionId))[0]?.state === 'succeeded' ? true : undefined));
    const { text } = await request(notifier.getHttpServer())
      .get('/metrics')
      .expect(200)
      .expect('content-type', /^text\/plain/);
    expect(samplesOf(text, 'tm_webhook_attempts_total', { app: 'notifier', outcome: 'succeeded' })[0]?.value).toBeGreaterThanOrEqual(1);
    // The alert's event carries the time its report command was accepted: each 2xx observes POST → webhook received.
    expect(samplesOf(text, 'tm_webhook_delivered_seconds_count')[0]?.value).toBeGreaterThanOrEqual(1);
    expect(samplesOf(text, 'tm_webhook_delivered_seconds_bucket', { le: '+Inf' })[0]?.value).toBeGreaterThanOrEqual(1);
  });

  it('retries a failing receiver with backoff and the same webhook-id until it succeeds', async () => {
    const { subscription, endpoint } = await subscribe({}, (n) =>
      n <= 2 ? { status: n === 1 ? 503 : 500, body: 'down' } : { status: 200 },
    );
    await raiseAlert(pool, alertRaised());
    await waitFor(() => (endpoint.received.length >= 3 ? true : undefined));
    expect(new Set(endpoint.received.map((r) => r.webhookId)).size).toBe(1);
    expect(endpoint.received.every((r) => r.verifiedWith.length === 1)).toBe(true);
    const gaps = endpoint.received.slice(1).map((r, i) => Number(r.timestamp) - Number(endpoint.received[i].timestamp));
    expect(gaps.every((g) => g >= 0)).toBe(true);
    const [delivery] = await waitFor(async () => {
      const list = await deliveriesOf(subscription.subscriptionId);
      return list[0]?.state === 'succeeded' ? list : undefined;
    });
    expect(delivery.attempts.map((a: { statusCode: number; outcome: string }) => [a.statusCode, a.outcome])).toEqual([
      [503, 'retry-scheduled'],
      [500, 'retry-scheduled'],
      [200, 'succeeded'],
    ]);
    expect(delivery.attempts[0].responseExcerpt).toBe('down');
  });

  it('disables the subscription at once on 410 Gone, visibly, and sends nothing more until resumed', async () => {
    const { subscription, endpoint } = await subscribe({}, (n) => ({ status: n === 1 ? 410 : 204 }));
    await raiseAlert(pool, alertRaised());
    const disabled = await waitFor(async () => {
      const { body } = await http.get(`/v1/webhooks/subscriptions/${subscription.subscriptionId}`).expect(200);
      return body.status === 'disabled' ? body : undefined;
    });
    expect(disabled.disabledReason).toContain('410');
    expect(endpoint.received).toHaveLength(1);

    // Alerts raised meanwhile are held, then sent on resume; the failed one is replayed with redeliver-since.
    await raiseAlert(pool, alertRaised());
    await waitFor(async () => ((await deliveriesOf(subscription.subscriptionId)).length === 2 ? true : undefined));
    expect(endpoint.received).toHaveLength(1);
    await http.post(`/v1/webhooks/subscriptions/${subscription.subscriptionId}/resume`).expect(200);
    const { body: replay } = await http
      .post(`/v1/webhooks/subscriptions/${subscription.subscriptionId}/redeliver`)
      .send({ since: new Date(Date.now() - 60_000).toISOString() })
      .expect(202);
    expect(replay).toEqual({ redelivered: 1 });
    await waitFor(() => (endpoint.received.length >= 3 ? true : undefined));
    expect(new Set(endpoint.received.map((r) => r.webhookId)).size).toBe(2);
  });

  it('holds the deliveries of a paused subscription, recorded but not sent, and sends them on resume', async () => {
    const { subscription, endpoint } = await subscribe();
    const id = subscription.subscriptionId;
    await http.post(`/v1/webhooks/subscriptions/${id}/pause`).expect(200);
    const alert = alertRaised();
    await raiseAlert(pool, alert);
    const [held] = await waitFor(async () => {
      const list = await deliveriesOf(id);
      return list.length ? list : undefined;
    });
    expect(held).toMatchObject({ eventType: 'alert.raised', alertId: alert.alertId, state: 'scheduled', attemptCount: 0 });
    // A later alert reaches an active subscription meanwhile: the paused one's deliveries are held, not merely late.
    const other = await subscribe();
    await raiseAlert(pool, alertRaised());
    await waitFor(() => (other.endpoint.received.length ? true : undefined));
    expect(endpoint.received).toEqual([]);
    expect((await deliveriesOf(id)).map((d: { state: string }) => d.state)).toEqual(['scheduled', 'scheduled']);

    await http.post(`/v1/webhooks/subscriptions/${id}/resume`).expect(200);
    await waitFor(() => (endpoint.received.length >= 2 ? true : undefined));
    expect(endpoint.received.map((r) => r.payload?.type)).toEqual(['alert.raised', 'alert.raised']);
    expect(endpoint.received.map((r) => (r.payload?.data as { alertId: string }).alertId)).toContain(alert.alertId);
  });

  it('disables the subscription when the retry schedule is exhausted', async () => {
    const { subscription, endpoint } = await subscribe({}, () => ({ status: 500 }));
    await raiseAlert(pool, alertRaised());
    const disabled = await waitFor(async () => {
      const { body } = await http.get(`/v1/webhooks/subscriptions/${subscription.subscriptionId}`).expect(200);
      return body.status === 'disabled' ? body : undefined;
    });
    expect(disabled.disabledReason).toMatch(/retries exhausted: 4 attempts/);
    expect(endpoint.received).toHaveLength(4);
    const [delivery] = await deliveriesOf(subscription.subscriptionId);
    expect(delivery.state).toBe('failed');
  });

  it('sends only what the filters let through', async () => {
    const all = await subscribe();
    const byCountry = await subscribe({ filters: { countries: ['ir'] } });
    const byList = await subscribe({ filters: { lists: ['un'] } });
    const byProgram = await subscribe({ filters: { programs: ['RUSSIA-EO14024'] } });
    const byScore = await subscribe({ filters: { minScore: 0.95 } });
    const reviewsOnly = await subscribe({ eventTypes: ['alert.reviewed'], filters: { countries: ['RU'] } });
    const alert = alertRaised({ score: 0.9, countries: ['CN', 'RU'] });
    await raiseAlert(pool, alert);
    await appendAlertEvent(pool, alert.alertId, 1, AlertEvents.AlertReviewed, {
      alertId: alert.alertId,
      status: 'confirmed',
      reason: 'same company',
    });

    await waitFor(() =>
      all.endpoint.received.length >= 2 && byProgram.endpoint.received.length >= 1 && reviewsOnly.endpoint.received.length >= 1
        ? true
        : undefined,
    );
    expect(all.endpoint.received.map((r) => r.payload?.type)).toEqual(['alert.raised', 'alert.reviewed']);
    expect(reviewsOnly.endpoint.received.map((r) => r.payload?.type)).toEqual(['alert.reviewed']);
    expect(reviewsOnly.endpoint.received[0].payload?.data).toMatchObject({
      alertId: alert.alertId,
      status: 'confirmed',
      alert: { listId: alert.listId, score: 0.9 },
    });
    // Deliveries are recorded with their message in one transaction: what is not recorded now never will be.
    for (const excluded of [byCountry, byList, byScore]) {
      expect(await deliveriesOf(excluded.subscription.subscriptionId)).toEqual([]);
      expect(excluded.endpoint.received).toEqual([]);
    }
  });

  it("delivers a route's or surge's basis update as alert.updated, to subscriptions taking it (the kinds filter on the raised alert)", async () => {
    const updates = await subscribe({ eventTypes: ['alert.updated'], filters: { kinds: ['possible-diversion'] } });
    const reopenings = await subscribe({ eventTypes: ['alert.reopened'] });
    const nameMatches = await subscribe({ eventTypes: ['alert.updated'], filters: { kinds: ['name-match'] } });
    const surge = (count: number) => ({ country: 'KZ', count, claims: [], notes: [] }) as unknown as ChplSurgeBasisV1;
    const alert = alertRaised({
      kind: 'possible-diversion',
      listId: 'reference',
      entryId: 'chpl-surge:KZ:2023-01-01..2023-03-31',
      surge: surge(3),
    });
    await raiseAlert(pool, alert);
    const {
      alertId,
      reportId,
      listId,
      entryId,
      queryName,
      listVersion,
      entryName,
      matchedName,
      matchedNameKind,
      programs,
      countries,
      score,
      explanation,
    } = alert;
    const match = { queryName, listVersion, entryName, matchedName, matchedNameKind, programs, countries, score, explanation };
    const update: AlertBasisUpdatedV1 = { alertId, ...match, surge: surge(4), reason: 'report-amended', trigger: 'report-submitted' };
    const eventId = await appendAlertEvent(pool, alert.alertId, 1, AlertEvents.AlertBasisUpdated, update);

    const [received] = await waitFor(() => (updates.endpoint.received.length ? updates.endpoint.received : undefined));
    expect(received.webhookId).toBe(messageIdOf(eventId));
    expect(received.payload).toEqual({
      type: 'alert.updated',
      timestamp: expect.any(String),
      data: { ...update, alert: expect.objectContaining({ alertId, kind: 'possible-diversion', reportId, listId, entryId }) },
    });
    const [delivery] = await waitFor(async () => {
      const list = await deliveriesOf(updates.subscription.subscriptionId);
      return list[0]?.state === 'succeeded' ? list : undefined;
    });
    expect(delivery).toMatchObject({ eventType: 'alert.updated', alertId });
    // Deliveries are recorded with their message in one transaction: what is not recorded now never will be.
    for (const excluded of [reopenings, nameMatches]) {
      expect(await deliveriesOf(excluded.subscription.subscriptionId)).toEqual([]);
      expect(excluded.endpoint.received).toEqual([]);
    }
  });

  it('refuses a private, loopback or metadata target at subscription time with 422, and at send time', async () => {
    for (const url of [
      'http://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/hook',
      'http://192.168.1.10/hook',
    ]) {
      const { body } = await http.post('/v1/webhooks/subscriptions').send({ url }).expect(422);
      expect(body.errors).toEqual([expect.objectContaining({ path: 'url', rule: 'publicAddress' })]);
    }
    const { body } = await http.post('/v1/webhooks/subscriptions').send({ url: 'file:///etc/passwd' }).expect(422);
    expect(body.errors).toEqual([expect.objectContaining({ path: 'url', rule: 'httpUrl' })]);

    // A target that became private after subscribing (here written directly) is refused at connect time.
    const { subscription, endpoint } = await subscribe();
    await pool.query(`UPDATE webhook_subscriptions SET url = $2 WHERE subscription_id = $1`, [
      subscription.subscriptionId,
      receiver.url('/hooks/private').replace('127.0.0.1', '127.0.0.2'),
    ]);
    await raiseAlert(pool, alertRaised());
    const disabled = await waitFor(async () => {
      const { body: s } = await http.get(`/v1/webhooks/subscriptions/${subscription.subscriptionId}`).expect(200);
      return s.status === 'disabled' ? s : undefined;
    });
    expect(disabled.disabledReason).toMatch(/target refused: .*127\.0\.0\.2/);
    const [delivery] = await deliveriesOf(subscription.subscriptionId);
    expect(delivery.attempts).toEqual([expect.objectContaining({ outcome: 'refused', statusCode: null })]);
    expect(endpoint.received).toEqual([]);
    expect(receiver.endpoint('/hooks/private').received).toEqual([]);
  });

  it('signs with both secrets during a rotation, and redelivers with the same webhook-id', async () => {
    const { subscription, endpoint } = await subscribe();
    const { body: rotated } = await http.post(`/v1/webhooks/subscriptions/${subscription.subscriptionId}/secret/rotate`).expect(200);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(subscription.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    endpoint.secrets = [subscription.secret, rotated.secret];
    await raiseAlert(pool, alertRaised());
    const [first] = await waitFor(() => (endpoint.received.length ? endpoint.received : undefined));
    expect(first.signature.split(' ')).toHaveLength(2);
    expect(first.verifiedWith.sort()).toEqual([subscription.secret, rotated.secret].sort());

    const [delivery] = await waitFor(async () => {
      const list = await deliveriesOf(subscription.subscriptionId);
      return list[0]?.state === 'succeeded' ? list : undefined;
    });
    await http.post(`/v1/webhooks/subscriptions/${subscription.subscriptionId}/deliveries/${delivery.deliveryId}/redeliver`).expect(202);
    await waitFor(() => (endpoint.received.length >= 2 ? true : undefined));
    expect(endpoint.received[1].webhookId).toBe(first.webhookId);
    expect(endpoint.received[1].body).toBe(first.body);
  });
});
