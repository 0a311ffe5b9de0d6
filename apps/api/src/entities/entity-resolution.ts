import type { EntityDecision, EntityType } from '@tm/domain';
import {
  compareNames,
  compatibleSchemas,
  DEFAULT_THRESHOLD,
  DefaultTokenStats,
  normaliseTokens,
  prepareName,
  SCHEMA_OF_ENTITY_TYPE,
  type EntrySchema,
  type PreparedName,
} from '@tm/screening';

/**
 * Entity resolution: which names of the entity directory are one party, across spellings, scripts and name orders
 * ("Alexander Lukashenko", "Lukashenka Alyaksandr", "Александр Лукашенко"), with the evidence of each merge.
 *
 * Two names are linked when the screening matcher (`compareNames` of `@tm/screening` on `prepareName`s, the
 * normaliser that transliterates and reorders) scores them at or above {@link ENTITY_MATCH_THRESHOLD} (the
 * screening threshold, `DEFAULT_THRESHOLD`) and their schemas may match (a person never joins a company), or when
 * an analyst merged them; never when an analyst split them (the latest decision on a pair wins, and a merge lifts an
 * earlier split of one of its names from another, {@link pairDecisions}). Candidates are the names sharing a block
 * (the first {@link BLOCK_PREFIX} letters of a word of the name in Latin letters, `normaliseTokens` of
 * `@tm/screening`; blocks of more than {@link MAX_BLOCK_NAMES} names are skipped, like stop words) or an analyst's
 * merge; a name is prepared for the matcher only when it is compared. An entity is then built by union-find over its
 * component's links: the analysts' merges first (the latest first), then the matcher's links, best score first (ties
 * by the names' code-point order); a link whose two sides hold a pair an analyst split is refused (a merge's link
 * only by a later split). So the answer depends only on the directory and the decisions (not on the name asked for,
 * nor on the order claims arrived in), and a read-model rebuild gives it again.
 */
export const ENTITY_MATCH_THRESHOLD = DEFAULT_THRESHOLD;
/** Letters of a core token that make a block. */
export const BLOCK_PREFIX = 4;
/** Most names one entity's component is explored to (then `truncated`). */
export const MAX_COMPONENT_NAMES = 200;
/** A block shared by more names than this is too common to find candidates by (like a stop word): skipped. */
export const MAX_BLOCK_NAMES = 500;

/** A directory name as the resolution sees it. */
export interface ResolvableName {
  /** The directory key (`entityKey`). */
  key: string;
  /** The spelling most claims use. */
  name: string;
  types: EntityType[];
  claimCount: number;
}

/** Why two names are one entity (an accepted link), or are kept apart (a refused one). */
export interface LinkEvidence {
  names: [string, string];
  rule: 'matcher' | 'analyst-merge' | 'analyst-split';
  /** The matcher's score in [0, 1] (also given for an analyst's decision, when the names were compared). */
  score?: number;
  /** Penalties the matcher applied (rule and detail), e.g. `name-order`. */
  penalties?: { rule: string; detail: string }[];
  /** The analyst's decision: who, when, why, and its place in the event store. */
  decision?: { actor: string; decidedAt: string; reason: string; position: number };
}

export interface ResolvedEntity {
  /** Opaque id: the base64url of the smallest key (code-point order) of the entity's names. */
  entityId: string;
  /** The entity's directory names, most mentioned first (then by key). */
  names: ResolvableName[];
  /** The links that made the entity (accepted, in the order they were applied). */
  merges: LinkEvidence[];
  /** Links refused because an analyst split the names (either side belongs here). */
  separations: LinkEvidence[];
  /** True when the component reached {@link MAX_COMPONENT_NAMES} names and was not explored further. */
  truncated: boolean;
}

/** Where the resolution finds names: every directory name by key, and the names sharing a block. */
export interface NameSource {
  get(key: string): ResolvableName | undefined;
  /** Keys of the names having this block. */
  byBlock(block: string): Iterable<string>;
}

/** An entity id for a directory key (base64url of its UTF-8). */
export const entityIdOf = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

/** The directory key an entity id stands for, or undefined when `id` is not one (bad base64url or UTF-8, empty). */
export function keyOfEntityId(id: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,1400}$/.test(id)) return undefined;
  const bytes = Buffer.from(id, 'base64url');
  const key = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return key.length > 0 && !key.includes('\uFFFD') && entityIdOf(key) === id ? key : undefined;
}

const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Schema of a directory name for the matcher: the first of its types that says one, else `Unknown`. */
export function schemaOf(types: EntityType[]): EntrySchema {
  const schemas = [...new Set(types.map((t) => SCHEMA_OF_ENTITY_TYPE[t]).filter(Boolean))];
  return schemas.length === 1 ? schemas[0]! : 'Unknown';
}

/** Prepared names, kept between requests: a name is prepared once per spelling and schema, when first compared. */
export class PreparedNames {
  private readonly cache = new Map<string, PreparedName>();
  private readonly stats = new DefaultTokenStats();

  of(name: ResolvableName): PreparedName {
    const schema = schemaOf(name.types);
    const cacheKey = `${schema}\u0000${name.name}`;
    let found = this.cache.get(cacheKey);
    if (!found) {
      found = prepareName(name.name, schema);
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(cacheKey, found);
    }
    return found;
  }

  compare(a: ResolvableName, b: ResolvableName): { score: number; penalties: { rule: string; detail: string }[] } {
    if (!compatibleSchemas(schemaOf(a.types), schemaOf(b.types)))
      return { score: 0, penalties: [{ rule: 'schema-differs', detail: `${schemaOf(a.types)} vs ${schemaOf(b.types)}` }] };
    const c = compareNames(this.of(a), this.of(b), this.stats);
    return { score: Math.round(c.score * 1000) / 1000, penalties: c.penalties.map((p) => ({ rule: p.rule, detail: p.detail })) };
  }
}

/** Blocks of a name: the first {@link BLOCK_PREFIX} letters of each of its words in Latin letters (not numbers, not one letter). */
export function blocksOf(name: string): string[] {
  return [
    ...new Set(
      normaliseTokens(name)
        .filter((t) => t.length >= 2 && !/^\d+$/.test(t))
        .map((t) => t.slice(0, BLOCK_PREFIX)),
    ),
  ].sort(codePoint);
}

/**
 * What the analysts decided, pair by pair: the latest decision naming both names wins. A split says its name is not
 * the party the names of its `from` are (one party); a later merge naming its name and one of those names says the
 * opposite, so it lifts that split as a whole: the name rejoins that party as the matcher links it, not just the one
 * name the merge repeats (its other pairs are not left to keep the name, or the merge's side, apart).
 */
export function pairDecisions(decisions: EntityDecision[]): { pairs: Map<string, EntityDecision>; merged: Map<string, Set<string>> } {
  const ordered = [...decisions].sort((a, b) => a.position - b.position);
  const lifted = new Set<EntityDecision>();
  const splits: Extract<EntityDecision, { kind: 'split' }>[] = [];
  for (const d of ordered) {
    if (d.kind === 'split') splits.push(d);
    else {
      const names = new Set(d.names);
      for (const s of splits) if (names.has(s.name) && s.from.some((f) => names.has(f))) lifted.add(s);
    }
  }
  const pairs = new Map<string, EntityDecision>();
  for (const d of ordered) {
    if (lifted.has(d)) continue;
    if (d.kind === 'merge') {
      for (let i = 0; i < d.names.length; i++) for (let j = i + 1; j < d.names.length; j++) pairs.set(pairKey(d.names[i]!, d.names[j]!), d);
    } else {
      for (const other of d.from) pairs.set(pairKey(d.name, other), d);
    }
  }
  const merged = new Map<string, Set<string>>();
  for (const [pair, d] of pairs) {
    if (d.kind !== 'merge') continue;
    const [a, b] = pair.split('\u0000') as [string, string];
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!merged.has(x)) merged.set(x, new Set());
      merged.get(x)!.add(y);
    }
  }
  return { pairs, merged };
}

const decisionEvidence = (d: EntityDecision) => ({ actor: d.actor, decidedAt: d.decidedAt, reason: d.reason, position: d.position });

/**
 * The entity a directory name belongs to (see the module comment), or undefined when `key` is not in the directory.
 * Costs one comparison per candidate pair of the component (names sharing a block).
 */
export function resolveEntity(
  key: string,
  source: NameSource,
  decisions: EntityDecision[],
  prepared: PreparedNames,
): ResolvedEntity | undefined {
  if (!source.get(key)) return undefined;
  const { pairs, merged } = pairDecisions(decisions);
  const component = new Set<string>([key]);
  const queue = [key];
  const links: LinkEvidence[] = [];
  const refused: LinkEvidence[] = [];
  const compared = new Set<string>();
  let truncated = false;
  while (queue.length > 0) {
    const current = queue.shift()!;
    const name = source.get(current)!;
    const candidates = new Set<string>(merged.get(current) ?? []);
    for (const block of blocksOf(name.name)) {
      const members = [...source.byBlock(block)];
      if (members.length <= MAX_BLOCK_NAMES) for (const other of members) candidates.add(other);
    }
    for (const other of [...candidates].sort(codePoint)) {
      if (other === current) continue;
      const pair = pairKey(current, other);
      if (compared.has(pair)) continue;
      compared.add(pair);
      const otherName = source.get(other);
      if (!otherName) continue;
      const decision = pairs.get(pair);
      const sorted = [current, other].sort(codePoint) as [string, string];
      if (decision?.kind === 'split') {
        refused.push({ names: sorted, rule: 'analyst-split', ...prepared.compare(name, otherName), decision: decisionEvidence(decision) });
        continue;
      }
      let link: LinkEvidence | undefined;
      if (decision?.kind === 'merge')
        link = { names: sorted, rule: 'analyst-merge', ...prepared.compare(name, otherName), decision: decisionEvidence(decision) };
      else {
        const comparison = prepared.compare(name, otherName);
        if (comparison.score >= ENTITY_MATCH_THRESHOLD) link = { names: sorted, rule: 'matcher', ...comparison };
      }
      if (!link) continue;
      links.push(link);
      if (!component.has(other)) {
        if (component.size >= MAX_COMPONENT_NAMES) {
          truncated = true;
          continue;
        }
        component.add(other);
        queue.push(other);
      }
    }
  }
  // Union-find over the component: analysts' merges first, the latest first (a merge gives way only to a later split:
  // an older one it contradicts through other merges is overruled), then the matcher's links, best first (any split
  // the latest on its pair holds against them).
  const usable = links.filter((l) => component.has(l.names[0]) && component.has(l.names[1]));
  usable.sort((a, b) => {
    const rank = (l: LinkEvidence) => (l.rule === 'analyst-merge' ? 0 : 1);
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (a.rule === 'analyst-merge')
      return b.decision!.position - a.decision!.position || codePoint(pairKey(...a.names), pairKey(...b.names));
    return b.score! - a.score! || codePoint(pairKey(...a.names), pairKey(...b.names));
  });
  const cannot = [...pairs]
    .filter(([, d]) => d.kind === 'split')
    .map(([p, d]) => ({ names: p.split('\u0000') as [string, string], decision: d }));
  const members = new Map<string, Set<string>>([...component].map((k) => [k, new Set([k])]));
  const merges: LinkEvidence[] = [];
  for (const link of usable) {
    const a = members.get(link.names[0])!;
    const b = members.get(link.names[1])!;
    if (a === b) continue;
    const blocking = cannot.find(
      ({ names: [x, y], decision }) =>
        (link.rule !== 'analyst-merge' || decision.position > link.decision!.position) &&
        ((a.has(x) && b.has(y)) || (a.has(y) && b.has(x))),
    );
    if (blocking) {
      refused.push({ ...link, rule: 'analyst-split', decision: decisionEvidence(blocking.decision) });
      continue;
    }
    merges.push(link);
    const joined = new Set([...a, ...b]);
    for (const k of joined) members.set(k, joined);
  }
  const cluster = members.get(key)!;
  const names = [...cluster].map((k) => source.get(k)!).sort((x, y) => y.claimCount - x.claimCount || codePoint(x.key, y.key));
  const smallest = [...cluster].sort(codePoint)[0]!;
  return {
    entityId: entityIdOf(smallest),
    names,
    merges: merges.filter((l) => cluster.has(l.names[0])),
    // A split pair both of whose names are here was overruled by later merges: not a separation of this entity.
    separations: refused.filter((l) => cluster.has(l.names[0]) !== cluster.has(l.names[1])),
    truncated,
  };
}

/** A {@link NameSource} over names held in memory. */
export class NameTable implements NameSource {
  private readonly names = new Map<string, ResolvableName>();
  private readonly blocks = new Map<string, string[]>();

  constructor(names: Iterable<ResolvableName>) {
    for (const name of names) {
      this.names.set(name.key, name);
      for (const block of blocksOf(name.name)) {
        let list = this.blocks.get(block);
        if (!list) this.blocks.set(block, (list = []));
        list.push(name.key);
      }
    }
  }

  get size(): number {
    return this.names.size;
  }

  get(key: string): ResolvableName | undefined {
    return this.names.get(key);
  }

  byBlock(block: string): Iterable<string> {
    return this.blocks.get(block) ?? [];
  }
}
