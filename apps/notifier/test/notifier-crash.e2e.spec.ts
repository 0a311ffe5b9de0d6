import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import { freePort } from '@tm/local-stack';
import { createTopics } from '@tm/messaging';
import { appProcessEnv, createTestDatabase, killAppProcess, startAppProcess, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { generateSigningSecret, messageIdOf } from '@tm/webhooks';
import { alertRaised, raiseAlert } from './support/alerts';
import { waitFor, WebhookReceiver } from './support/receiver';

describe('notifier killed mid-retry (the app as a real process)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let env: Record<string, string>;
  let notifier: ChildProcess | undefined;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPgPool(database.url, 4);
    const port = String(await freePort());
    const environment = useTestEnvironment(database.url, { NOTIFIER_PORT: port });
    env = appProcessEnv(environment, {
      NOTIFIER_PORT: port,
      WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1',
      // Long enough to kill the notifier while the delivery waits for its retry.
      WEBHOOK_RETRY_SCHEDULE: '1500ms,1500ms',
      WEBHOOK_RETRY_JITTER: '0',
      WEBHOOK_POLL_INTERVAL_MS: '50',
    });
    await createTopics(environment);
    await receiver.start();
  });
  afterAll(async () => {
    if (notifier) await killAppProcess(notifier);
    await receiver.stop();
    await pool?.end();
    await database?.drop();
  });

  it('delivers after a SIGKILL and a restart, with the same webhook-id', async () => {
    const secret = generateSigningSecret();
    const subscriptionId = randomUUID();
    const endpoint = receiver.endpoint('/hooks/crash');
    endpoint.secrets = [secret];
    endpoint.respond = (n) => ({ status: n === 1 ? 503 : 200 });
    await pool.query(`INSERT INTO webhook_subscriptions (subscription_id, url, event_types, secret) VALUES ($1, $2, $3, $4)`, [subscriptionId, receiver.url('/hooks/crash'), ['alert.raised'], secret]);

    notifier = await startAppProcess('notifier', env, Number(env.NOTIFIER_PORT));
    const eventId = await raiseAlert(pool, alertRaised());
    // The first attempt failed and its retry is scheduled (recorded): kill the notifier while it waits.
    await waitFor(async () => {
      const { rows } = await pool.query(`SELECT state, attempt_count FROM webhook_deliveries WHERE subscription_id = $1`, [subscriptionId]);
      return rows[0]?.attempt_count === 1 && rows[0].state === 'scheduled' ? true : undefined;
    });
    await killAppProcess(notifier, 'SIGKILL');
    expect(endpoint.received).toHaveLength(1);

    notifier = await startAppProcess('notifier', env, Number(env.NOTIFIER_PORT));
    await waitFor(() => (endpoint.received.length >= 2 ? true : undefined), 20_000, 'the retry after restart');
    expect(endpoint.received.map((r) => r.webhookId)).toEqual([messageIdOf(eventId), messageIdOf(eventId)]);
    expect(endpoint.received.every((r) => r.verifiedWith.length === 1)).toBe(true);
    const { rows } = await waitFor(async () => {
      const result = await pool.query(`SELECT state, attempt_count FROM webhook_deliveries WHERE subscription_id = $1`, [subscriptionId]);
      return result.rows[0]?.state === 'succeeded' ? result : undefined;
    });
    expect(rows).toEqual([{ state: 'succeeded', attempt_count: 2 }]);
    // Graceful stop: SIGTERM ends the process cleanly.
    await killAppProcess(notifier, 'SIGTERM');
    expect(notifier.exitCode === 0 || notifier.signalCode === 'SIGTERM').toBe(true);
  });
});
