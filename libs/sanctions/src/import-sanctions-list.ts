import type { ClientBase, Pool } from 'pg';
import {
  decideListVersion,
  SanctionsEvents,
  SANCTIONS_LIST_STREAM_TYPE,
  sanctionsListStreamId,
  type SanctionsListImportFailedV1,
  type SanctionsListVersionImportedV1,
} from '@tm/domain';
import { appendToStream, inTransaction, type EventMetadata, type NewEvent } from '@tm/event-store';
import {
  defaultFormat,
  entryFingerprint,
  fetchListSources,
  LIST_FORMATS,
  LIST_IDS,
  LIST_OF_FORMAT,
  ListFormatError,
  ListSourceError,
  parseListFiles,
  toEventEntry,
  type ListFormat,
  type ListId,
  type ListSnapshot,
  type SanctionsEntry,
} from '@tm/screening';

/** Events per `appendToStream` call (one statement each; all in the import's one transaction). */
const APPEND_BATCH = 1000;

export interface ImportSanctionsListRequest {
  listId: string;
  /** Paths under `importDir` (a folder stands for its files) or http(s) URLs. */
  sources: string[];
  format?: string;
  version?: string;
  /** Import a version older than the one in force (see {@link isOlderVersion}); refused without it. */
  allowOlder?: boolean;
}

export interface ImportSettings {
  /** Folder file sources must lie in (`SANCTIONS_IMPORT_DIR`). */
  importDir: string;
  /** Largest file read or downloaded, bytes (`SANCTIONS_DOWNLOAD_MAX_BYTES`). */
  maxBytes: number;
  /** Time allowed per download, ms (`SANCTIONS_DOWNLOAD_TIMEOUT_MS`). */
  timeoutMs: number;
  /** Non-public addresses and ranges downloads may connect to (`SANCTIONS_DOWNLOAD_ALLOWED_ADDRESSES`); default none. */
  allowedAddresses?: readonly string[];
  /** Copied into every event's metadata (command id, correlation id, actor). */
  metadata?: EventMetadata;
  /**
   * Called inside the import's transaction with its result, e.g. to record the command outcome (the inbox);
   * returning false rolls the transaction back (another delivery of the same command won).
   */
  onResult?: (client: ClientBase, result: ImportResult) => Promise<boolean>;
}

export type ImportFailureCode = 'invalid-payload' | 'list-source' | 'list-format' | 'list-version';

/**
 * Whether version `next` is older than version `inForce`, both beginning with an ISO date (`2024-05-03`, a UN list's
 * `2026-02-27T…`, OpenSanctions' `20240503…` compact form): compared by that date; versions of other shapes are never
 * called older (nothing to compare them by).
 */
export function isOlderVersion(next: string, inForce: string | null | undefined): boolean {
  const day = (v: string) => /^(\d{4})-?(\d{2})-?(\d{2})/.exec(v)?.slice(1).join('');
  const [a, b] = [day(next), inForce ? day(inForce) : undefined];
  return a !== undefined && b !== undefined && a < b;
}

export type ImportResult =
  | {
      status: 'imported';
      listId: string;
      version: string;
      contentHash: string;
      counts: SanctionsListVersionImportedV1['counts'];
      globalPositions: { first: number; last: number };
    }
  | { status: 'unchanged'; listId: string; version: string; contentHash: string }
  | {
      status: 'failed';
      listId: string;
      reason: { code: ImportFailureCode; message: string; rule?: string };
      globalPositions?: { first: number; last: number };
    };

/** `onResult` returned false: the outcome was recorded by someone else first. */
export class ImportSuperseded extends Error {}

/**
 * Imports one version of a sanctions list (issue 5): reads the sources (files confined to `importDir`, or http(s)
 * downloads with size cap, timeout and the SSRF guard of `allowedAddresses`), parses them with the `@tm/screening`
 * importer of the format, and in ONE transaction (the list row locked, so imports of one list run one at a time):
 * - same content hash as the version in force → nothing appended (`unchanged`);
 * - a version older than the one in force (by date, {@link isOlderVersion}) without `allowOlder` → failed
 *   (`list-version`, rule `notOlderThanInForce`), nothing else appended;
 * - else the delta against the current entries (`sanctions_entries`, by fingerprint; the rule is `decideListVersion`
 *   of @tm/domain) is appended to stream
 *   `sanctions-list-<listId>` at its expected version, in batches of 1000: `SanctionsEntryDesignated`,
 *   `SanctionsEntryAmended`, `SanctionsEntryDelisted`, then `SanctionsListVersionImported` (last: a consumer seeing
 *   it has seen the whole version); `sanctions_entries` and `sanctions_lists` are updated in the same transaction.
 * A source that cannot be read or a file that does not parse appends `SanctionsListImportFailed` and records the
 * failure in `sanctions_lists.last_failure`; the version in force stays. An invalid request (unknown list or
 * format) appends nothing.
 *
 * Usable in-process (CLI, start script, bench, tests) as well as by the processor's ImportSanctionsList handler.
 * @returns what the import came to; throws only for infrastructure failures (database) and {@link ImportSuperseded}.
 */
export async function importSanctionsList(
  pool: Pool,
  request: ImportSanctionsListRequest,
  settings: ImportSettings,
): Promise<ImportResult> {
  const listId = request.listId as ListId;
  const invalid = (message: string): Promise<ImportResult> =>
    finish(pool, settings, { status: 'failed', listId: request.listId, reason: { code: 'invalid-payload', message } });
  if (!LIST_IDS.includes(listId)) return invalid(`unknown list ${request.listId}; one of ${LIST_IDS.join(', ')}`);
  if (
    !Array.isArray(request.sources) ||
    request.sources.length === 0 ||
    request.sources.some((s) => typeof s !== 'string' || s.length === 0)
  )
    return invalid('sources must be a non-empty list of paths or URLs');
  const format = (request.format ?? defaultFormat(listId, request.sources[0]!)) as ListFormat;
  if (!LIST_FORMATS.includes(format)) return invalid(`unknown format ${request.format}; one of ${LIST_FORMATS.join(', ')}`);
  if (LIST_OF_FORMAT[format] !== listId) return invalid(`format ${format} holds list ${LIST_OF_FORMAT[format]}, not ${listId}`);

  let snapshot: ListSnapshot;
  try {
    const files = await fetchListSources(request.sources, settings, format === 'ofac-sdn' || format === 'ofac-non-sdn');
    const base = format === 'opensanctions-delta' ? await currentSnapshot(pool, listId) : undefined;
    snapshot = parseListFiles(format, files, { version: request.version, maxBytes: settings.maxBytes, base });
  } catch (error) {
    if (error instanceof ListSourceError)
      return fail(pool, request, settings, { code: 'list-source', message: error.message, rule: error.rule });
    if (error instanceof ListFormatError) return fail(pool, request, settings, { code: 'list-format', message: error.message });
    throw error;
  }
  const outcome = await inTransaction(pool, async (client): Promise<ImportResult | { olderThan: string }> => {
    const inForce = await lockList(client, listId);
    const stored = await client.query<{ entry_id: string; fingerprint: string }>(
      'SELECT entry_id, fingerprint FROM sanctions_entries WHERE list_id = $1',
      [listId],
    );
    const decision = decideListVersion(
      { contentHash: inForce.content_hash, fingerprints: new Map(stored.rows.map((r) => [r.entry_id, r.fingerprint])) },
      {
        listId,
        version: snapshot.version,
        contentHash: snapshot.contentHash,
        source: request.sources.join(' '),
        entries: snapshot.entries,
      },
      { fingerprint: entryFingerprint, toEventEntry },
    );
    if (decision.outcome === 'unchanged')
      return settle(client, settings, {
        status: 'unchanged',
        listId,
        version: inForce.version ?? snapshot.version,
        contentHash: snapshot.contentHash,
      });
    // Checked under the list's lock: an older file imported by mistake would delist every entry designated since.
    if (!request.allowOlder && isOlderVersion(snapshot.version, inForce.version)) return { olderThan: inForce.version! };
    const { events, changed, delisted, counts } = decision;
    const listVersion = snapshot.version;
    const globalPositions = await appendInBatches(client, listId, inForce.streamVersion, events, settings.metadata);
    await writeEntries(client, listId, listVersion, changed, delisted);
    await client.query(
      `UPDATE sanctions_lists SET version = $2, content_hash = $3, source = $4, entry_count = $5, last_counts = $6, imported_at = now(), updated_at = now() WHERE list_id = $1`,
      [listId, listVersion, snapshot.contentHash, request.sources.join(' '), counts.entries, JSON.stringify(counts)],
    );
    return settle(client, settings, {
      status: 'imported',
      listId,
      version: listVersion,
      contentHash: snapshot.contentHash,
      counts,
      globalPositions,
    });
  });
  if (!('olderThan' in outcome)) return outcome;
  return fail(pool, request, settings, {
    code: 'list-version',
    rule: 'notOlderThanInForce',
    message: `version ${snapshot.version} is older than ${outcome.olderThan}, the version in force: importing it would roll the list back (send allowOlder: true to do so)`,
  });
}

/** Appends `SanctionsListImportFailed` and records the failure; the version in force is untouched. */
async function fail(
  pool: Pool,
  request: ImportSanctionsListRequest,
  settings: ImportSettings,
  reason: { code: ImportFailureCode; message: string; rule?: string },
): Promise<ImportResult> {
  return inTransaction(pool, async (client) => {
    const inForce = await lockList(client, request.listId);
    const payload: SanctionsListImportFailedV1 = { listId: request.listId, source: request.sources.join(' '), reason: reason.message };
    const positions = await appendInBatches(
      client,
      request.listId,
      inForce.streamVersion,
      [{ ...SanctionsEvents.SanctionsListImportFailed, payload }],
      settings.metadata,
    );
    await client.query(`UPDATE sanctions_lists SET last_failure = $2, updated_at = now() WHERE list_id = $1`, [
      request.listId,
      JSON.stringify({ at: new Date().toISOString(), source: payload.source, code: reason.code, reason: reason.message }),
    ]);
    return settle(client, settings, { status: 'failed', listId: request.listId, reason, globalPositions: positions });
  });
}

async function finish(pool: Pool, settings: ImportSettings, result: ImportResult): Promise<ImportResult> {
  if (!settings.onResult) return result;
  return inTransaction(pool, (client) => settle(client, settings, result));
}

async function settle(client: ClientBase, settings: ImportSettings, result: ImportResult): Promise<ImportResult> {
  if (settings.onResult && !(await settings.onResult(client, result))) throw new ImportSuperseded();
  return result;
}

/** Locks the list's row (creating it on first import) and reads the version in force and the stream version. */
async function lockList(
  client: ClientBase,
  listId: string,
): Promise<{ version: string | null; content_hash: string | null; streamVersion: number }> {
  await client.query('INSERT INTO sanctions_lists (list_id) VALUES ($1) ON CONFLICT (list_id) DO NOTHING', [listId]);
  const { rows } = await client.query<{ version: string | null; content_hash: string | null }>(
    'SELECT version, content_hash FROM sanctions_lists WHERE list_id = $1 FOR UPDATE',
    [listId],
  );
  const stream = await client.query<{ version: string }>('SELECT version FROM streams WHERE stream_id = $1', [
    sanctionsListStreamId(listId),
  ]);
  return { ...rows[0]!, streamVersion: stream.rows[0] ? Number(stream.rows[0].version) : 0 };
}

/** Appends in batches of {@link APPEND_BATCH}, each at the version the previous one left. */
async function appendInBatches(
  client: ClientBase,
  listId: string,
  streamVersion: number,
  events: NewEvent[],
  metadata?: EventMetadata,
): Promise<{ first: number; last: number }> {
  let version = streamVersion;
  let first = 0;
  let last = 0;
  for (let i = 0; i < events.length; i += APPEND_BATCH) {
    const batch = events.slice(i, i + APPEND_BATCH).map((e) => ({ ...e, metadata: metadata ?? {} }));
    const appended = await appendToStream(
      client,
      sanctionsListStreamId(listId),
      SANCTIONS_LIST_STREAM_TYPE,
      version === 0 ? 'no-stream' : version,
      batch,
    );
    version = appended.nextVersion;
    if (!first) first = appended.globalPositions[0]!;
    last = appended.globalPositions[appended.globalPositions.length - 1]!;
  }
  return { first, last };
}

async function writeEntries(
  client: ClientBase,
  listId: string,
  listVersion: string,
  changed: Array<{ entry: SanctionsEntry; fingerprint: string }>,
  delisted: string[],
): Promise<void> {
  for (let i = 0; i < changed.length; i += APPEND_BATCH) {
    const batch = changed.slice(i, i + APPEND_BATCH);
    await client.query(
      `INSERT INTO sanctions_entries (list_id, entry_id, fingerprint, changed_in, entry)
       SELECT $1, e.entry_id, e.fingerprint, $2, e.entry FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS e(entry_id, fingerprint, entry)
       ON CONFLICT (list_id, entry_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, changed_in = EXCLUDED.changed_in, entry = EXCLUDED.entry`,
      [listId, listVersion, batch.map((c) => c.entry.entryId), batch.map((c) => c.fingerprint), batch.map((c) => JSON.stringify(c.entry))],
    );
  }
  if (delisted.length)
    await client.query('DELETE FROM sanctions_entries WHERE list_id = $1 AND entry_id = ANY($2::text[])', [listId, delisted]);
}

/** The version in force as a snapshot (for delta formats). */
async function currentSnapshot(pool: Pool, listId: ListId): Promise<ListSnapshot | undefined> {
  const list = await pool.query<{ version: string | null; content_hash: string | null }>(
    'SELECT version, content_hash FROM sanctions_lists WHERE list_id = $1',
    [listId],
  );
  if (!list.rows[0]?.content_hash) return undefined;
  const { rows } = await pool.query<{ entry: SanctionsEntry }>('SELECT entry FROM sanctions_entries WHERE list_id = $1', [listId]);
  return { listId, version: list.rows[0].version ?? 'unknown', contentHash: list.rows[0].content_hash, entries: rows.map((r) => r.entry) };
}
