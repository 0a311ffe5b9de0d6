import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sanctions lists and alerts.
 *
 * - `sanctions_lists`: per list, the version in force (version, content hash, source, counts) and the last failed
 *   import; written in the transaction that appends `SanctionsListVersionImported` / `SanctionsListImportFailed`.
 * - `sanctions_entries`: the current entries of each list with their fingerprint, so an import diffs against the
 *   version in force without folding the stream, and the screening index is built at start without replaying it.
 *   `changed_in` is the list version of the entry's last designation or amendment (retroactive screening reads the
 *   entries a version changed). Written in the transaction of the append.
 * - `alerts`: one row per alert stream (`alert-<id>`), written in the transaction of each alert event
 *   (`AlertRaised`, `AlertReviewed`, `AlertSuperseded`); `version` is the stream version it reflects.
 */
export class SanctionsAndAlerts1764600000000 implements MigrationInterface {
  name = 'SanctionsAndAlerts1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sanctions_lists (
        list_id      text PRIMARY KEY,
        version      text,
        content_hash text,
        source       text,
        entry_count  integer NOT NULL DEFAULT 0,
        last_counts  jsonb,
        imported_at  timestamptz,
        last_failure jsonb,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sanctions_entries (
        list_id     text NOT NULL,
        entry_id    text NOT NULL,
        fingerprint text NOT NULL,
        changed_in  text NOT NULL,
        entry       jsonb NOT NULL,
        PRIMARY KEY (list_id, entry_id)
      )`);
    await db.query(`CREATE INDEX sanctions_entries_changed_in ON sanctions_entries (list_id, changed_in)`);
    await db.query(`
      CREATE TABLE alerts (
        alert_id          uuid PRIMARY KEY,
        report_id         uuid NOT NULL,
        claim_id          text,
        location          text NOT NULL,
        query_name        text NOT NULL,
        list_id           text NOT NULL,
        entry_id          text NOT NULL,
        list_version      text NOT NULL,
        entry_name        text NOT NULL,
        matched_name      text NOT NULL,
        matched_name_kind text NOT NULL,
        programs          text[] NOT NULL,
        countries         text[] NOT NULL,
        score             double precision NOT NULL,
        explanation       jsonb NOT NULL,
        trigger           text NOT NULL,
        status            text NOT NULL DEFAULT 'open',
        review_status     text,
        review_reason     text,
        reviewed_at       timestamptz,
        superseded_reason text,
        superseded_at     timestamptz,
        raised_at         timestamptz NOT NULL,
        version           integer NOT NULL
      )`);
    await db.query(`CREATE INDEX alerts_raised ON alerts (raised_at DESC, alert_id DESC)`);
    await db.query(`CREATE INDEX alerts_report ON alerts (report_id)`);
    await db.query(`CREATE INDEX alerts_entry ON alerts (list_id, entry_id)`);
    await db.query(`CREATE INDEX alerts_programs ON alerts USING gin (programs)`);
    await db.query(`CREATE INDEX alerts_countries ON alerts USING gin (countries)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alerts`);
    await db.query(`DROP TABLE sanctions_entries`);
    await db.query(`DROP TABLE sanctions_lists`);
  }
}
