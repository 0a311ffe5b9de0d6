import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert webhooks (Standard Webhooks).
 *
 * - `webhook_subscriptions`: target URL, event types and filters, the signing secret (kept in clear: it must compute
 *   HMACs; never returned after creation) and, during a rotation, the previous secret until `previous_secret_expires_at`.
 *   `status`: `active` (sent), `paused` (held by the subscriber), `disabled` (held by us: 410 Gone, retries exhausted
 *   or target refused; `disabled_reason` says which).
 * - `webhook_messages`: one per alert event, written by the notifier's projection: the webhook-id, the type and the
 *   exact body bytes sent. `webhook_alerts` keeps each raised alert's facets so later events of the alert can be
 *   filtered. The projection writes messages, deliveries, facets and its checkpoint in one transaction.
 * - `webhook_deliveries`: a message for a subscription. Due when `state = 'scheduled'` and `next_attempt_at` has
 *   passed and no live lease (`locked_until`) holds it; claimed with `FOR UPDATE SKIP LOCKED`. `failures` counts
 *   failed attempts since the last (re)schedule and indexes the retry schedule.
 * - `webhook_attempts`: every send: time, status, latency, error, response excerpt.
 */
export class Webhooks1764700000000 implements MigrationInterface {
  name = 'Webhooks1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_subscriptions (
        subscription_id            uuid PRIMARY KEY,
        url                        text NOT NULL,
        description                text,
        event_types                text[] NOT NULL,
        countries                  text[] NOT NULL DEFAULT '{}',
        lists                      text[] NOT NULL DEFAULT '{}',
        programs                   text[] NOT NULL DEFAULT '{}',
        min_score                  double precision,
        status                     text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'disabled')),
        disabled_reason            text,
        disabled_at                timestamptz,
        secret                     text NOT NULL,
        previous_secret            text,
        previous_secret_expires_at timestamptz,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        updated_at                 timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE webhook_alerts (
        alert_id   text PRIMARY KEY,
        facets     jsonb NOT NULL
      )`);
    await db.query(`
      CREATE TABLE webhook_messages (
        message_id      text PRIMARY KEY,
        event_id        uuid NOT NULL UNIQUE,
        global_position bigint NOT NULL,
        alert_id        text NOT NULL,
        event_type      text NOT NULL,
        body            text NOT NULL,
        occurred_at     timestamptz NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        delivery_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions ON DELETE CASCADE,
        message_id      text NOT NULL REFERENCES webhook_messages,
        state           text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'succeeded', 'failed')),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        failures        int NOT NULL DEFAULT 0,
        attempt_count   int NOT NULL DEFAULT 0,
        locked_until    timestamptz,
        locked_by       text,
        last_status     int,
        last_error      text,
        last_attempt_at timestamptz,
        completed_at    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, message_id)
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'scheduled'`);
    await db.query(
      `CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, created_at DESC, delivery_id DESC)`,
    );
    await db.query(`
      CREATE TABLE webhook_attempts (
        attempt_id        bigserial PRIMARY KEY,
        delivery_id       uuid NOT NULL REFERENCES webhook_deliveries ON DELETE CASCADE,
        attempted_at      timestamptz NOT NULL,
        status_code       int,
        latency_ms        int NOT NULL,
        outcome           text NOT NULL CHECK (outcome IN ('succeeded', 'retry-scheduled', 'failed', 'refused', 'gone')),
        error             text,
        response_excerpt  text,
        webhook_timestamp bigint NOT NULL
      )`);
    await db.query(`CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, attempt_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_attempts`);
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE webhook_messages`);
    await db.query(`DROP TABLE webhook_alerts`);
    await db.query(`DROP TABLE webhook_subscriptions`);
  }
}
