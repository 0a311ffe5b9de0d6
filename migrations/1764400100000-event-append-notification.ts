import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wakes readers of the event store (the outbox relay) as soon as an append commits: one NOTIFY per statement on
 * channel `events_appended` (PostgreSQL delivers it at commit and folds duplicates within a transaction).
 * Readers still poll at a low rate, since a notification can arrive while an older transaction holds back the
 * readable horizon.
 */
export class EventAppendNotification1764400100000 implements MigrationInterface {
  name = 'EventAppendNotification1764400100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('events_appended', '');
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER events_appended AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION notify_events_appended()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER events_appended ON events`);
    await db.query(`DROP FUNCTION notify_events_appended`);
  }
}
