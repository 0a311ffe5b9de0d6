import { SanctionsEvents, type SanctionsEntryV1, type SanctionsListVersionImportedV1 } from './events';

/** The version of a list in force: its content hash (null before the first import) and each entry's fingerprint. */
export interface ListInForce {
  contentHash: string | null;
  fingerprints: ReadonlyMap<string, string>;
}

/** A parsed version of a list, offered for import. `entries` in file order; a repeated entry id counts once (its first). */
export interface ListVersionOffered<E extends { entryId: string }> {
  listId: string;
  version: string;
  /** sha256 of the imported bytes, hex. */
  contentHash: string;
  source: string;
  entries: readonly E[];
}

/** How the decider reads an entry: its fingerprint (what counts as a change) and its shape in the events. */
export interface EntryReading<E> {
  fingerprint(entry: E): string;
  toEventEntry(entry: E): SanctionsEntryV1;
}

/** One event the decision appends, in order. */
export interface DecidedListEvent {
  type: string;
  schemaVersion: number;
  payload: unknown;
}

export type ListVersionDecision<E> =
  | { outcome: 'unchanged' }
  | {
      outcome: 'imported';
      /** Designated entries, then amended ones (each by entry id), then delistings, then `SanctionsListVersionImported` last. */
      events: DecidedListEvent[];
      /** Entries new or changed, with their fingerprints, in the order of `events`. */
      changed: { entry: E; fingerprint: string; designated: boolean }[];
      /** Entry ids in force that the version no longer lists. */
      delisted: string[];
      counts: SanctionsListVersionImportedV1['counts'];
    };

/** Entry ids compared as a reader would: numeric runs by value (OFAC `ent_num` 36 before 306). */
export function byEntryId(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * The list-version rule (pure): the same content hash as the version in force appends nothing; otherwise the delta
 * against the entries in force — each entry not in force is designated, each whose fingerprint changed is amended,
 * each in force and no longer listed is delisted — followed by `SanctionsListVersionImported` with the counts, last,
 * so a consumer that sees it has seen the whole version. Deciding the same version again after it was applied gives
 * `unchanged`; applying every version in turn leaves in force exactly the last one's entries.
 */
export function decideListVersion<E extends { entryId: string }>(
  inForce: ListInForce,
  offered: ListVersionOffered<E>,
  reading: EntryReading<E>,
): ListVersionDecision<E> {
  if (inForce.contentHash === offered.contentHash) return { outcome: 'unchanged' };
  const changed: { entry: E; fingerprint: string; designated: boolean }[] = [];
  const seen = new Set<string>();
  for (const entry of offered.entries) {
    if (seen.has(entry.entryId)) continue;
    seen.add(entry.entryId);
    const fingerprint = reading.fingerprint(entry);
    const before = inForce.fingerprints.get(entry.entryId);
    if (before !== fingerprint) changed.push({ entry, fingerprint, designated: before === undefined });
  }
  const delisted = [...inForce.fingerprints.keys()].filter((id) => !seen.has(id)).sort(byEntryId);
  changed.sort((a, b) => Number(b.designated) - Number(a.designated) || byEntryId(a.entry.entryId, b.entry.entryId));
  const designated = changed.filter((c) => c.designated).length;
  const counts = { entries: seen.size, designated, amended: changed.length - designated, delisted: delisted.length };
  const listVersion = offered.version;
  const events: DecidedListEvent[] = [
    ...changed.map((c) => ({
      ...(c.designated ? SanctionsEvents.SanctionsEntryDesignated : SanctionsEvents.SanctionsEntryAmended),
      payload: { listVersion, entry: reading.toEventEntry(c.entry) },
    })),
    ...delisted.map((entryId) => ({
      ...SanctionsEvents.SanctionsEntryDelisted,
      payload: { listVersion, listId: offered.listId, entryId },
    })),
    {
      ...SanctionsEvents.SanctionsListVersionImported,
      payload: {
        listId: offered.listId,
        version: listVersion,
        contentHash: offered.contentHash,
        source: offered.source,
        counts,
      } satisfies SanctionsListVersionImportedV1,
    },
  ];
  return { outcome: 'imported', events, changed, delisted, counts };
}
