import { decideOwnership, OWNERSHIP_THRESHOLD, type EntryRelationV1, type Holding } from '@tm/domain';
import { ScreeningIndexBuilder, type ScreeningIndex } from '../matching/screening-index';
import type { ScreeningMatch } from '../matching/types';
import type { ListId } from '../model';
import type { ScreenableReport } from './report-targets';
import { screeningTargets } from './report-targets';
import { entryKey, explain, type AlertCandidate } from './screen-report';

/** A listed entry in force that holds relations (`SanctionsEntryV1.relations`), with its list's version. */
export interface HolderEntry {
  listId: string;
  entryId: string;
  primaryName: string;
  programs: string[];
  listVersion: string;
  relations: EntryRelationV1[];
}

/** Where a related party's alert points: `entryId` of an ownership alert is `party:<the party's id on the list>`. */
export const ownershipEntryId = (partyId: string) => `party:${partyId}`;

/**
 * The parties that listed entries in force own, direct or are linked to, indexed by name: a report's party that
 * matches one (≥ threshold, as a name match) is decided on by the ownership rule (`decideOwnership`) over every
 * holding of that party. Parties are keyed by (holders' list, party id), so one party held by several entries of a
 * list is one party with several holders.
 */
export class OwnershipIndex {
  private readonly parties = new Map<string, { party: EntryRelationV1['party']; listId: string; holdings: Holding[] }>();
  private readonly index: ScreeningIndex;

  constructor(holders: readonly HolderEntry[]) {
    for (const h of holders)
      for (const relation of h.relations) {
        const key = entryKey(h.listId, relation.party.id);
        const known = this.parties.get(key) ?? this.parties.set(key, { party: relation.party, listId: h.listId, holdings: [] }).get(key)!;
        known.holdings.push({
          holder: { listId: h.listId, entryId: h.entryId, name: h.primaryName, programs: h.programs },
          listVersion: h.listVersion,
          relation,
        });
      }
    const builder = new ScreeningIndexBuilder();
    for (const { party, listId } of this.parties.values()) {
      const names = [...new Set([party.name, ...party.names])];
      builder.add({
        listId: listId as ListId,
        entryId: party.id,
        schema: party.schema,
        primaryName: party.name,
        names: names.map((value, i) => ({ value, kind: i === 0 ? 'primary' : 'aka' })),
        programs: [],
        countries: party.countries,
      });
    }
    this.index = builder.build();
  }

  /** Related parties indexed. */
  get size(): number {
    return this.parties.size;
  }

  /**
   * The ownership alerts a report's parties (names, not texts; not state organs) raise: each party matching a related party at or
   * above `threshold` whose holdings pass `decideOwnership`, one candidate per (report location, related party),
   * `kind: 'ownership'`, with the basis (aggregated share, holders and their paths). `programs` are the holders'.
   */
  screen(report: ScreenableReport, threshold: number, ownershipThreshold = OWNERSHIP_THRESHOLD): AlertCandidate[] {
    if (this.parties.size === 0) return [];
    const out: AlertCandidate[] = [];
    for (const t of screeningTargets(report)) {
      // A state organ (a ministry, an army) is its state's, not a company a listed party owns or directs.
      if (t.kind !== 'name' || t.stateOrgan) continue;
      const best = new Map<string, { match: ScreeningMatch; query: string }>();
      for (const name of t.names)
        for (const m of this.index.screenName({ name, schema: t.schema, countries: t.countries }, { threshold, limit: 5 })) {
          const key = entryKey(m.entry.listId, m.entry.entryId);
          const prev = best.get(key);
          if (!prev || m.score > prev.match.score) best.set(key, { match: m, query: name });
        }
      for (const [key, { match, query }] of best) {
        const known = this.parties.get(key)!;
        const decision = decideOwnership({ id: known.party.id, name: known.party.name }, known.holdings, ownershipThreshold);
        if (decision.action !== 'alert') continue;
        const { basis } = decision;
        out.push({
          reportId: report.reportId,
          ...(t.claimId ? { claimId: t.claimId } : {}),
          kind: 'ownership',
          ownership: basis,
          location: t.location,
          queryName: query,
          listId: known.listId,
          entryId: ownershipEntryId(known.party.id),
          listVersion: [...new Set(known.holdings.map((h) => h.listVersion))].sort().join(', '),
          entryName: known.party.name,
          matchedName: match.matchedName,
          matchedNameKind: match.matchedNameKind,
          programs: [...new Set(basis.holders.flatMap((h) => h.programs))].sort(),
          countries: [...new Set([...t.claimCountries, ...known.party.countries])].sort(),
          score: match.score,
          explanation: explain(match),
        });
      }
    }
    return out;
  }
}
