import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import { freePort } from '@tm/local-stack';
import { createTopics } from '@tm/messaging';
import { appProcessEnv, createTestDatabase, killAppProcess, startAppProcess, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { generateSigningSecret } from '@tm/webhooks';
import { alertRaised, raiseAlert } from './support/alerts';
import { waitFor, WebhookReceiver } from './support/receiver';

const TEST_CLIENT = 'notifier-database-restart-test';

/** Ends every other session on the test database as an administrator does (57P01 on each client). */
async function terminateOtherSessions(pool: Pool): Promise<number> {
  const { rowCount } = await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> $1`, [TEST_CLIENT]);
  return rowCount ?? 0;
}

describe('notifier when PostgreSQL ends its connections (the app as a real process)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let env: Record<string, string>;
  let notifier: ChildProcess | undefined;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPgPool(database.url, 4, { application_name: TEST_CLIENT });
    const port = String(await freePort());
    const environment = useTestEnvironment(database.url, { NOTIFIER_PORT: port });
    env = appProcessEnv(environment, {
      NOTIFIER_PORT: port,
      WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1',
      WEBHOOK_RETRY_SCHEDULE: '200ms,200ms,200ms,200ms,200ms',
      WEBHOOK_RETRY_JITTER: '0',
      WEBHOOK_POLL_INTERVAL_MS: '20',
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

  it('survives pg_terminate_backend of its connections (57P01) under traffic and delivers every alert', async () => {
    const secret = generateSigningSecret();
    const endpoint = receiver.endpoint('/hooks/terminate');
    endpoint.secrets = [secret];
    await pool.query(`INSERT INTO webhook_subscriptions (subscription_id, url, event_types, secret) VALUES ($1, $2, $3, $4)`, [randomUUID(), receiver.url('/hooks/terminate'), ['alert.raised'], secret]);
    notifier = await startAppProcess('notifier', env, Number(env.NOTIFIER_PORT));
    const exited = new Promise<string>((resolve) => notifier!.once('exit', (code, signal) => resolve(`exited (${signal ?? code})`)));

    // Alerts keep coming while every connection of the notifier is ended, again and again.
    const raised: string[] = [];
    let terminated = 0;
    for (let round = 0; round < 25; round++) {
      raised.push(await raiseAlert(pool, alertRaised()));
      terminated += await terminateOtherSessions(pool);
      await new Promise((resolve) => setTimeout(resolve, 40 + (round % 5) * 30));
    }
    expect(terminated).toBeGreaterThan(0);
    const outcome = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('alive'), 1_000))]);
    expect(outcome).toBe('alive');
    await waitFor(() => (new Set(endpoint.received.map((r) => r.webhookId)).size >= raised.length ? true : undefined), 30_000, 'every alert delivered');
    expect(notifier.exitCode).toBeNull();
    const ready = await fetch(`http://127.0.0.1:${env.NOTIFIER_PORT}/health/ready`);
    expect(ready.status).toBe(200);
  });
});
