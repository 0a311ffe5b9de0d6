import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys: only a SHA-256 hash of each key is stored (keys are 256-bit random, so a slow hash adds nothing);
 * `prefix` identifies a key in lists and logs without revealing it.
 */
export class ApiKeys1764800000000 implements MigrationInterface {
  name = 'ApiKeys1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_keys (
        key_id       uuid PRIMARY KEY,
        prefix       text NOT NULL UNIQUE,
        secret_hash  bytea NOT NULL,
        name         text NOT NULL,
        role         text NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
        created_by   text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz,
        revoked_at   timestamptz,
        last_used_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE api_keys`);
  }
}
