import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { CliError } from '../cli-error';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DERIVED_CHECKPOINT_PREFIX,
  DERIVED_TABLES,
  MANIFEST_FILE,
  type BackupManifest,
  type BackupTable,
} from './format';

export interface BackupOptions {
  /** An exported snapshot (`pg_export_snapshot()`) to read in, as `pg_dump --snapshot`: the backup's point is then the caller's. */
  snapshot?: string;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Writes a backup of the database at `url` into the folder `dir` (created; must be empty), every table read in one
 * REPEATABLE READ, READ ONLY snapshot, so it is consistent while the apps keep writing (see `format.ts` for what is
 * kept). Uses `COPY … TO STDOUT`: no PostgreSQL client tools needed.
 * @throws CliError when `dir` is not empty or the database holds no Transfer Monitor schema.
 */
export async function backupDatabase(url: string, dir: string, options: BackupOptions = {}): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new CliError(`${dir} is not empty: back up into a new folder`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    if (options.snapshot) await client.query(`SET TRANSACTION SNAPSHOT '${options.snapshot.replace(/'/g, "''")}'`);
    const migrations = await appliedMigrations(client);
    const tables: BackupTable[] = [];
    for (const [name, columns] of await tablesToKeep(client)) {
      const file = `${name}.copy.gz`;
      const where = name === 'checkpoints' ? `WHERE reader NOT LIKE '${DERIVED_CHECKPOINT_PREFIX}%'` : '';
      const copy = client.query(copyTo(`COPY (SELECT ${columns.map(quote).join(', ')} FROM public.${quote(name)} ${where}) TO STDOUT`));
      await pipeline(copy, createGzip(), createWriteStream(join(dir, file)));
      tables.push({ name, columns, rows: copy.rowCount, file });
    }
    const positions = await snapshotPositions(client);
    const takenAt = (await client.query<{ now: Date }>('SELECT now()')).rows[0].now.toISOString();
    await client.query('COMMIT');
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      takenAt,
      migrations,
      tables,
      positions,
    };
    await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await client.end();
  }
}

async function appliedMigrations(client: Client): Promise<string[]> {
  const { rows: found } = await client.query<{ found: string | null }>(`SELECT to_regclass('public.schema_migrations')::text AS found`);
  if (!found[0].found) throw new CliError('the database has no schema_migrations table: not a Transfer Monitor database');
  const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id');
  return rows.map((r) => r.name);
}

/** Tables of `public` that are not derived, with their stored (not generated) columns in order. */
async function tablesToKeep(client: Client): Promise<[string, string[]][]> {
  const { rows } = await client.query<{ table_name: string; columns: string[] }>(
    `SELECT c.relname AS table_name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY ($1))
      GROUP BY c.relname ORDER BY c.relname`,
    [DERIVED_TABLES],
  );
  return rows.map((r) => [r.table_name, r.columns]);
}

/** The last global position in the snapshot, and the last one in the read order below its readable horizon. */
async function snapshotPositions(client: Client): Promise<BackupManifest['positions']> {
  const { rows } = await client.query<{ last: string | null; readable: string | null }>(
    `SELECT (SELECT max(global_position) FROM events) AS last,
            (SELECT global_position FROM events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
              ORDER BY transaction_id DESC, global_position DESC LIMIT 1) AS readable`,
  );
  return { last: Number(rows[0].last ?? 0), readable: Number(rows[0].readable ?? 0) };
}
