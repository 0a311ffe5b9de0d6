import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { AttemptView, DeliveryView, SubscriptionView } from './subscription.dto';

/** The fields a subscription is created or updated with (already validated). */
export interface SubscriptionFields {
  url: string;
  description: string | null;
  eventTypes: string[];
  countries: string[];
  lists: string[];
  programs: string[];
  kinds: string[];
  minScore: number | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const SUBSCRIPTION_COLUMNS = `subscription_id, url, description, event_types, countries, lists, programs, kinds, min_score, status, disabled_reason,
  disabled_at, CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END AS previous_secret_expires_at, created_at, updated_at`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toView(r: any): SubscriptionView {
  return {
    subscriptionId: r.subscription_id,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types,
    filters: { countries: r.countries, lists: r.lists, programs: r.programs, kinds: r.kinds, minScore: r.min_score },
    status: r.status,
    disabledReason: r.disabled_reason,
    disabledAt: iso(r.disabled_at),
    previousSecretExpiresAt: iso(r.previous_secret_expires_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** SQL for subscriptions and their deliveries (tables of migration 1764700000000). Secrets go in, never out. */
export class SubscriptionsRepository {
  constructor(private readonly pool: Pool) {}

  async create(fields: SubscriptionFields, secret: string): Promise<SubscriptionView> {
    const { rows } = await this.pool.query(
      `INSERT INTO webhook_subscriptions (subscription_id, url, description, event_types, countries, lists, programs, min_score, secret, kinds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [
        randomUUID(),
        fields.url,
        fields.description,
        fields.eventTypes,
        fields.countries,
        fields.lists,
        fields.programs,
        fields.minScore,
        secret,
        fields.kinds,
      ],
    );
    return toView(rows[0]);
  }

  async list(): Promise<SubscriptionView[]> {
    const { rows } = await this.pool.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions ORDER BY created_at, subscription_id`,
    );
    return rows.map(toView);
  }

  async find(id: string): Promise<SubscriptionView | undefined> {
    const { rows } = await this.pool.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE subscription_id = $1`, [id]);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async update(id: string, fields: SubscriptionFields): Promise<SubscriptionView | undefined> {
    const { rows } = await this.pool.query(
      `UPDATE webhook_subscriptions SET url = $2, description = $3, event_types = $4, countries = $5, lists = $6, programs = $7, min_score = $8, kinds = $9,
              updated_at = now()
       WHERE subscription_id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [
        id,
        fields.url,
        fields.description,
        fields.eventTypes,
        fields.countries,
        fields.lists,
        fields.programs,
        fields.minScore,
        fields.kinds,
      ],
    );
    return rows[0] ? toView(rows[0]) : undefined;
  }

  /** Sets the status; `active` clears a disabling. */
  async setStatus(id: string, status: 'active' | 'paused'): Promise<SubscriptionView | undefined> {
    const { rows } = await this.pool.query(
      `UPDATE webhook_subscriptions SET status = $2, disabled_reason = NULL, disabled_at = NULL, updated_at = now()
       WHERE subscription_id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [id, status],
    );
    return rows[0] ? toView(rows[0]) : undefined;
  }

  /** Replaces the secret; the current one keeps signing until `graceHours` from now. */
  async rotateSecret(id: string, secret: string, graceHours: number): Promise<SubscriptionView | undefined> {
    const { rows } = await this.pool.query(
      `UPDATE webhook_subscriptions SET previous_secret = secret, previous_secret_expires_at = now() + $3 * interval '1 hour', secret = $2, updated_at = now()
       WHERE subscription_id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [id, secret, graceHours],
    );
    return rows[0] ? toView(rows[0]) : undefined;
  }

  /** Deletes the subscription with its deliveries and attempts. @returns false when there was none */
  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM webhook_subscriptions WHERE subscription_id = $1', [id]);
    return rowCount === 1;
  }

  /**
   * A page of the subscription's deliveries, newest first, each with its attempts (oldest first).
   * The cursor is `<created_at µs>_<delivery id>` of the last delivery of the previous page.
   */
  async deliveries(
    id: string,
    options: { limit: number; cursor?: string; state?: string },
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const { rows } = await this.pool.query(
      `SELECT d.delivery_id, d.message_id, m.event_type, m.alert_id, d.state, d.next_attempt_at, d.attempt_count, d.created_at, d.completed_at,
              (extract(epoch FROM d.created_at) * 1000000)::bigint::text AS created_us
       FROM webhook_deliveries d JOIN webhook_messages m USING (message_id)
       WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.state = $2)
         AND ($3::bigint IS NULL OR ((extract(epoch FROM d.created_at) * 1000000)::bigint, d.delivery_id) < ($3::bigint, $4::uuid))
       ORDER BY d.created_at DESC, d.delivery_id DESC
       LIMIT $5`,
      [id, options.state ?? null, after?.createdUs ?? null, after?.deliveryId ?? null, options.limit + 1],
    );
    const page = rows.slice(0, options.limit);
    const attempts = await this.attemptsOf(page.map((r) => r.delivery_id));
    const items: DeliveryView[] = page.map((r) => ({
      deliveryId: r.delivery_id,
      messageId: r.message_id,
      eventType: r.event_type,
      alertId: r.alert_id,
      state: r.state,
      nextAttemptAt: r.state === 'scheduled' ? iso(r.next_attempt_at) : null,
      attemptCount: r.attempt_count,
      createdAt: iso(r.created_at)!,
      completedAt: iso(r.completed_at),
      attempts: attempts.get(r.delivery_id) ?? [],
    }));
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > options.limit ? `${last.created_us}_${last.delivery_id}` : null };
  }

  /** Schedules the delivery for a fresh run of the retry schedule, now. @returns false when it is not the subscription's */
  async redeliver(subscriptionId: string, deliveryId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE webhook_deliveries SET state = 'scheduled', failures = 0, next_attempt_at = now(), completed_at = NULL
       WHERE subscription_id = $1 AND delivery_id = $2`,
      [subscriptionId, deliveryId],
    );
    return rowCount === 1;
  }

  /** Schedules every failed delivery created at or after `since` again. @returns how many */
  async redeliverFailedSince(subscriptionId: string, since: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE webhook_deliveries SET state = 'scheduled', failures = 0, next_attempt_at = now(), completed_at = NULL
       WHERE subscription_id = $1 AND state = 'failed' AND created_at >= $2`,
      [subscriptionId, since],
    );
    return rowCount ?? 0;
  }

  private async attemptsOf(deliveryIds: string[]): Promise<Map<string, AttemptView[]>> {
    const byDelivery = new Map<string, AttemptView[]>();
    if (deliveryIds.length === 0) return byDelivery;
    const { rows } = await this.pool.query(
      `SELECT delivery_id, attempted_at, status_code, latency_ms, outcome, error, response_excerpt FROM webhook_attempts
       WHERE delivery_id = ANY($1::uuid[]) ORDER BY attempt_id`,
      [deliveryIds],
    );
    for (const r of rows) {
      const list = byDelivery.get(r.delivery_id) ?? [];
      list.push({
        attemptedAt: iso(r.attempted_at)!,
        statusCode: r.status_code,
        latencyMs: r.latency_ms,
        outcome: r.outcome,
        error: r.error,
        responseExcerpt: r.response_excerpt,
      });
      byDelivery.set(r.delivery_id, list);
    }
    return byDelivery;
  }
}

function decodeCursor(cursor: string): { createdUs: string; deliveryId: string } | undefined {
  const match = /^(\d{1,19})_([0-9a-f-]{36})$/.exec(cursor);
  return match ? { createdUs: match[1], deliveryId: match[2] } : undefined;
}
