import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models: `projection_versions` (which version of a projection serves) and version 1 of the read-models
 * projection in schema `rm_v1` (ledgers, claim states, timelines, report views, entity directory, per-stream
 * versions, position). Later versions are created by a rebuild (`readModelSchemaDdl` of @tm/read-models), not here.
 * The DDL is frozen here as text, as it stood when later migrations started to change it (acc columns, full-text
 * search): importing today's DDL changed what this migration did after it shipped. `migrations.int.spec.ts` checks
 * that the migrated `rm_v1` equals a version a rebuild creates today.
 */
export class ReadModels1764500000000 implements MigrationInterface {
  name = 'ReadModels1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_versions (
        projection    text NOT NULL,
        version       integer NOT NULL CHECK (version >= 1),
        schema_name   text NOT NULL UNIQUE,
        status        text NOT NULL CHECK (status IN ('building', 'active', 'retired', 'failed')),
        started_at    timestamptz NOT NULL DEFAULT now(),
        activated_at  timestamptz,
        finished_at   timestamptz,
        events_read   bigint NOT NULL DEFAULT 0,
        error         text,
        PRIMARY KEY (projection, version)
      );
      CREATE UNIQUE INDEX projection_versions_one_active ON projection_versions (projection) WHERE status = 'active';
      CREATE UNIQUE INDEX projection_versions_one_building ON projection_versions (projection) WHERE status = 'building';
    `);
    await db.query(`
      CREATE SCHEMA rm_v1;
      CREATE TABLE rm_v1.report_views (
        report_id           text PRIMARY KEY,
        submitted_position  bigint NOT NULL,
        published_on        date,
        publisher           text NOT NULL,
        source_reliability  text NOT NULL,
        status              text NOT NULL,
        countries           text[] NOT NULL,
        claim_count         integer NOT NULL,
        state               jsonb NOT NULL,
        updated_at          timestamptz NOT NULL
      );
      CREATE TABLE rm_v1.claim_states (
        report_id    text NOT NULL,
        claim_id     text NOT NULL,
        kind         text NOT NULL,
        status       text NOT NULL,
        credibility  smallint NOT NULL,
        ledger_keys  text[] NOT NULL,
        entity_keys  text[] NOT NULL,
        state        jsonb NOT NULL,
        PRIMARY KEY (report_id, claim_id)
      );
      CREATE TABLE rm_v1.ledger_rows (
        key              text PRIMARY KEY,
        country          text NOT NULL,
        direction        text NOT NULL,
        counterparty     text NOT NULL,
        assistance_type  text NOT NULL,
        item_category    text NOT NULL,
        stage            text NOT NULL,
        status           text NOT NULL,
        row              jsonb NOT NULL
      );
      CREATE TABLE rm_v1.timeline_entries (
        country     text NOT NULL,
        report_id   text NOT NULL,
        claim_id    text NOT NULL,
        earliest    text,
        latest      text,
        cameo_code  text NOT NULL,
        entry       jsonb NOT NULL,
        PRIMARY KEY (country, report_id, claim_id)
      );
      CREATE INDEX ON rm_v1.timeline_entries (report_id, claim_id);
      CREATE TABLE rm_v1.entity_directory (
        key          text PRIMARY KEY,
        name         text NOT NULL,
        countries    text[] NOT NULL,
        claim_count  integer NOT NULL,
        entry        jsonb NOT NULL
      );
      CREATE TABLE rm_v1.stream_versions (
        stream_id  text PRIMARY KEY,
        version    bigint NOT NULL
      );
      CREATE TABLE rm_v1.position (
        singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        global_position  bigint NOT NULL DEFAULT 0,
        events_applied   bigint NOT NULL DEFAULT 0,
        updated_at       timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO rm_v1.position DEFAULT VALUES;
      CREATE INDEX IF NOT EXISTS report_views_submitted_position_idx ON rm_v1.report_views (submitted_position);
      CREATE INDEX IF NOT EXISTS report_views_countries_idx ON rm_v1.report_views USING gin (countries);
      CREATE INDEX IF NOT EXISTS claim_states_ledger_keys_idx ON rm_v1.claim_states USING gin (ledger_keys);
      CREATE INDEX IF NOT EXISTS claim_states_entity_keys_idx ON rm_v1.claim_states USING gin (entity_keys);
      CREATE INDEX IF NOT EXISTS ledger_rows_country_direction_counterparty_idx ON rm_v1.ledger_rows (country, direction, counterparty);
      CREATE INDEX IF NOT EXISTS timeline_entries_country_earliest_idx ON rm_v1.timeline_entries (country, earliest);
    `);
    await db.query(
      `INSERT INTO projection_versions (projection, version, schema_name, status, activated_at) VALUES ('read-models', 1, 'rm_v1', 'active', now())`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    const rows = (await db.query(`SELECT schema_name FROM projection_versions`)) as { schema_name: string }[];
    for (const row of rows) await db.query(`DROP SCHEMA IF EXISTS ${row.schema_name} CASCADE`);
    await db.query(`DROP TABLE projection_versions`);
  }
}
