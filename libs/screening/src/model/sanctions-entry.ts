import type { EntryRelationV1 } from '@tm/domain';

/**
 * List-neutral model of one designation on a sanctions list.
 *
 * Every importer (OFAC SDN / non-SDN CSV, UN XML, EU FSF XML, UK HMT CSV, US CSL CSV, OpenSanctions FtM) produces
 * these shapes, so matching and list-version deltas never depend on a list's own format.
 */

/** Lists this library can import. Ids are stable: they key entries together with `entryId`. */
export type ListId = 'ofac-sdn' | 'ofac-non-sdn' | 'un' | 'eu-fsf' | 'uk-hmt' | 'us-csl' | 'opensanctions';

export const LIST_IDS: readonly ListId[] = ['ofac-sdn', 'ofac-non-sdn', 'un', 'eu-fsf', 'uk-hmt', 'us-csl', 'opensanctions'];

/** What a designation is about (FollowTheMoney schema names; companies are `Organization`). */
export type EntrySchema = 'Person' | 'Organization' | 'Vessel' | 'Aircraft' | 'Unknown';

/**
 * Kind of one name of an entry.
 * - `primary`: the list's main name; `aka`/`fka`/`nka`: also / formerly / now known as;
 * - `weak-aka`: "weak" or low-quality a.k.a. (OFAC remarks `a.k.a. 'X'`, OpenSanctions `weakAlias`);
 * - `original-script`: the name as written in its own script (UN `NAME_ORIGINAL_SCRIPT`, UK non-Latin).
 */
export type NameKind = 'primary' | 'aka' | 'fka' | 'nka' | 'weak-aka' | 'original-script';

export interface EntryName {
  value: string;
  kind: NameKind;
  /** Alias quality as graded by the list (UN `QUALITY` Good/Low); absent when the list does not grade. */
  quality?: 'good' | 'low';
}

/** An identifier of the designated party (IMO number, tax id, passport…), as the list gives it. */
export interface EntryIdentifier {
  type: string;
  value: string;
  country?: string;
}

export interface SanctionsEntry {
  listId: ListId;
  /** The list's own id (OFAC `ent_num`, UN `REFERENCE_NUMBER`, EU `logicalId`, UK `Group ID`, CSL `_id`, FtM id). */
  entryId: string;
  schema: EntrySchema;
  primaryName: string;
  /** All names including the primary one (kind `primary`), deduplicated by value and kind. */
  names: EntryName[];
  /** Sanctions programs / regimes, as the list names them (e.g. `RUSSIA-EO14024`, `BELARUS`, `DRC`). */
  programs: string[];
  /** ISO 3166-1 alpha-2 codes (upper case) when known; HK and TW are kept apart from CN. */
  countries: string[];
  identifiers: EntryIdentifier[];
  /** ISO date (YYYY-MM-DD) of the designation when the list gives it. */
  listedOn?: string;
  remarks?: string;
  /**
   * Addresses as the list gives them, one string each (OFAC add.csv address, city, country; UN street, city, country;
   * FtM `address` and Address entities' `full`). Not part of the entry's fingerprint (`entryFingerprint`), like
   * `remarks`: lists rewrite address wording without changing the designation. Absent when the list gives none.
   */
  addresses?: string[];
  /** Parties this entry owns, directs or is linked to (`SanctionsEntryV1.relations`); absent when the list gives none. */
  relations?: EntryRelationV1[];
}

/** Maps an FtM-ish / list type word to an `EntrySchema` (`individual` → Person, vessel, aircraft…). */
export function schemaFromTypeWord(word: string | undefined): EntrySchema {
  const w = (word ?? '').trim().toLowerCase();
  if (w === 'individual' || w === 'person' || w === 'p') return 'Person';
  if (w === 'vessel' || w === 'ship') return 'Vessel';
  if (w === 'aircraft' || w === 'airplane') return 'Aircraft';
  if (['entity', 'organization', 'organisation', 'company', 'legalentity', 'publicbody', 'e', 'enterprise'].includes(w))
    return 'Organization';
  return 'Unknown';
}
