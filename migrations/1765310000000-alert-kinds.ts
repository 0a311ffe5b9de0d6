import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert kinds (issue 17): `alerts.kind` (`name-match`, `ownership`, `possible-diversion`; rows written before are
 * name matches) and `alerts.basis` (what a kind other than a name match rests on: the ownership holders and share, the
 * diversion's claims; null for a name match), both from the alert's `AlertRaised`/`AlertReopened`; and
 * `webhook_subscriptions.kinds`, the kinds a subscription takes (empty: every kind).
 */
export class AlertKinds1765310000000 implements MigrationInterface {
  name = 'AlertKinds1765310000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alerts ADD COLUMN kind text NOT NULL DEFAULT 'name-match', ADD COLUMN basis jsonb`);
    await db.query(`CREATE INDEX alerts_kind ON alerts (kind, raised_at DESC, alert_id DESC)`);
    await db.query(`ALTER TABLE webhook_subscriptions ADD COLUMN kinds text[] NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_subscriptions DROP COLUMN kinds`);
    await db.query(`DROP INDEX alerts_kind`);
    await db.query(`ALTER TABLE alerts DROP COLUMN basis, DROP COLUMN kind`);
  }
}
