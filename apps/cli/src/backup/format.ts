/**
 * The backup format of `transfer-monitor backup` / `restore`: a folder holding `manifest.json` and one gzipped
 * PostgreSQL `COPY` text file per table (`<table>.copy.gz`), all read in one REPEATABLE READ snapshot.
 *
 * What is kept and what is not:
 * - source of truth: the event store (`streams`, `events`, the inbox `processed_commands`) and the list data and
 *   alert states written in the transaction of their events (`sanctions_lists`, `sanctions_entries`, `alerts`);
 * - operational state, which no event holds: `accepted_commands` (Idempotency-Key), `api_keys`, webhook
 *   subscriptions and their messages, deliveries and attempts (written with the notifier's checkpoint), and the
 *   checkpoints of the outbox relay and the notifier;
 * - derived, left out and rebuilt on restore: the read models (schemas `rm_v<N>`, `projection_versions`, the
 *   rebuild checkpoints `projection:…`); the schema itself, which `restore` creates with the migrations (the
 *   manifest names those the source had applied).
 * Every other table of schema `public` is kept, so a table added later is backed up until it is listed here.
 */
export const BACKUP_FORMAT = 'transfer-monitor-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** Tables of `public` that are derived or belong to the schema, not to the data. */
export const DERIVED_TABLES: readonly string[] = ['schema_migrations', 'projection_versions'];

/** Rows of `checkpoints` that belong to read-model rebuilds (derived, rebuilt on restore). */
export const DERIVED_CHECKPOINT_PREFIX = 'projection:';

export interface BackupTable {
  name: string;
  /** Columns in the order of the file's fields. */
  columns: string[];
  rows: number;
  file: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** ISO 8601: when the snapshot was taken. */
  takenAt: string;
  /** Migrations the source had applied, oldest first: a restore needs the release that has exactly these. */
  migrations: string[];
  tables: BackupTable[];
  /** Highest global position in the backup, and the last one below the snapshot's readable horizon (0 if none). */
  positions: { last: number; readable: number };
}
