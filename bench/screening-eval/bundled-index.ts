import { environmentSpec } from '@tm/platform';
import {
  BUNDLED_LISTS,
  dataPath,
  defaultFormat,
  fetchListSources,
  type IndexableEntry,
  type IndexedEntry,
  type ListFormat,
  type ListId,
  type ListSnapshot,
  parseListFiles,
  type ScreeningIndex,
  ScreeningIndexBuilder,
} from '@tm/screening';

/** An entry as the screening app reads it from `sanctions_entries` (only the fields its index uses). */
export type AppEntry = IndexableEntry;

/** The bundled lists as `npm start` imports them: their entries (first occurrence of an id) and versions. */
export interface BundledLists {
  /** Every entry in force, in the app's build order (list id, then entry id). */
  entries: AppEntry[];
  /** List id → version, as `sanctions_lists.version` holds it. */
  versions: Map<string, string>;
  /** Entries per list. */
  counts: Record<string, number>;
}

/**
 * Reads and parses the bundled lists (`BUNDLED_LISTS`: OFAC SDN 2024-05-03 with the 2025-12 alias files, OFAC
 * non-SDN 2025-12, UN 2026-02, the OpenSanctions sample) the way `npm start`'s import does: the sources are read
 * from `data/sanctions/` (the default `SANCTIONS_IMPORT_DIR`) with `fetchListSources`, parsed with the list's
 * default format (`parseListFiles`), a repeated entry id keeps its first occurrence. Entries come back ordered as
 * the screening app's cursor reads them (`ORDER BY list_id, entry_id`) and reduced to the fields it reads.
 */
export async function loadBundledLists(): Promise<BundledLists> {
  const importDir = dataPath('sanctions');
  const entries: AppEntry[] = [];
  const versions = new Map<string, string>();
  const counts: Record<string, number> = {};
  for (const list of BUNDLED_LISTS) {
    const format: ListFormat = defaultFormat(list.listId as ListId, list.sources[0]!);
    const files = await fetchListSources(
      list.sources,
      { importDir, maxBytes: 200 * 1024 * 1024, timeoutMs: 120_000 },
      format === 'ofac-sdn' || format === 'ofac-non-sdn',
    );
    const snapshot: ListSnapshot = parseListFiles(format, files, list.version ? { version: list.version } : {});
    versions.set(list.listId, snapshot.version);
    const seen = new Set<string>();
    for (const e of snapshot.entries) {
      if (seen.has(e.entryId)) continue;
      seen.add(e.entryId);
      entries.push(appEntry(e));
    }
    counts[list.listId] = seen.size;
  }
  entries.sort(byListAndId);
  return { entries, versions, counts };
}

/** The fields of an entry the screening app's index reads (a JSON round trip, as through `jsonb`). */
export function appEntry(e: AppEntry): AppEntry {
  return JSON.parse(
    JSON.stringify({
      listId: e.listId,
      entryId: e.entryId,
      schema: e.schema,
      primaryName: e.primaryName,
      names: e.names,
      programs: e.programs ?? [],
      countries: e.countries ?? [],
    }),
  ) as AppEntry;
}

/** Order of the app's build cursor: list id, then entry id (byte order). */
export function byListAndId(a: { listId: string; entryId: string }, b: { listId: string; entryId: string }): number {
  return a.listId < b.listId ? -1 : a.listId > b.listId ? 1 : a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}

/** Builds the index as the screening app's `IndexHolder` does: one `ScreeningIndexBuilder`, entries added in order. */
export function buildAppIndex(entries: Iterable<AppEntry>): ScreeningIndex {
  const builder = new ScreeningIndexBuilder();
  for (const e of entries) builder.add(e);
  return builder.build();
}

/** What `screenReport`'s `entryOf` answers, as `IndexHolder.entryOf` does: the indexed entry and its list's version. */
export type EntryOf = (listId: string, entryId: string) => { entry: IndexedEntry; listVersion: string } | undefined;

/** `IndexHolder.entryOf` over `index` and list `versions` (an entry not in `versions` gets version ''). */
export function entryOfIndex(index: ScreeningIndex, versions: ReadonlyMap<string, string>): EntryOf {
  return (listId, entryId) => {
    const entry = index.findEntry(listId, entryId);
    return entry && { entry, listVersion: versions.get(listId) ?? '' };
  };
}

/**
 * The screening app's alert threshold: `SCREENING_THRESHOLD` when the environment sets it, else its default in the
 * environment spec (`libs/platform`), not a tuned value.
 */
export function appThreshold(env: NodeJS.ProcessEnv = process.env): { threshold: number; source: string } {
  const set = env['SCREENING_THRESHOLD'];
  if (set !== undefined && set !== '' && Number.isFinite(Number(set)))
    return { threshold: Number(set), source: 'SCREENING_THRESHOLD (environment)' };
  return {
    threshold: environmentSpec.SCREENING_THRESHOLD.default as number,
    source: 'SCREENING_THRESHOLD default (libs/platform environment spec)',
  };
}
