import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commands the API accepted, for `Idempotency-Key` and `GET /v1/commands/:id`.
 *
 * - A row pins a command id (and the aggregate id) to `(actor, idempotency_key)` before the command is published:
 *   a retry with the same key and the same body (`request_hash`, SHA-256 of the canonical body and route) gets the
 *   same command id; the same key with another body is refused. `UNIQUE (actor, idempotency_key)` settles two
 *   concurrent first tries.
 * - `published_at` is set once the broker acknowledged the command (`acks: -1`); until then the command is not
 *   reported as pending, and a retry publishes it again under the same id (the processor's inbox,
 *   `processed_commands`, makes a second delivery a no-op).
 * - The outcome itself lives in `processed_commands`, written by the processor in the transaction of the events.
 */
export class AcceptedCommands1764400200000 implements MigrationInterface {
  name = 'AcceptedCommands1764400200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE accepted_commands (
        command_id      uuid PRIMARY KEY,
        command_type    text NOT NULL,
        aggregate_id    text NOT NULL,
        actor           text NOT NULL,
        correlation_id  text NOT NULL,
        idempotency_key text,
        request_hash    text NOT NULL,
        accepted_at     timestamptz NOT NULL DEFAULT now(),
        published_at    timestamptz,
        UNIQUE (actor, idempotency_key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE accepted_commands`);
  }
}
