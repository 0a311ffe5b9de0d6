import {
  addressKey,
  decideFrontCompany,
  identifierKey,
  type AlertMatchExplanationV1,
  type FrontCompanyEntry,
  type FrontCompanyNameMatch,
} from '@tm/domain';
import { identifiersFromRemarks } from '../importers/ofac-remarks';
import { COUNTRY_DIFFERS_FACTOR, type ScreeningIndex } from '../matching/screening-index';
import type { ScreeningMatch } from '../matching/types';
import type { ScreenableReport } from './report-targets';
import { screeningTargets } from './report-targets';
import { entryKey, explain, type AlertCandidate, type ScreenReportOptions } from './screen-report';

/** The fields of a listed entry the front-company index reads (`sanctions_entries.entry`, or an entry parsed from files). */
export interface FrontCompanySource {
  listId: string;
  entryId: string;
  schema: string;
  primaryName: string;
  countries: string[];
  programs: string[];
  identifiers?: readonly { type: string; value: string }[];
  remarks?: string;
  addresses?: string[];
}

/**
 * A listed entry as {@link FrontCompanyIndex} holds it, with its list's version: its identifiers (the list's, then the
 * organisation identifiers OFAC writes in remarks: `identifiersFromRemarks`) as type and value, and its addresses.
 * @returns `undefined` for a person, or an entry with neither identifiers nor addresses (nothing a front company shares).
 */
export function frontCompanyEntry(e: FrontCompanySource, listVersion: string): (FrontCompanyEntry & { listVersion: string }) | undefined {
  if (e.schema === 'Person') return undefined;
  const identifiers = [...(e.identifiers ?? []), ...identifiersFromRemarks(e.remarks)].map(({ type, value }) => ({ type, value }));
  const addresses = e.addresses ?? [];
  if (!identifiers.length && !addresses.length) return undefined;
  return {
    listId: e.listId,
    entryId: e.entryId,
    name: e.primaryName,
    countries: e.countries,
    programs: e.programs,
    identifiers,
    addresses,
    listVersion,
  };
}

/**
 * The listed entries (not persons) by what a front company may share with them: each identifier (`identifierKey`)
 * and each address (`addressKey`). Built from `sanctions_entries` beside the name index (`loadFrontCompanyIndex`), each
 * entry as {@link frontCompanyEntry} reads it.
 */
export class FrontCompanyIndex {
  private readonly byIdentifier = new Map<string, FrontCompanyEntry[]>();
  private readonly byAddress = new Map<string, FrontCompanyEntry[]>();
  private readonly byEntry = new Map<string, { entry: FrontCompanyEntry; listVersion: string }>();

  /** @param entries the entries in force with identifiers or addresses, each with its list's version. */
  constructor(entries: ReadonlyArray<FrontCompanyEntry & { listVersion: string }>) {
    for (const { listVersion, ...entry } of entries) {
      this.byEntry.set(entryKey(entry.listId, entry.entryId), { entry, listVersion });
      for (const key of new Set(entry.identifiers.map((i) => identifierKey(i.value)))) if (key) push(this.byIdentifier, key, entry);
      for (const key of new Set(entry.addresses.map(addressKey))) if (key) push(this.byAddress, key, entry);
    }
  }

  /** Entries indexed, identifier keys, address keys. */
  get size(): { entries: number; identifiers: number; addresses: number } {
    return { entries: this.byEntry.size, identifiers: this.byIdentifier.size, addresses: this.byAddress.size };
  }

  /**
   * The front-company alerts a report's parties raise (named entities that are not persons nor state organs), one
   * candidate per (report location, listed entry) that `decideFrontCompany` alerts, `kind: 'front-company'`:
   * - entries sharing a party identifier or its address (this index);
   * - entries the name index matches in another country at or above `threshold` before the `country-differs` factor
   *   and below it after (screened at `threshold × COUNTRY_DIFFERS_FACTOR`; the name-match path alerts the others).
   * `score` is the name match's when the name is close, else 1 (an identical identifier or address).
   */
  screen(report: ScreenableReport, names: ScreeningIndex, options: Pick<ScreenReportOptions, 'threshold' | 'entryOf'>): AlertCandidate[] {
    const { threshold, entryOf } = options;
    const out: AlertCandidate[] = [];
    for (const t of screeningTargets(report)) {
      if (t.kind !== 'name' || t.stateOrgan || t.schema === 'Person' || !t.countries.length) continue;
      const entries = new Map<string, FrontCompanyEntry>();
      for (const value of Object.values(t.identifiers ?? {})) {
        const key = identifierKey(value);
        for (const e of (key && this.byIdentifier.get(key)) || []) entries.set(entryKey(e.listId, e.entryId), e);
      }
      const address = t.address && addressKey(t.address);
      for (const e of (address && this.byAddress.get(address)) || []) entries.set(entryKey(e.listId, e.entryId), e);
      const close = new Map<string, { match: ScreeningMatch; query: string }>();
      for (const name of t.names)
        for (const m of names.screenName(
          { name, schema: t.schema, countries: t.countries },
          { threshold: threshold * COUNTRY_DIFFERS_FACTOR, limit: 5 },
        )) {
          if (m.entry.schema === 'Person' || !m.explanation.penalties.some((p) => p.rule === 'country-differs')) continue;
          const key = entryKey(m.entry.listId, m.entry.entryId);
          const prev = close.get(key);
          if (!prev || m.score > prev.match.score) close.set(key, { match: m, query: name });
        }
      for (const [key, { match }] of close)
        if (!entries.has(key)) {
          const known = this.byEntry.get(key)?.entry;
          const countries = known?.countries ?? entryOf(match.entry.listId, match.entry.entryId)?.entry.countries ?? [];
          entries.set(key, {
            listId: match.entry.listId,
            entryId: match.entry.entryId,
            name: match.entry.primaryName,
            countries: [...countries],
            programs: [...match.entry.programs],
            identifiers: known?.identifiers ?? [],
            addresses: known?.addresses ?? [],
          });
        }
      const party = {
        name: t.names[0]!,
        country: t.countries[0]!,
        ...(t.identifiers ? { identifiers: t.identifiers } : {}),
        ...(t.address ? { address: t.address } : {}),
      };
      for (const [key, entry] of entries) {
        if (entry.countries.length === 0 && !this.byEntry.has(key)) continue;
        const named = close.get(key);
        const nameMatch: FrontCompanyNameMatch | undefined = named && { score: named.match.score, countryFactor: COUNTRY_DIFFERS_FACTOR };
        const decision = decideFrontCompany(party, entry, nameMatch, threshold);
        if (decision.action !== 'alert') continue;
        const { basis } = decision;
        const byName = basis.shared.some((s) => s.kind === 'close-name');
        const listVersion = this.byEntry.get(key)?.listVersion ?? entryOf(entry.listId, entry.entryId)?.listVersion ?? '';
        out.push({
          reportId: report.reportId,
          ...(t.claimId ? { claimId: t.claimId } : {}),
          kind: 'front-company',
          frontCompany: basis,
          location: t.location,
          queryName: byName ? named!.query : party.name,
          listId: entry.listId,
          entryId: entry.entryId,
          listVersion,
          entryName: entry.name,
          matchedName: byName ? named!.match.matchedName : entry.name,
          matchedNameKind: byName ? named!.match.matchedNameKind : basis.shared[0]!.kind,
          programs: basis.programs,
          countries: [...new Set([...t.claimCountries, ...entry.countries])].sort(),
          score: byName ? named!.match.score : 1,
          explanation: byName ? withNotes(explain(named!.match), basis.notes) : { tokens: [], penalties: [], notes: basis.notes },
        });
      }
    }
    return out;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const withNotes = (e: AlertMatchExplanationV1, notes: string[]): AlertMatchExplanationV1 => ({ ...e, notes: [...notes, ...e.notes] });
