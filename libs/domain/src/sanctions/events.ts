/**
 * Sanctions lists as events. Each list (`ofac-sdn`, `ofac-non-sdn`, `un`, `eu-fsf`, `uk-hmt`, `us-csl`, `opensanctions`)
 * is one stream, `sanctions-list-<listId>`; an import appends the version and the entries designated, amended and
 * delisted since the previous version. Importing the same version (same content hash) again appends nothing.
 */
export const SANCTIONS_LIST_STREAM_TYPE = 'sanctions-list';
export const sanctionsListStreamId = (listId: string) => `sanctions-list-${listId}`;

/** A list entry as the screening index needs it (see libs/screening `SanctionsEntry`). */
export interface SanctionsEntryV1 {
  listId: string;
  /** The list's own id, e.g. OFAC `ent_num`, UN `REFERENCE_NUMBER`. */
  entryId: string;
  schema: 'Person' | 'Organization' | 'Vessel' | 'Aircraft' | 'Unknown';
  primaryName: string;
  names: { value: string; kind: 'primary' | 'aka' | 'fka' | 'nka' | 'weak-aka' | 'original-script'; quality?: 'good' | 'low' }[];
  /** Programs, e.g. `RUSSIA-EO14024`, `BELARUS`, `IRAN-EO13876`. */
  programs: string[];
  countries: string[];
  identifiers?: Record<string, string>;
  /** Every identifier with its type and country (`identifiers` joins values of one type with `; `). */
  identifierList?: { type: string; value: string; country?: string }[];
  listedOn?: string;
  remarks?: string;
  /** Addresses as the list gives them (see libs/screening `SanctionsEntry.addresses`); not part of the entry's version. */
  addresses?: string[];
  /**
   * Parties this entry owns, directs or is linked to, as the list publishes them (OpenSanctions `Ownership` and
   * `Directorship` records where this entry is the owner or director; OFAC "Linked To:" remarks of other entries
   * naming this one). Absent when the list gives none. Part of the entry's version: a changed holding amends it.
   */
  relations?: EntryRelationV1[];
}

/** A party related to a listed entry (see `SanctionsEntryV1.relations`); `party.id` is the list's own id for it. */
export interface EntryRelationV1 {
  /** `owns` (shares of `party`), `directs` (a director or officer of `party`), `linked` (OFAC: `party` is "Linked To:" this entry). */
  kind: 'owns' | 'directs' | 'linked';
  party: { id: string; name: string; names: string[]; countries: string[]; schema: SanctionsEntryV1['schema'] };
  /** Percent of `party` held, in [0, 100], when the list gives it. */
  share?: number;
  /** The role as the list words it (`subsidiary of`, `ГЕНЕРАЛЬНЫЙ ДИРЕКТОР`…). */
  role?: string;
  /** ISO dates (YYYY-MM-DD) when the list gives them; a relation with an end date on or before the list's version has ended. */
  startDate?: string;
  endDate?: string;
}

export interface SanctionsListVersionImportedV1 {
  listId: string;
  /** The list's publication date, or the file's date. */
  version: string;
  /** sha256 of the imported bytes, hex. */
  contentHash: string;
  source: string;
  counts: { entries: number; designated: number; amended: number; delisted: number };
}

export interface SanctionsEntryDesignatedV1 {
  listVersion: string;
  entry: SanctionsEntryV1;
}

export interface SanctionsEntryAmendedV1 {
  listVersion: string;
  entry: SanctionsEntryV1;
}

export interface SanctionsEntryDelistedV1 {
  listVersion: string;
  listId: string;
  entryId: string;
}

/** A download or parse failed; the previous version stays in force. */
export interface SanctionsListImportFailedV1 {
  listId: string;
  source: string;
  reason: string;
}

export const SanctionsEvents = {
  SanctionsListVersionImported: { type: 'SanctionsListVersionImported', schemaVersion: 1 },
  SanctionsEntryDesignated: { type: 'SanctionsEntryDesignated', schemaVersion: 1 },
  SanctionsEntryAmended: { type: 'SanctionsEntryAmended', schemaVersion: 1 },
  SanctionsEntryDelisted: { type: 'SanctionsEntryDelisted', schemaVersion: 1 },
  SanctionsListImportFailed: { type: 'SanctionsListImportFailed', schemaVersion: 1 },
} as const;
