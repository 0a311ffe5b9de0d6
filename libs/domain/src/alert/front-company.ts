import type { FrontCompanyBasisV1, FrontCompanySharedV1 } from './events';

/**
 * Front companies (issue 17, part 3): a report's party that shares an identifier, an address or — registered in
 * another country — a close name with a listed entry. The red flags are FinCEN and BIS's joint alerts on
 * export-control evasion (FIN-2022-Alert003, 2022-06-28; FIN-2023-Alert004, 2023-05-19): shared addresses and
 * identifiers with designated parties, recently formed companies, transshipment through third countries.
 */

/**
 * An identifier as compared: upper case, letters and digits only (`77-01 234/5` → `77012345`). A value shorter than
 * `MIN_IDENTIFIER_LENGTH` or without a digit compares as nothing (undefined): `N/A`, `-`, a call sign's 4 letters.
 */
export function identifierKey(value: string): string | undefined {
  const key = value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
  return key.length >= MIN_IDENTIFIER_LENGTH && /\d/.test(key) ? key : undefined;
}
export const MIN_IDENTIFIER_LENGTH = 6;

/**
 * An address as compared: Latin letters without diacritics, upper case, words and numbers sorted and deduplicated
 * (`ul. Lenina 5, Minsk` and `MINSK, UL LENINA 5` meet). An address of fewer than `MIN_ADDRESS_WORDS` words or
 * without a number (a city and country alone: `Moscow, Russia`) compares as nothing (undefined).
 */
export function addressKey(address: string): string | undefined {
  const words = address
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length < MIN_ADDRESS_WORDS || !words.some((w) => /\d/.test(w))) return undefined;
  return [...new Set(words)].sort().join(' ');
}
export const MIN_ADDRESS_WORDS = 3;

/** A report's party as the rule reads it. */
export interface FrontCompanyParty {
  name: string;
  country: string;
  /** By scheme (`inn`, `ogrn`, `imo`, `registration`…), as sent. */
  identifiers?: Record<string, string>;
  address?: string;
}

/** A listed entry as the rule reads it: its identifiers (by the list's scheme) and addresses. */
export interface FrontCompanyEntry {
  listId: string;
  entryId: string;
  name: string;
  countries: string[];
  programs: string[];
  identifiers: { type: string; value: string }[];
  addresses: string[];
}

/** The name matcher's verdict on the party against the entry (`ScreeningIndex.screenName`), when it gave one. */
export interface FrontCompanyNameMatch {
  /** The score as screening gives it, after the `country-differs` factor when it applied. */
  score: number;
  /** The factor the entry's other country applied (1 when none). */
  countryFactor: number;
}

export type FrontCompanyDecision =
  { action: 'alert'; basis: FrontCompanyBasisV1 } | { action: 'none'; why: 'nothing-shared' | 'name-alert' };

/**
 * The front-company rule (pure) for one report party and one listed entry:
 * - `identifier`: a party identifier equal to one of the entry's (`identifierKey`, whatever the schemes);
 * - `address`: the party's address equal to one of the entry's (`addressKey`);
 * - `close-name`: the countries are both known and disjoint, and the name match scored at least `threshold` before
 *   the `country-differs` factor but below it after (so the name-match path raised nothing). A name that still scores
 *   at or above `threshold` is a `name-match` alert, whose explanation shows the country penalty: a close name
 *   alone never raises both (`why: 'name-alert'`).
 * The party is alerted when anything is shared; a shared identifier or address alerts in any country (the party is
 * the listed entity or uses its papers), and the basis says whether the countries differ.
 * The result does not depend on the order of identifiers or addresses (each list is sorted).
 */
export function decideFrontCompany(
  party: FrontCompanyParty,
  entry: FrontCompanyEntry,
  nameMatch: FrontCompanyNameMatch | undefined,
  threshold: number,
): FrontCompanyDecision {
  const shared: FrontCompanySharedV1[] = [];
  const listIds = new Map<string, string>();
  for (const i of entry.identifiers) {
    const key = identifierKey(i.value);
    if (key && !listIds.has(key)) listIds.set(key, i.type);
  }
  for (const [scheme, value] of Object.entries(party.identifiers ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const key = identifierKey(value);
    const listScheme = key && listIds.get(key);
    if (key && listScheme && !shared.some((s) => s.kind === 'identifier' && s.value === key))
      shared.push({ kind: 'identifier', value: key, partyScheme: scheme, listScheme });
  }
  const partyAddress = party.address && addressKey(party.address);
  if (partyAddress) {
    const listAddress = [...entry.addresses].sort().find((a) => addressKey(a) === partyAddress);
    if (listAddress) shared.push({ kind: 'address', partyAddress: party.address!, listAddress });
  }
  const country = party.country.toUpperCase();
  const otherCountry = entry.countries.length > 0 && !!country && !entry.countries.includes(country);
  if (nameMatch && otherCountry && nameMatch.countryFactor < 1) {
    const before = Math.round((nameMatch.score / nameMatch.countryFactor) * 10000) / 10000;
    if (nameMatch.score < threshold && before >= threshold)
      shared.push({ kind: 'close-name', score: nameMatch.score, scoreBeforeCountry: before });
    else if (nameMatch.score >= threshold && shared.length === 0) return { action: 'none', why: 'name-alert' };
  }
  if (shared.length === 0) return { action: 'none', why: 'nothing-shared' };
  const countries = [...entry.countries].sort();
  const programs = [...entry.programs].sort();
  const designation = `${entry.name} (${entry.listId} ${entry.entryId}${programs.length ? `: ${programs.join(', ')}` : ''})`;
  const notes = shared.map((s) =>
    s.kind === 'identifier'
      ? `${party.name} (${s.partyScheme}) and ${designation} (${s.listScheme}) share the identifier ${s.value}`
      : s.kind === 'address'
        ? `${party.name} gives the address "${s.partyAddress}", ${designation} the address "${s.listAddress}"`
        : `${party.name} in ${country} has a name close to ${designation} listed for ${countries.join(', ')}: ${s.scoreBeforeCountry} before the other-country factor, ${s.score} after it (below the name-match threshold ${threshold})`,
  );
  notes.push(
    otherCountry
      ? `the party is in ${country}, the listed entry in ${countries.join(', ')}`
      : countries.length
        ? `the party and the listed entry are both in ${country}`
        : `the list gives no country for the entry; the party is in ${country}`,
  );
  return {
    action: 'alert',
    basis: {
      partyName: party.name,
      partyCountry: country,
      entryName: entry.name,
      entryCountries: countries,
      programs,
      otherCountry,
      shared,
      notes,
    },
  };
}
