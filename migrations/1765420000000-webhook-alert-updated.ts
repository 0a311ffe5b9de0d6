import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `alert.updated` (a route's or surge's alert in force now citing other claims or figures) replaces the
 * `alert.superseded` + `alert.reopened` pair those changes sent before. Subscriptions that took reopenings were
 * receiving them: they take `alert.updated` too, so no subscriber stops hearing of a changed basis.
 */
export class WebhookAlertUpdated1765420000000 implements MigrationInterface {
  name = 'WebhookAlertUpdated1765420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE webhook_subscriptions SET event_types = array_append(event_types, 'alert.updated')
        WHERE 'alert.reopened' = ANY(event_types) AND NOT 'alert.updated' = ANY(event_types)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE webhook_subscriptions SET event_types = array_remove(event_types, 'alert.updated')`);
  }
}
