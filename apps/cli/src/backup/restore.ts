import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createPgPool, runMigrations } from '@tm/database';
import { inTransaction } from '@tm/event-store';
import { rootLogger } from '@tm/platform';
import { RebuildService } from '@tm/read-models';
import { CliError } from '../cli-error';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MANIFEST_FILE, type BackupManifest, type BackupTable } from './format';
import { copyEventsRemapped, copyCheckpointsRemapped, passTransactionId } from './transaction-ids';

export interface RestoreOutcome {
  manifest: BackupManifest;
  /** Rows restored per table. */
  rows: Record<string, number>;
  /** The rebuilt read-models version and the events it read. */
  rebuild: { version: number; eventsRead: number; eventsRefused: number; elapsedMs: number };
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Reads and checks a backup folder's manifest. @throws CliError when it is missing or of another format. */
export async function readManifest(dir: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch (error) {
    throw new CliError(`${join(dir, MANIFEST_FILE)}: ${(error as Error).message}`);
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new CliError(`${dir} is not a ${BACKUP_FORMAT} v${BACKUP_FORMAT_VERSION} folder`);
  return manifest;
}

/**
 * Restores the backup in `dir` into the empty database at `url`: creates the schema with the migrations (which must be
 * exactly those the source had), loads every table in one transaction (parents before children), gives the events
 * transaction ids of this server in the same read order (see `transaction-ids.ts`), sets the sequences past the
 * restored values, then rebuilds the read models from the events (`RebuildService`, as `rebuild-projection`).
 * @throws CliError when the database is not empty, the migrations differ, or a file is missing.
 */
export async function restoreDatabase(url: string, dir: string, options: { batchSize?: number } = {}): Promise<RestoreOutcome> {
  const manifest = await readManifest(dir);
  const pool = createPgPool(url, 4);
  try {
    await refuseNonEmpty(pool);
    await runMigrations(url);
    const { rows: applied } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id');
    const names = applied.map((r) => r.name);
    if (names.join() !== manifest.migrations.join()) {
      throw new CliError(
        `the backup was taken at migration ${manifest.migrations.at(-1)}, this release is at ${names.at(-1)}: restore with the release that took it, then migrate`,
      );
    }
    const rows: Record<string, number> = {};
    await inTransaction(pool, async (client) => {
      for (const table of await parentsFirst(client, manifest.tables)) rows[table.name] = await loadTable(client, dir, table);
      await resetSequences(client, manifest.tables);
    });
    const client = await pool.connect();
    try {
      await passTransactionId(client);
    } finally {
      client.release();
    }
    const service = new RebuildService(pool, rootLogger({ app: 'restore' }));
    const outcome = await service.run(await service.begin(), { batchSize: options.batchSize ?? 5_000 });
    return {
      manifest,
      rows,
      rebuild: {
        version: outcome.version.version,
        eventsRead: outcome.eventsRead,
        eventsRefused: outcome.eventsRefused,
        elapsedMs: outcome.elapsedMs,
      },
    };
  } finally {
    await pool.end();
  }
}

/** A restore goes into a new database only: it never mixes a backup with data. */
async function refuseNonEmpty(pool: ReturnType<typeof createPgPool>): Promise<void> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
  if (rows[0].n > 0) throw new CliError('the target database is not empty: restore into a new database (createdb, or CREATE DATABASE)');
}

async function loadTable(client: PoolClient, dir: string, table: BackupTable): Promise<number> {
  const source = () => createReadStream(join(dir, table.file)).pipe(createGunzip());
  if (table.name === 'events') return copyEventsRemapped(client, table.columns, source());
  if (table.name === 'checkpoints') return copyCheckpointsRemapped(client, table.columns, source());
  const copy = client.query(copyFrom(`COPY public.${quote(table.name)} (${table.columns.map(quote).join(', ')}) FROM STDIN`));
  await pipeline(source(), copy);
  return copy.rowCount;
}

/** The tables in an order where each comes after those its foreign keys reference (as the migrated schema has them). */
async function parentsFirst(client: PoolClient, tables: BackupTable[]): Promise<BackupTable[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
      JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const ordered: BackupTable[] = [];
  const placed = new Set<string>();
  const place = (table: BackupTable, path: string[]): void => {
    if (placed.has(table.name) || path.includes(table.name)) return;
    for (const edge of rows.filter((r) => r.child === table.name && r.parent !== table.name)) {
      const parent = tables.find((t) => t.name === edge.parent);
      if (parent) place(parent, [...path, table.name]);
    }
    placed.add(table.name);
    ordered.push(table);
  };
  // events before checkpoints: checkpoints are moved onto the restored events' new transaction ids
  for (const table of [...tables].sort((a, b) => Number(b.name === 'events') - Number(a.name === 'events'))) place(table, []);
  return ordered;
}

/** Sets every identity and serial sequence of the restored tables past the highest value restored. */
async function resetSequences(client: PoolClient, tables: BackupTable[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns) {
      const { rows } = await client.query<{ seq: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS seq', [
        `public.${quote(table.name)}`,
        column,
      ]);
      if (!rows[0].seq) continue;
      await client.query(
        `SELECT setval($1, coalesce(max(${quote(column)}), 1), max(${quote(column)}) IS NOT NULL) FROM public.${quote(table.name)}`,
        [rows[0].seq],
      );
    }
  }
}
