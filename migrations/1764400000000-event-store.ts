import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store: the source of truth.
 *
 * - `streams` holds each stream's current version; `UNIQUE (stream_id, version)` on `events` enforces the
 *   expected version of every append.
 * - `events.transaction_id` (xid8) with `global_position` gives readers an order in which no event committed
 *   late is ever skipped: a reader takes only events whose transaction id is below the oldest transaction still
 *   running (`pg_snapshot_xmin(pg_current_snapshot())`), ordered by (transaction_id, global_position). Every
 *   transaction that commits later has a larger transaction id, so it sorts after what was read. (The approach
 *   Emmett and Marten take; a bare sequence would let a slow transaction commit behind a reader.)
 * - Events are append-only: a trigger refuses UPDATE and DELETE. Appends write the stream row and the events in
 *   one statement (libs/event-store), which is what keeps the two consistent.
 * - `processed_commands` is the inbox: a command id is written in the same transaction as its events, so a
 *   redelivered command is a no-op. It also answers `GET /v1/commands/:id`.
 * - `checkpoints` stores each reader's position (outbox relay, projections) in the transaction of its writes.
 */
export class EventStore1764400000000 implements MigrationInterface {
  name = 'EventStore1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE streams (
        stream_id   text PRIMARY KEY,
        stream_type text NOT NULL,
        version     bigint NOT NULL CHECK (version >= 1),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id        uuid NOT NULL UNIQUE,
        stream_id       text NOT NULL,
        stream_type     text NOT NULL,
        version         bigint NOT NULL CHECK (version >= 1),
        event_type      text NOT NULL,
        schema_version  integer NOT NULL CHECK (schema_version >= 1),
        payload         jsonb NOT NULL,
        metadata        jsonb NOT NULL DEFAULT '{}',
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (stream_id, version)
      )`);
    await db.query(`CREATE INDEX events_read_order ON events (transaction_id, global_position)`);
    await db.query(`CREATE INDEX events_recorded_at ON events (recorded_at)`);
    await db.query(`
      CREATE FUNCTION refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(
      `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION refuse_event_change()`,
    );
    await db.query(`CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_change()`);
    await db.query(`
      CREATE TABLE processed_commands (
        command_id      uuid PRIMARY KEY,
        command_type    text NOT NULL,
        aggregate_id    text NOT NULL,
        status          text NOT NULL CHECK (status IN ('succeeded', 'rejected')),
        reason          jsonb,
        first_position  bigint,
        last_position   bigint,
        processed_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE checkpoints (
        reader          text PRIMARY KEY,
        transaction_id  xid8 NOT NULL DEFAULT '0',
        global_position bigint NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE checkpoints`);
    await db.query(`DROP TABLE processed_commands`);
    await db.query(`DROP TABLE events`);
    await db.query(`DROP FUNCTION refuse_event_change`);
    await db.query(`DROP TABLE streams`);
  }
}
