import { backupDatabase } from '../backup/backup';
import { restoreDatabase } from '../backup/restore';
import { CliError } from '../cli-error';
import type { CliIo } from '../io';

function databaseUrl(io: CliIo, given?: string): string {
  const url = given ?? io.env.DATABASE_URL;
  if (!url) throw new CliError('give the database with --database-url or DATABASE_URL');
  return url;
}

/** `transfer-monitor backup <folder>`: what was written, one line. */
export async function backupCommand(io: CliIo, folder: string, options: { databaseUrl?: string; snapshot?: string }): Promise<string> {
  const manifest = await backupDatabase(databaseUrl(io, options.databaseUrl), folder, { snapshot: options.snapshot });
  const rows = (name: string) => manifest.tables.find((t) => t.name === name)?.rows ?? 0;
  return `backed up ${manifest.tables.length} tables into ${folder} at ${manifest.takenAt}: ${rows('events')} events (up to global position ${manifest.positions.last}), ${rows('sanctions_entries')} list entries, ${rows('alerts')} alerts, ${rows('webhook_subscriptions')} webhook subscriptions`;
}

/** `transfer-monitor restore <folder>`: what was restored and rebuilt, one line. */
export async function restoreCommand(io: CliIo, folder: string, options: { databaseUrl?: string }): Promise<string> {
  const outcome = await restoreDatabase(databaseUrl(io, options.databaseUrl), folder);
  const { rebuild } = outcome;
  return `restored ${Object.keys(outcome.rows).length} tables (${outcome.rows.events ?? 0} events) from ${folder}, taken at ${outcome.manifest.takenAt}; read models rebuilt as version ${rebuild.version}: ${rebuild.eventsRead} events in ${rebuild.elapsedMs} ms, ${rebuild.eventsRefused} refused`;
}
