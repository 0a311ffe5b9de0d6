import type { ClientBase, Pool } from 'pg';

/** A list's row of `sanctions_lists` (written by `importSanctionsList` of `@tm/sanctions`). */
export interface SanctionsListState {
  listId: string;
  /** The version in force; null before the first successful import. */
  version: string | null;
  /** SHA-256 (hex) of the version in force's content. */
  contentHash: string | null;
  /** The sources of the version in force (paths or URLs, space-separated). */
  source: string | null;
  /** Entries in force. */
  entryCount: number;
  /** The last import's delta: `{ entries, designated, amended, delisted }`. */
  lastCounts: Record<string, number> | null;
  importedAt: Date | null;
  /** The last failed import: `{ at, source, code, reason }`. */
  lastFailure: Record<string, string> | null;
}

/** Every row of `sanctions_lists` (a list never imported has none), by list id. */
export async function readSanctionsLists(db: Pool | ClientBase): Promise<SanctionsListState[]> {
  const { rows } = await db.query<{
    list_id: string;
    version: string | null;
    content_hash: string | null;
    source: string | null;
    entry_count: number;
    last_counts: Record<string, number> | null;
    imported_at: Date | null;
    last_failure: Record<string, string> | null;
  }>(
    `SELECT list_id, version, content_hash, source, entry_count, last_counts, imported_at, last_failure FROM sanctions_lists ORDER BY list_id`,
  );
  return rows.map((r) => ({
    listId: r.list_id,
    version: r.version,
    contentHash: r.content_hash,
    source: r.source,
    entryCount: r.entry_count,
    lastCounts: r.last_counts,
    importedAt: r.imported_at,
    lastFailure: r.last_failure,
  }));
}
