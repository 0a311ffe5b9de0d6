import type { Pool } from 'pg';
import { preloadJapaneseReadings, ScreeningIndex, ScreeningIndexBuilder, type EntryName, type SanctionsEntry } from '@tm/screening';

/** Rows fetched per round trip while building: the entries are never all in memory at once. */
export const INDEX_PAGE_ROWS = 2_000;

/** The fields of `sanctions_entries.entry` the index reads (identifiers and remarks stay in PostgreSQL). */
interface EntryRow {
  list_id: SanctionsEntry['listId'];
  entry_id: string;
  schema: SanctionsEntry['schema'];
  primary_name: string;
  names: EntryName[];
  programs: string[] | null;
  countries: string[] | null;
}

interface ListRow {
  list_id: string;
  version: string | null;
  content_hash: string | null;
}

/** A screening index and the list versions it holds, as {@link loadScreeningIndex} read them. */
export interface LoadedScreeningIndex {
  index: ScreeningIndex;
  /** List id → version in force (`''` for a list whose row has no version yet); every row of `sanctions_lists`. */
  versions: ReadonlyMap<string, string>;
  /** The lists' content hashes as one string (`<listId>:<hash>,…` by list id): equal signatures, equal entries. */
  signature: string;
  /** Entries read from `sanctions_entries`. */
  entries: number;
  /** Wall time of the load and build, milliseconds. */
  ms: number;
}

/**
 * The screening index over the entries in force of every list, read from `sanctions_entries` (no stream replay) in
 * one read-only snapshot: the rows come through a cursor in pages of {@link INDEX_PAGE_ROWS} and only the index's
 * compact form is kept (`ScreeningIndexBuilder`), so the entries are never all in memory at once, and a list import
 * committing meanwhile is either wholly in the index or not at all. Entries are added by list id, then entry id.
 * Used by every app that screens (the screening app's index holder, the API's ad-hoc screening); it also loads the
 * Japanese name reader's dictionary (`preloadJapaneseReadings`), so that no screening call loads it.
 * @param pageRows rows per `FETCH` (tests use a small one to cross page boundaries).
 * @throws the database's error; the transaction is rolled back and the connection released.
 */
export async function loadScreeningIndex(pool: Pool, pageRows = INDEX_PAGE_ROWS): Promise<LoadedScreeningIndex> {
  const page = Math.max(1, Math.floor(pageRows));
  const t0 = performance.now();
  // The Japanese name reader's dictionary, loaded before any name is screened (never during a request's screening).
  preloadJapaneseReadings();
  const builder = new ScreeningIndexBuilder();
  let lists: ListRow[];
  let entries = 0;
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(
      `DECLARE index_entries NO SCROLL CURSOR FOR
       SELECT list_id, entry_id, entry->>'schema' AS schema, entry->>'primaryName' AS primary_name, entry->'names' AS names,
              entry->'programs' AS programs, entry->'countries' AS countries
       FROM sanctions_entries ORDER BY list_id, entry_id`,
    );
    lists = (await client.query<ListRow>('SELECT list_id, version, content_hash FROM sanctions_lists ORDER BY list_id')).rows;
    for (;;) {
      const { rows } = await client.query<EntryRow>(`FETCH ${page} FROM index_entries`);
      for (const r of rows) {
        builder.add({
          listId: r.list_id,
          entryId: r.entry_id,
          schema: r.schema,
          primaryName: r.primary_name,
          names: r.names ?? [],
          programs: r.programs ?? [],
          countries: r.countries ?? [],
        });
      }
      entries += rows.length;
      if (rows.length < page) break;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const index = builder.build();
  return {
    index,
    versions: new Map(lists.map((l) => [l.list_id, l.version ?? ''])),
    signature: signatureOf(lists),
    entries,
    ms: performance.now() - t0,
  };
}

/**
 * The lists' current signature (see {@link LoadedScreeningIndex.signature}): one small query, to tell whether an
 * index loaded earlier is still the lists in force.
 */
export async function readListsSignature(pool: Pool): Promise<string> {
  const { rows } = await pool.query<ListRow>('SELECT list_id, version, content_hash FROM sanctions_lists ORDER BY list_id');
  return signatureOf(rows);
}

function signatureOf(lists: readonly ListRow[]): string {
  return lists.map((r) => `${r.list_id}:${r.content_hash ?? ''}`).join(',');
}
