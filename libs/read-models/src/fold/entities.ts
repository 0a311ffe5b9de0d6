import type { CountryCode, Entity, EntityType, Party } from '@tm/domain';
import type { ClaimState } from './report-state';

/** One party of the entity directory: every named entity mentioned by a claim or its evidence. */
export interface DirectoryEntity {
  /** Normalised name: NFKC, lower case, single spaces. */
  key: string;
  /** The name as first written. */
  name: string;
  types: EntityType[];
  aliases: string[];
  /** Countries the entity acted for in the claims, ISO 3166-1 alpha-2, sorted. */
  countries: CountryCode[];
  /** Claims mentioning it (retracted ones included: a retraction does not unsay a mention) and their reports. */
  claimCount: number;
  reportCount: number;
  reportIds: string[];
}

/** Directory key of an entity name. */
export function entityKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function partiesOf(state: ClaimState): Party[] {
  const claim = state.claim;
  const parties: Party[] =
    claim.kind === 'transfer'
      ? [claim.supplier, claim.recipient, ...(claim.intermediaries ?? []), ...(claim.endUser ? [claim.endUser] : [])]
      : claim.participants.map((p) => ({ country: p.country, entity: p.entity }));
  for (const e of state.evidence) if (e.attributedTo) parties.push(e.attributedTo);
  return parties.filter((p) => p.entity?.name?.trim());
}

/** The directory keys a claim mentions. */
export function entityKeysOf(state: ClaimState): string[] {
  return [...new Set(partiesOf(state).map((p) => entityKey(p.entity!.name)))];
}

/** Folds claim states into directory entries, sorted by key. Pass every claim state mentioning the keys wanted. */
export function foldEntities(states: Iterable<ClaimState>): DirectoryEntity[] {
  // Sets for the membership tests: a popular entity (a ministry) is named by most reports, and an array scan per
  // claim made this fold quadratic in the rebuild's final pass.
  const byKey = new Map<string, DirectoryEntity & { claims: Set<string>; reports: Set<string> }>();
  for (const state of states) {
    for (const party of partiesOf(state)) {
      const entity = party.entity as Entity;
      const key = entityKey(entity.name);
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { key, name: entity.name.trim(), types: [], aliases: [], countries: [], claimCount: 0, reportCount: 0, reportIds: [], claims: new Set(), reports: new Set() }));
      if (!entry.types.includes(entity.type)) entry.types.push(entity.type);
      for (const alias of entity.aliases ?? []) if (!entry.aliases.includes(alias)) entry.aliases.push(alias);
      if (!entry.countries.includes(party.country)) entry.countries.push(party.country);
      entry.claims.add(`${state.reportId}/${state.claimId}`);
      entry.reports.add(state.reportId);
    }
  }
  return [...byKey.values()]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map(({ claims, reports, ...entry }) => ({ ...entry, countries: entry.countries.sort(), reportIds: [...reports].sort(), claimCount: claims.size, reportCount: reports.size }));
}
