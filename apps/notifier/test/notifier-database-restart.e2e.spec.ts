import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { generateSigningSecret } from '@tm/webhooks';
import { alertRaised, raiseAlert } from './support/alerts';
import { useNotifierProcess } from './support/notifier-process';
import { waitFor } from './support/receiver';

const TEST_CLIENT = 'notifier-database-restart-test';

/** Ends every other session on the test database as an administrator does (57P01 on each client). */
async function terminateOtherSessions(pool: Pool): Promise<number> {
  const { rowCount } = await pool.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> $1`,
    [TEST_CLIENT],
  );
  return rowCount ?? 0;
}

describe('notifier when PostgreSQL ends its connections (the app as a real process)', () => {
  const bed = useNotifierProcess(
    { WEBHOOK_RETRY_SCHEDULE: '200ms,200ms,200ms,200ms,200ms', WEBHOOK_POLL_INTERVAL_MS: '20' },
    { application_name: TEST_CLIENT },
  );

  it('survives pg_terminate_backend of its connections (57P01) under traffic and delivers every alert', async () => {
    const { pool, env, receiver } = bed;
    const secret = generateSigningSecret();
    const endpoint = receiver.endpoint('/hooks/terminate');
    endpoint.secrets = [secret];
    await pool.query(`INSERT INTO webhook_subscriptions (subscription_id, url, event_types, secret) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      receiver.url('/hooks/terminate'),
      ['alert.raised'],
      secret,
    ]);
    const notifier = await bed.start();
    const exited = new Promise<string>((resolve) => notifier.once('exit', (code, signal) => resolve(`exited (${signal ?? code})`)));

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
    await waitFor(
      () => (new Set(endpoint.received.map((r) => r.webhookId)).size >= raised.length ? true : undefined),
      30_000,
      'every alert delivered',
    );
    expect(notifier.exitCode).toBeNull();
    const ready = await fetch(`http://127.0.0.1:${env.NOTIFIER_PORT}/health/ready`);
    expect(ready.status).toBe(200);
  });
});
