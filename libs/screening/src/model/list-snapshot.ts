import type { ListId, SanctionsEntry } from './sanctions-entry';

/**
 * One published version of one sanctions list.
 * - `version`: the list's publication date (ISO `YYYY-MM-DD`, or a date-time / feed version id when the
 *   list gives one); callers pass it when the file itself carries none (OFAC CSV).
 * - `contentHash`: lower-case hex sha256 of the raw bytes as received (all files concatenated in
 *   argument order), so an unchanged download can be recognised without parsing.
 */
export interface ListSnapshot {
  listId: ListId;
  version: string;
  contentHash: string;
  entries: SanctionsEntry[];
}

/** Result of comparing two versions of one list, keyed by (listId, entryId). */
export interface ListDelta {
  designated: SanctionsEntry[];
  amended: Array<{ before: SanctionsEntry; after: SanctionsEntry }>;
  delisted: SanctionsEntry[];
}
