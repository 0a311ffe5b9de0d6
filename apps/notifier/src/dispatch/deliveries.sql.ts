import type { ClientBase, Pool } from 'pg';

/** A delivery claimed for one send. */
export interface ClaimedDelivery {
  deliveryId: string;
  subscriptionId: string;
  messageId: string;
  /** Failed attempts since the delivery was (re)scheduled: indexes the retry schedule. */
  failures: number;
  body: string;
  url: string;
  /** The secrets that sign: the current one, and the previous one during a rotation's grace period. */
  secrets: string[];
  /** The lease token; the outcome is recorded only while it still holds the lease. */
  leaseToken: string;
  /** When the API accepted the report command behind the alert (ISO 8601), when the alert came from one. */
  acceptedAt?: string;
}

/**
 * Claims up to `limit` due deliveries of active subscriptions: `FOR UPDATE SKIP LOCKED` keeps concurrent notifiers
 * apart, and a lease (`locked_until`, `locked_by`) committed with the claim keeps them apart while the send runs
 * outside any transaction. A notifier killed mid-send leaves a lease that expires, and the delivery is claimed again
 * (same webhook-id).
 */
export async function claimDueDeliveries(pool: Pool, limit: number, leaseMs: number, leaseToken: string): Promise<ClaimedDelivery[]> {
  const { rows } = await pool.query(
    `WITH due AS (
       SELECT d.delivery_id FROM webhook_deliveries d JOIN webhook_subscriptions s USING (subscription_id)
       WHERE d.state = 'scheduled' AND d.next_attempt_at <= now() AND (d.locked_until IS NULL OR d.locked_until <= now()) AND s.status = 'active'
       ORDER BY d.next_attempt_at
       LIMIT $1
       FOR UPDATE OF d SKIP LOCKED
     )
     UPDATE webhook_deliveries d SET locked_until = now() + $2 * interval '1 millisecond', locked_by = $3
     FROM due, webhook_messages m, webhook_subscriptions s
     WHERE d.delivery_id = due.delivery_id AND m.message_id = d.message_id AND s.subscription_id = d.subscription_id
     RETURNING d.delivery_id, d.subscription_id, d.message_id, d.failures, m.body, s.url, s.secret,
               CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END AS previous_secret,
               (SELECT e.metadata->>'acceptedAt' FROM events e WHERE e.event_id = m.event_id) AS accepted_at`,
    [limit, leaseMs, leaseToken],
  );
  return rows.map((r) => ({
    deliveryId: r.delivery_id,
    subscriptionId: r.subscription_id,
    messageId: r.message_id,
    failures: r.failures,
    body: r.body,
    url: r.url,
    secrets: r.previous_secret ? [r.secret, r.previous_secret] : [r.secret],
    leaseToken,
    ...(r.accepted_at ? { acceptedAt: r.accepted_at as string } : {}),
  }));
}

/** What an attempt led to. */
export type AttemptOutcome =
  | { kind: 'succeeded' }
  | { kind: 'retry-scheduled'; delayMs: number }
  /** Retries exhausted: the delivery fails and the subscription is disabled. */
  | { kind: 'failed'; disableReason: string }
  /** 410 Gone: the subscription is disabled at once. */
  | { kind: 'gone'; disableReason: string }
  /** The SSRF guard refused the target: nothing was sent; the subscription is disabled. */
  | { kind: 'refused'; disableReason: string };

export interface AttemptRecord {
  attemptedAt: Date;
  webhookTimestamp: number;
  statusCode?: number;
  latencyMs: number;
  error?: string;
  responseExcerpt?: string;
}

/**
 * Records an attempt and its outcome in one transaction: the attempt row always (it happened), the delivery's new
 * state and the subscription's disabling only while this notifier still holds the lease.
 */
export async function recordAttempt(
  client: ClientBase,
  delivery: ClaimedDelivery,
  attempt: AttemptRecord,
  outcome: AttemptOutcome,
): Promise<void> {
  await client.query(
    `INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms, outcome, error, response_excerpt, webhook_timestamp)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE delivery_id = $1)`,
    [
      delivery.deliveryId,
      attempt.attemptedAt,
      attempt.statusCode ?? null,
      attempt.latencyMs,
      outcome.kind,
      attempt.error ?? null,
      attempt.responseExcerpt ?? null,
      attempt.webhookTimestamp,
    ],
  );
  const state = outcome.kind === 'succeeded' ? 'succeeded' : outcome.kind === 'retry-scheduled' ? 'scheduled' : 'failed';
  const delayMs = outcome.kind === 'retry-scheduled' ? outcome.delayMs : 0;
  const { rowCount } = await client.query(
    `UPDATE webhook_deliveries SET state = $2, failures = failures + $3, attempt_count = attempt_count + 1,
            next_attempt_at = CASE WHEN $2 = 'scheduled' THEN now() + $4 * interval '1 millisecond' ELSE next_attempt_at END,
            completed_at = CASE WHEN $2 = 'scheduled' THEN NULL ELSE now() END,
            last_status = $5, last_error = $6, last_attempt_at = $7, locked_until = NULL, locked_by = NULL
     WHERE delivery_id = $1 AND locked_by = $8`,
    [
      delivery.deliveryId,
      state,
      outcome.kind === 'succeeded' ? 0 : 1,
      delayMs,
      attempt.statusCode ?? null,
      attempt.error ?? null,
      attempt.attemptedAt,
      delivery.leaseToken,
    ],
  );
  if (rowCount === 1 && 'disableReason' in outcome) {
    await client.query(
      `UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = $2, disabled_at = now(), updated_at = now() WHERE subscription_id = $1 AND status <> 'disabled'`,
      [delivery.subscriptionId, outcome.disableReason],
    );
  }
}
