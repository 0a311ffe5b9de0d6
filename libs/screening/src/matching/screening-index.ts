import type { EntrySchema, ListSnapshot, NameKind, SanctionsEntry } from '../model';
import { prepareName } from '../normalise/prepare-name';
import { compareWeighted, scoreWeighted, type Comparison, type Penalty, type SimilarityMemo } from './compare-names';
import { CorpusTokenStats } from './token-stats';
import type { ScreeningMatch, ScreeningOptions, ScreeningQuery, TextMatch } from './types';
import { Vocabulary, type VocabHit } from './vocabulary';
import { weighName, type WeightedName } from './weighted-name';
import { scanTextForNames } from './text-scan';

/**
 * Default match threshold, chosen on the evaluation sets in `data/eval/` (see `eval/evaluate.ts`):
 * it gives the best accuracy on the company/vessel pairs while keeping UN perturbed-name recall@1 high.
 */
export const DEFAULT_THRESHOLD = 0.85;
/** Score factor for weak a.k.a.s (OFAC remarks, OpenSanctions weakAlias) and UN low-quality aliases. */
export const WEAK_ALIAS_FACTOR = 0.85;
/** Score factor when the query's countries and the entry's are both known and disjoint. */
export const COUNTRY_DIFFERS_FACTOR = 0.95;
/** Candidate names fully compared per query (after cheap token-overlap ranking). */
const MAX_CANDIDATES = 30;
/** Vocabulary tokens at least this similar to a query token feed candidates. */
const CANDIDATE_SIMILARITY = 0.5;
/** Query tokens whose vocabulary hits are remembered (names repeat tokens: Mohammad, Trading, Ivan…). */
const LOOKUP_CACHE_SIZE = 20_000;

/** One indexed name of one entry. */
export interface IndexedName {
  entry: SanctionsEntry;
  value: string;
  kind: NameKind;
  quality?: 'good' | 'low';
  weighted: WeightedName;
  /** The name's bracketed former names (variants), weighed once at build; absent when none. */
  variants?: WeightedName[];
  /** Vocabulary ids of the name's core and number tokens (for candidate generation and text scanning). */
  tokenIds: Int32Array;
  /** Σ token weights (denominator share of the name in `compareWeighted`). */
  totalWeight: number;
}

/** Build statistics reported by benchmarks. */
export interface IndexStats {
  entries: number;
  names: number;
  vocabulary: number;
  genericTokens: number;
  buildMs: number;
}

/**
 * In-memory screening index over one or more list snapshots.
 * Build: every name and alias of every entry is prepared (`prepareName` with the entry's schema),
 * token document frequencies give IDF weights and the generic-token list (`CorpusTokenStats`), and an
 * inverted index maps vocabulary tokens to names. Query: query tokens are looked up exactly,
 * phonetically and by one-edit neighbourhood (`Vocabulary.lookup`), names are ranked by weighted
 * overlap, and the best `MAX_CANDIDATES` are scored with `compareWeighted`. Entry score = best name
 * score (never a sum over aliases).
 */
export class ScreeningIndex {
  readonly names: IndexedName[] = [];
  readonly vocabulary = new Vocabulary();
  readonly stats: CorpusTokenStats;
  readonly buildStats: IndexStats;
  private readonly postings: Int32Array[];
  private readonly acc: Float32Array;
  /** Names touched by the current query (reused: `candidates` runs one query at a time). */
  private readonly touched: Int32Array;
  /** Vocabulary hits of recent query tokens (at `CANDIDATE_SIMILARITY`); emptied when full. */
  private readonly lookupCache = new Map<string, VocabHit[]>();

  constructor(snapshots: ListSnapshot[]) {
    const t0 = performance.now();
    const prepared: Array<{ entry: SanctionsEntry; value: string; kind: NameKind; quality?: 'good' | 'low'; p: ReturnType<typeof prepareName> }> = [];
    const df = new Map<string, number>();
    for (const s of snapshots) for (const entry of s.entries) for (const n of entry.names) {
      const p = prepareName(n.value, entry.schema);
      if (!p.tokens.some((t) => t.role === 'core' || t.role === 'number')) continue;
      prepared.push({ entry, value: n.value, kind: n.kind, quality: n.quality, p });
      for (const t of new Set(p.tokens.filter((x) => x.role === 'core').map((x) => x.text))) df.set(t, (df.get(t) ?? 0) + 1);
    }
    this.stats = new CorpusTokenStats(df, prepared.length);
    const lists: number[][] = [];
    for (const x of prepared) {
      const weighted = weighName(x.p, this.stats);
      const ids = [...new Set(weighted.tokens.filter((t) => t.role === 'core' || t.role === 'number').map((t) => this.vocabulary.intern(t.text)))];
      const nameId = this.names.length;
      for (const id of ids) (lists[id] ??= []).push(nameId);
      const totalWeight = weighted.tokens.reduce((sum, t) => sum + t.weight, 0);
      const variants = x.p.variants.length ? x.p.variants.map((v) => weighName(v, this.stats)) : undefined;
      this.names.push({ entry: x.entry, value: x.value, kind: x.kind, quality: x.quality, weighted, ...(variants ? { variants } : {}), tokenIds: Int32Array.from(ids), totalWeight });
    }
    this.postings = Array.from({ length: this.vocabulary.size }, (_, i) => Int32Array.from(lists[i] ?? []));
    this.acc = new Float32Array(this.names.length);
    this.touched = new Int32Array(this.names.length);
    this.buildStats = {
      entries: new Set(this.names.map((n) => n.entry)).size,
      names: this.names.length,
      vocabulary: this.vocabulary.size,
      genericTokens: this.stats.genericCount,
      buildMs: Math.round(performance.now() - t0),
    };
  }

  /**
   * Screens one name against the index.
   * @returns matches with score ≥ threshold, best first, at most `limit` entries (one match per entry:
   *   its best-scoring name). Person queries never match Organization/Vessel/Aircraft entries and vice
   *   versa; `Unknown` on either side matches both.
   */
  screenName(query: ScreeningQuery, options: ScreeningOptions = {}): ScreeningMatch[] {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const limit = options.limit ?? 10;
    const schema = query.schema ?? 'Unknown';
    const q = weighName(prepareName(query.name, schema), this.stats);
    const { ids, shared, queryWeight } = this.candidates(q, schema);
    // Scores only: explanations are built for the matches returned.
    const best = new Map<SanctionsEntry, { nameId: number; score: number }>();
    const memo: SimilarityMemo = new Map();
    for (let k = 0; k < ids.length; k++) {
      const nameId = ids[k]!;
      const n = this.names[nameId]!;
      // Upper bound of the weighted Dice score from the shared weight: skip hopeless candidates.
      const s = Math.min(shared[k]!, queryWeight, n.totalWeight);
      if ((2 * s) / (queryWeight + n.totalWeight) < threshold * 0.9) continue;
      const score = this.rawScore(q, n, query.countries, memo);
      if (score < threshold) continue;
      const prev = best.get(n.entry);
      if (!prev || score > prev.score) best.set(n.entry, { nameId, score });
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((m) => this.score(q, this.names[m.nameId]!, query.countries, memo));
  }

  /**
   * Finds listed names in free text (news, reports): text words are looked up in the vocabulary,
   * distinctive hits anchor candidate names, and the text window covering a name's hits is compared
   * with the name. See `scanTextForNames`.
   * @returns matches with character spans, in text order; overlapping matches of one entry reduced to
   *   the best.
   */
  scanText(text: string, options: ScreeningOptions = {}): TextMatch[] {
    return scanTextForNames(this, text, options.threshold ?? DEFAULT_THRESHOLD, options.limit ?? 100);
  }

  /** Scores one indexed name against a weighted query (alias kind and country penalties applied). */
  score(q: WeightedName, n: IndexedName, countries?: string[], memo?: SimilarityMemo): ScreeningMatch {
    let best: Comparison = compareWeighted(q, n.weighted, this.stats, memo);
    for (const v of n.variants ?? []) {
      const c = compareWeighted(q, v, this.stats, memo);
      if (c.score > best.score) best = c;
    }
    let score = best.score;
    const penalties: Penalty[] = [...best.penalties];
    const flags: string[] = [];
    if (n.kind === 'weak-aka' || n.quality === 'low') {
      score *= WEAK_ALIAS_FACTOR;
      flags.push(n.quality === 'low' ? 'low-quality-alias' : 'weak-alias');
      penalties.push({ rule: n.quality === 'low' ? 'low-quality-alias' : 'weak-alias', detail: `matched a ${n.quality === 'low' ? 'low-quality' : 'weak'} alias`, factor: WEAK_ALIAS_FACTOR });
    }
    if (countries?.length && n.entry.countries.length && !countries.some((c) => n.entry.countries.includes(c.toUpperCase()))) {
      score *= COUNTRY_DIFFERS_FACTOR;
      penalties.push({ rule: 'country-differs', detail: `${countries.join(',')} vs ${n.entry.countries.join(',')}`, factor: COUNTRY_DIFFERS_FACTOR });
    }
    const e = n.entry;
    return {
      entry: { listId: e.listId, entryId: e.entryId, primaryName: e.primaryName, programs: e.programs, schema: e.schema },
      matchedName: n.value,
      matchedNameKind: n.kind,
      score: Math.round(score * 10000) / 10000,
      flags,
      explanation: { tokens: best.tokens, penalties, legalForms: best.legalForms },
    };
  }

  /** `score(q, n, countries).score` without building the explanation. */
  rawScore(q: WeightedName, n: IndexedName, countries?: string[], memo?: SimilarityMemo): number {
    let score = scoreWeighted(q, n.weighted, this.stats, memo);
    for (const v of n.variants ?? []) score = Math.max(score, scoreWeighted(q, v, this.stats, memo));
    score *= aliasFactor(n);
    if (countries?.length && n.entry.countries.length && !countries.some((c) => n.entry.countries.includes(c.toUpperCase()))) score *= COUNTRY_DIFFERS_FACTOR;
    return Math.round(score * 10000) / 10000;
  }

  /** Vocabulary hits of a token (exact, phonetic, one edit), at least `minSimilarity` similar. */
  lookupToken(token: string, minSimilarity: number) {
    return this.vocabulary.lookup(token, minSimilarity);
  }

  postingsOf(vocabId: number): Int32Array {
    return this.postings[vocabId]!;
  }

  /**
   * Name ids worth a full comparison, ranked by Σ similarity × weight of shared tokens (`shared`), best
   * first, at most `MAX_CANDIDATES`.
   */
  private candidates(q: WeightedName, schema: EntrySchema): { ids: number[]; shared: number[]; queryWeight: number } {
    const acc = this.acc;
    const touched = this.touched;
    let touchedCount = 0;
    let total = 0;
    let queryWeight = 0;
    for (const t of q.tokens) {
      queryWeight += t.weight;
      if ((t.role !== 'core' && t.role !== 'number') || t.weight === 0) continue;
      total += t.weight;
      let hits = this.lookupCache.get(t.text);
      if (!hits) {
        if (this.lookupCache.size >= LOOKUP_CACHE_SIZE) this.lookupCache.clear();
        this.lookupCache.set(t.text, (hits = this.vocabulary.lookup(t.text, CANDIDATE_SIMILARITY, t.key)));
      }
      for (const hit of hits) {
        const w = hit.similarity * Math.max(t.weight, this.stats.weight(this.vocabulary.tokens[hit.id]!));
        const postings = this.postings[hit.id]!;
        for (let k = 0; k < postings.length; k++) {
          const nameId = postings[k]!;
          if (acc[nameId] === 0) touched[touchedCount++] = nameId;
          acc[nameId] += w;
        }
      }
    }
    // A name sharing less than 40 % of the query's weight cannot reach any useful threshold.
    const minimum = total * 0.4;
    const ids: number[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const id = touched[k]!;
      if (acc[id]! >= minimum && compatibleSchemas(schema, this.names[id]!.entry.schema)) ids.push(id);
    }
    ids.sort((a, b) => acc[b]! - acc[a]!);
    if (ids.length > MAX_CANDIDATES) ids.length = MAX_CANDIDATES;
    const shared = ids.map((id) => acc[id]!);
    for (let k = 0; k < touchedCount; k++) acc[touched[k]!] = 0;
    return { ids, shared, queryWeight };
  }
}

/** Score factor of a weak or low-quality alias (1 for other names). */
function aliasFactor(n: IndexedName): number {
  return n.kind === 'weak-aka' || n.quality === 'low' ? WEAK_ALIAS_FACTOR : 1;
}

/**
 * Person queries match Person (and Unknown) entries only; organisation, vessel and aircraft queries
 * match anything but persons; Unknown matches all (DOMAIN.md: a person ≠ an organisation).
 */
export function compatibleSchemas(query: EntrySchema, entry: EntrySchema): boolean {
  if (query === 'Unknown' || entry === 'Unknown') return true;
  return (query === 'Person') === (entry === 'Person');
}
