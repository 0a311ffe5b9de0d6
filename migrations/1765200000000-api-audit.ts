import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API's audit log: one row per request to `/v1/**`, refused ones (401, 403, 429) included. `key_id` is text, not
 * a foreign key: the bootstrap key's id is `bootstrap-admin`, and a row outlives its key. No CHECK constraints: a
 * batch of rows is inserted in one statement, and one row the database refuses would hold back the others.
 * Never holds a key's secret or a request body.
 */
export class ApiAudit1765200000000 implements MigrationInterface {
  name = 'ApiAudit1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_audit (
        audit_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at             timestamptz NOT NULL,
        key_id         text,
        key_name       text,
        key_role       text,
        method         text NOT NULL,
        route          text,
        path           text NOT NULL,
        status         integer NOT NULL,
        outcome        text NOT NULL,
        correlation_id text,
        client_address text
      )`);
    // Newest first, overall and per key or route template (the filters of GET /v1/audit).
    await db.query(`CREATE INDEX api_audit_newest ON api_audit (at DESC, audit_id DESC)`);
    await db.query(`CREATE INDEX api_audit_by_key ON api_audit (key_id, at DESC, audit_id DESC)`);
    await db.query(`CREATE INDEX api_audit_by_route ON api_audit (route, at DESC, audit_id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE api_audit`);
  }
}
