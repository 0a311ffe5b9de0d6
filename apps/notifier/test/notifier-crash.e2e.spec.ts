import { randomUUID } from 'node:crypto';
import { killAppProcess } from '@tm/testing';
import { generateSigningSecret, messageIdOf } from '@tm/webhooks';
import { alertRaised, raiseAlert } from './support/alerts';
import { useNotifierProcess } from './support/notifier-process';
import { waitFor } from './support/receiver';

describe('notifier killed mid-retry (the app as a real process)', () => {
  const bed = useNotifierProcess({
    // Long enough to kill the notifier while the delivery waits for its retry.
    WEBHOOK_RETRY_SCHEDULE: '1500ms,1500ms',
    WEBHOOK_POLL_INTERVAL_MS: '50',
  });

  it('delivers after a SIGKILL and a restart, with the same webhook-id', async () => {
    const { pool, receiver } = bed;
    const secret = generateSigningSecret();
    const subscriptionId = randomUUID();
    const endpoint = receiver.endpoint('/hooks/crash');
    endpoint.secrets = [secret];
    endpoint.respond = (n) => ({ status: n === 1 ? 503 : 200 });
    await pool.query(`INSERT INTO webhook_subscriptions (subscription_id, url, event_types, secret) VALUES ($1, $2, $3, $4)`, [
      subscriptionId,
      receiver.url('/hooks/crash'),
      ['alert.raised'],
      secret,
    ]);

    let notifier = await bed.start();
    const eventId = await raiseAlert(pool, alertRaised());
    // The first attempt failed and its retry is scheduled (recorded): kill the notifier while it waits.
    await waitFor(async () => {
      const { rows } = await pool.query(`SELECT state, attempt_count FROM webhook_deliveries WHERE subscription_id = $1`, [subscriptionId]);
      return rows[0]?.attempt_count === 1 && rows[0].state === 'scheduled' ? true : undefined;
    });
    await killAppProcess(notifier, 'SIGKILL');
    expect(endpoint.received).toHaveLength(1);

    notifier = await bed.start();
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
