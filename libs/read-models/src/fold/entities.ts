import type { CountryCode, Entity, EntityType, Party } from '@tm/domain';
import { bump, byCodePoint, multisetFromJson, multisetToJson, sortedMembers, type Multiset, type MultisetJson } from './multiset';
import type { ClaimState } from './report-state';

/** One party of the entity directory: every named entity mentioned by a claim or its evidence. */
export interface DirectoryEntity {
  /** Normalised name: NFKC, lower case, single spaces. */
  key: string;
  /** The spelling most claims use (ties: first in code-point order). */
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

/**
 * A directory entry while it is being folded: a {@link Multiset} per list, counted once per claim, so a claim can be
 * taken out again (see `LedgerAccumulator`). Stored beside the entry (`entity_directory.acc`) by the live projection.
 */
export interface EntityAccumulator {
  key: string;
  claimCount: number;
  /** Spellings of the name as written. */
  names: Multiset;
  types: Multiset;
  aliases: Multiset;
  countries: Multiset;
}

const ENTITY_MULTISETS = ['names', 'types', 'aliases', 'countries'] as const;

export function emptyEntityAccumulator(key: string): EntityAccumulator {
  return { key, claimCount: 0, names: new Map(), types: new Map(), aliases: new Map(), countries: new Map() };
}

/** Adds (`sign` +1) or takes out (−1) what one claim says of each entity it names (of those in `only`, when given). */
export function accumulateEntityClaim(accs: Map<string, EntityAccumulator>, state: ClaimState, sign: 1 | -1, only?: Set<string>): void {
  const perKey = new Map<string, { names: Set<string>; types: Set<string>; aliases: Set<string>; countries: Set<string> }>();
  for (const party of partiesOf(state)) {
    const entity = party.entity as Entity;
    const key = entityKey(entity.name);
    if (only && !only.has(key)) continue;
    let mention = perKey.get(key);
    if (!mention) perKey.set(key, (mention = { names: new Set(), types: new Set(), aliases: new Set(), countries: new Set() }));
    mention.names.add(entity.name.trim());
    mention.types.add(entity.type);
    for (const alias of entity.aliases ?? []) mention.aliases.add(alias);
    mention.countries.add(party.country);
  }
  for (const [key, mention] of perKey) {
    let acc = accs.get(key);
    if (!acc) accs.set(key, (acc = emptyEntityAccumulator(key)));
    acc.claimCount += sign;
    for (const field of ['names', 'types', 'aliases', 'countries'] as const)
      for (const member of mention[field]) bump(acc[field], member, sign);
  }
}

/**
 * The entry an accumulator stands for; `undefined` once no claim names it. Its `name` is the spelling most claims
 * use (ties: the first in code-point order, which puts capitalised spellings first); lists are sorted.
 */
export function directoryEntityOf(acc: EntityAccumulator): StoredDirectoryEntity | undefined {
  if (acc.claimCount <= 0) return undefined;
  let name = '';
  let uses = 0;
  for (const [spelling, count] of acc.names) if (count > uses || (count === uses && spelling < name)) [name, uses] = [spelling, count];
  return {
    key: acc.key,
    name,
    types: sortedMembers(acc.types) as EntityType[],
    aliases: sortedMembers(acc.aliases),
    countries: sortedMembers(acc.countries) as CountryCode[],
    claimCount: acc.claimCount,
  };
}

/**
 * A directory entry as stored (`entity_directory.entry`): without the reports naming it, which grow with every
 * report; readers add them from `claim_states` ({@link withEntityReports}).
 */
export type StoredDirectoryEntity = Omit<DirectoryEntity, 'reportCount' | 'reportIds'>;

/** Adds the reports naming an entity (any order in; distinct and sorted out). */
export function withReports(entry: StoredDirectoryEntity, reportIds: Iterable<string>): DirectoryEntity {
  const sorted = [...new Set(reportIds)].sort(byCodePoint);
  return { ...entry, reportCount: sorted.length, reportIds: sorted };
}

export function entityAccumulatorToJson(acc: EntityAccumulator): unknown {
  return { ...acc, ...Object.fromEntries(ENTITY_MULTISETS.map((f) => [f, multisetToJson(acc[f])])) };
}

export function entityAccumulatorFromJson(json: unknown): EntityAccumulator {
  const j = json as Record<string, unknown>;
  return {
    key: j.key as string,
    claimCount: j.claimCount as number,
    ...(Object.fromEntries(ENTITY_MULTISETS.map((f) => [f, multisetFromJson(j[f] as MultisetJson)])) as Record<
      (typeof ENTITY_MULTISETS)[number],
      Multiset
    >),
  };
}

/** Accumulators of every entity the claims name. */
export function accumulateEntities(states: Iterable<ClaimState>): Map<string, EntityAccumulator> {
  const accs = new Map<string, EntityAccumulator>();
  for (const state of states) accumulateEntityClaim(accs, state, 1);
  return accs;
}

/** Folds claim states into directory entries, sorted by key; independent of the claims' order. */
export function foldEntities(states: Iterable<ClaimState>): DirectoryEntity[] {
  const list = [...states];
  const reports = new Map<string, string[]>();
  for (const state of list) {
    for (const key of entityKeysOf(state)) {
      if (!reports.has(key)) reports.set(key, []);
      reports.get(key)!.push(state.reportId);
    }
  }
  return [...accumulateEntities(list).values()]
    .sort((a, b) => byCodePoint(a.key, b.key))
    .flatMap((acc) => {
      const entry = directoryEntityOf(acc);
      return entry ? [withReports(entry, reports.get(acc.key) ?? [])] : [];
    });
}
