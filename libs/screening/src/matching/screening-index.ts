import { LRUCache } from 'lru-cache';
import type { EntrySchema, ListSnapshot } from '../model';
import { CONNECTORS } from '../normalise/name-words';
import { prepareName, type PreparedName } from '../normalise/prepare-name';
import { normaliseTokens } from '../normalise/tokens';
import {
  compareWeighted,
  isPosted,
  lastComparisonDistinctivePairs,
  lastComparisonMistypedWords,
  scoreWeighted,
  type Comparison,
  type Penalty,
  type SimilarityMemo,
} from './compare-names';
import { CandidateFinder } from './candidates';
import { forgetCachedPhoneticKeys } from './phonetic';
import { NameTableBuilder, type IndexableEntry, type IndexedEntry, type NameTable } from './name-table';
import type { CorpusTokenStats } from './token-stats';
import type { ScreeningMatch, ScreeningOptions, ScreeningQuery, TextMatch } from './types';
import type { Vocabulary } from './vocabulary';
import { isOneEdit } from './token-similarity';
import { weighName, weighToken, type WeightedName } from './weighted-name';
import { scanTextForNames } from './text-scan';
import type { IndexedName, ScannableIndex } from './indexed-names';

/**
 * Default match threshold (the screening app's `SCREENING_THRESHOLD` default), measured on the evaluation sets in
 * `data/eval/` by `npm run eval` (eval/run-eval.ts): company/vessel pairs, UN names with typos, made-up names, text.
 */
export const DEFAULT_THRESHOLD = 0.85;
/**
 * Score factor for weak a.k.a.s (OFAC remarks, OpenSanctions weakAlias) and UN low-quality aliases, unless the
 * comparison met `WEAK_ALIAS_DISTINCTIVE_PAIRS` of their distinctive words (`aliasFactor`).
 */
export const WEAK_ALIAS_FACTOR = 0.85;
/**
 * A weak alias met on this many distinctive words (`Comparison.distinctivePairs`: two long, non-generic words, each
 * written alike or one typing error apart) is no broad alias: it is scored as any name. OFAC calls weak AKAs
 * "relatively broad" (one word, a title, a kunya such as ABU AHMED); a weak alias two distinctive words long names
 * its entry as well as a strong one does.
 */
export const WEAK_ALIAS_DISTINCTIVE_PAIRS = 2;
/** Score factor when the query's countries and the entry's are both known and disjoint. */
export const COUNTRY_DIFFERS_FACTOR = 0.95;
/**
 * `screenName` answers remembered per index, least recently used first out: reports name the same parties again and
 * again (a supplier in each of a report's claims, a ministry in most reports), and one report's checks ask the same
 * name at two thresholds (name match, front company). An index never changes (a list version builds another).
 */
export const SCREEN_NAME_CACHE_SIZE = 1_024;

export type { IndexedName } from './indexed-names';

/** Build statistics reported by benchmarks. */
export interface IndexStats {
  entries: number;
  names: number;
  vocabulary: number;
  genericTokens: number;
  buildMs: number;
}

/**
 * Builds a `ScreeningIndex` from entries added one at a time (e.g. pages of rows from PostgreSQL), keeping only
 * their compact form (`NameTableBuilder`): the caller need not hold every entry at once.
 */
export class ScreeningIndexBuilder {
  private readonly names = new NameTableBuilder();
  private ms = 0;

  add(entry: IndexableEntry): this {
    const t0 = performance.now();
    this.names.add(entry);
    this.ms += performance.now() - t0;
    return this;
  }

  /** The index over every entry added (the builder must not be used afterwards). */
  build(): ScreeningIndex {
    return new ScreeningIndex(this.finish());
  }

  /** The compact parts of the index (for `ScreeningIndex`'s constructor). */
  finish(): BuiltNames {
    const t0 = performance.now();
    const entries = this.names.entryCount;
    const built = this.names.build();
    return { ...built, entries, buildMs: this.ms + performance.now() - t0 };
  }
}

/** What `ScreeningIndexBuilder.finish` hands the index. */
export interface BuiltNames {
  table: NameTable;
  stats: CorpusTokenStats;
  vocabulary: Vocabulary;
  entries: number;
  buildMs: number;
}

/**
 * In-memory screening index over one or more list snapshots (or entries given to `ScreeningIndexBuilder`).
 * Build: every name and alias of every entry is prepared (`prepareName` with the entry's schema),
 * token document frequencies give IDF weights and the generic-token list (`CorpusTokenStats`), and an
 * inverted index maps vocabulary tokens to names (all held compactly: `NameTable`). Query: query tokens are
 * looked up exactly, phonetically and by one-edit neighbourhood (`Vocabulary.lookup`), names are ranked by
 * weighted overlap, and the best `MAX_CANDIDATES` are scored with `compareWeighted`. Entry score = best name
 * score (never a sum over aliases).
 */
export class ScreeningIndex implements ScannableIndex {
  /** The indexed names (compact; `nameAt` builds one as an object). */
  readonly table: NameTable;
  readonly vocabulary: Vocabulary;
  readonly stats: CorpusTokenStats;
  readonly buildStats: IndexStats;
  private readonly finder: CandidateFinder;
  /** Recent `screenName` answers by query and limit, with the threshold each was computed at (`SCREEN_NAME_CACHE_SIZE`). */
  private readonly recent = new LRUCache<string, { threshold: number; matches: ScreeningMatch[] }>({ max: SCREEN_NAME_CACHE_SIZE });
  /** Entry position by `listId\u0000entryId`, made at the first `findEntry`. */
  private entryPositions?: Map<string, number>;

  /** @param source list snapshots (every entry of each), or what `ScreeningIndexBuilder.finish` made. */
  constructor(source: ListSnapshot[] | BuiltNames = []) {
    let built: BuiltNames;
    if (Array.isArray(source)) {
      const builder = new ScreeningIndexBuilder();
      for (const s of source) for (const entry of s.entries) builder.add(entry);
      built = builder.finish();
    } else built = source;
    this.table = built.table;
    this.vocabulary = built.vocabulary;
    this.stats = built.stats;
    this.finder = new CandidateFinder(this.table, this.vocabulary, this.stats);
    this.buildStats = {
      entries: built.entries,
      names: this.table.size,
      vocabulary: this.vocabulary.size,
      genericTokens: this.stats.genericCount,
      buildMs: Math.round(built.buildMs),
    };
  }

  /** Number of indexed names. */
  get nameCount(): number {
    return this.table.size;
  }

  /** Indexed name `id` (0 ≤ id < `nameCount`), built from the compact table. */
  nameAt(id: number): IndexedName {
    const t = this.table;
    // One shape for every name (absent quality as undefined): this runs per compared candidate.
    return {
      id,
      entry: t.entry(id),
      value: t.value(id),
      kind: t.kind(id),
      quality: t.quality(id),
      weighted: t.weighted(id),
      tokenIds: t.vocabIds(id),
      totalWeight: t.totalWeights[id]!,
    };
  }

  /** The entry with this list and id as the index holds it (see `IndexedEntry`), if it was added. */
  findEntry(listId: string, entryId: string): IndexedEntry | undefined {
    if (!this.entryPositions) {
      this.entryPositions = new Map();
      this.table.entries.forEach((e, i) => this.entryPositions!.set(`${e.listId}\u0000${e.entryId}`, i));
    }
    const i = this.entryPositions.get(`${listId}\u0000${entryId}`);
    return i === undefined ? undefined : this.table.entries[i];
  }

  /**
   * Screens one name against the index.
   * @returns matches with score ≥ threshold, best first, at most `limit` entries (one match per entry:
   *   its best-scoring name). Person queries never match Organization/Vessel/Aircraft entries and vice
   *   versa; `Unknown` on either side matches both. A query with former names in brackets is screened as each of
   *   them too. Exact: every entry a comparison with every indexed name would return is returned (see `candidates`).
   */
  screenName(query: ScreeningQuery, options: ScreeningOptions = {}): ScreeningMatch[] {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const limit = options.limit ?? 10;
    // An answer at a threshold at or below this one holds this one's: the best first, so its matches scoring at least
    // `threshold` are the first `limit` of those (scores do not depend on the threshold, only what is ruled out).
    const key = JSON.stringify([query.name, query.parts ?? null, query.schema ?? 'Unknown', query.countries ?? null, limit]);
    const known = this.recent.get(key);
    if (known && known.threshold <= threshold) return known.matches.filter((m) => m.score >= threshold);
    const matches = this.screenNameUncached(query, threshold, limit);
    this.recent.set(key, { threshold, matches });
    return matches.slice();
  }

  /**
   * Forgets what screening remembers of past queries: `screenName` answers, look-ups of words the lists do not hold,
   * prepared query texts and phonetic keys (the last two for every index of the process). For benchmarks timing the
   * matcher on names it meets for the first time; answers are the same either way.
   */
  forgetRecentAnswers(): void {
    this.recent.clear();
    this.finder.forget();
    preparedQueries.clear();
    forgetCachedPhoneticKeys();
  }

  /** `screenName` computed. */
  private screenNameUncached(query: ScreeningQuery, threshold: number, limit: number): ScreeningMatch[] {
    const best = new Map<number, { q: WeightedName; nameId: number; score: number }>();
    const memo: SimilarityMemo = new Map();
    for (const q of this.queryNames(query)) {
      for (const { nameId, score } of this.scoreCandidates(q, query.schema ?? 'Unknown', query.countries, threshold, memo)) {
        const entry = this.table.entryIndex(nameId);
        const prev = best.get(entry);
        if (!prev || score > prev.score || (score === prev.score && nameId < prev.nameId)) best.set(entry, { q, nameId, score });
      }
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.nameId - b.nameId)
      .slice(0, limit)
      .map((m) => this.score(m.q, this.nameAt(m.nameId), query.countries, memo));
  }

  /**
   * The weighted names a query stands for: the name (its parts when given, the family name marked), each former
   * name written in brackets, and each of them again with a known two-letter word joined by a hyphen read as the
   * connector it is a letter from (xL-Zindani as al-Zindani). Query words no list uses are marked `unknown`.
   */
  queryNames(query: ScreeningQuery): WeightedName[] {
    const schema = query.schema ?? 'Unknown';
    const text = queryText(query);
    const p = preparedQuery(text, schema);
    const hyphenated = hyphenatedPrefixes(text);
    const vowelless = vowellessWords(text);
    const prepared = [p, ...p.variants];
    // A word the lists do not know, one edit from a connector or legal-form word they use (THx, xOO, xPEN JOINT
    // STOCK COMPANY), is that word mistyped: the name is also screened with it, prepared again (a legal form's words
    // are read together).
    for (const corrected of this.functionWordReadings(text, p)) {
      const c = preparedQuery(corrected, schema);
      prepared.push(c, ...c.variants);
    }
    return prepared.flatMap((v) => {
      const w = weighName(v, this.stats);
      const alternatives: WeightedName[] = [];
      const firstCore = w.tokens.findIndex((t) => t.role === 'core');
      const coreCount = w.tokens.filter((t) => t.role === 'core').length;
      w.tokens = w.tokens.map((t, i) => {
        if (t.role !== 'core') return t;
        const known = this.vocabulary.id(t.text) !== undefined;
        const connectors = mistypedConnectors(t.text);
        // A word the lists do not know, one letter from a connector, is that connector mistyped (xl Fiqar).
        // A word they know written joined to the next as an article, or beginning a company's, vessel's or
        // aircraft's name of several words, may be (xl is listed: XL AVIATION), so the name is also screened with the
        // connector (xL-Zindani, xL QAEDA). Not every known short word, and not a person's first word: Chinese and
        // Korean syllables are a letter from connectors (Wu/wa, Je/de: made-up names alerted when read so); a word
        // with no vowel is no syllable (xL Fiqar).
        if (!known && connectors.length > 0) return weighToken({ text: connectors[0]!, role: 'connector' }, this.stats);
        if (
          known &&
          connectors.length > 0 &&
          (hyphenated.has(t.text) ||
            (coreCount >= 2 && vowelless.has(t.text)) ||
            (i === firstCore && coreCount >= 2 && ORGANISATIONAL_SCHEMAS.has(schema)))
        ) {
          for (const c of connectors)
            alternatives.push({
              ...w,
              tokens: w.tokens.map((u, k) => (k === i ? weighToken({ text: c, role: 'connector' }, this.stats) : u)),
            });
        }
        return known ? t : { ...t, unknown: true };
      });
      return [
        w,
        ...alternatives.map((a) => ({
          ...a,
          tokens: a.tokens.map((t) => (t.role === 'core' && this.vocabulary.id(t.text) === undefined ? { ...t, unknown: true } : t)),
        })),
      ];
    });
  }

  /**
   * `text` with one word the vocabulary lacks (a core word of ≥ 3 letters) replaced by a connector or legal-form word
   * of the lists one edit from it (`NameTable.functionWords`), one text per such replacement (at most
   * `MAX_FUNCTION_WORD_READINGS`).
   */
  private functionWordReadings(text: string, p: PreparedName): string[] {
    const out: string[] = [];
    const words = this.table.functionWords();
    for (const t of p.tokens) {
      if (t.role !== 'core' || t.text.length < 3 || this.vocabulary.id(t.text) !== undefined) continue;
      for (let length = t.text.length - 1; length <= t.text.length + 1; length++) {
        for (const u of words.get(length) ?? []) {
          if (!isOneEdit(t.text, u) || out.length >= MAX_FUNCTION_WORD_READINGS) continue;
          const replaced = replaceWord(text, t.text, u);
          if (replaced !== undefined) out.push(replaced);
        }
      }
    }
    return out;
  }

  /**
   * Every indexed name scoring ≥ `threshold` against `q` (`rawScore`), comparing every name: what `screenName` falls
   * back to when a threshold is too low for candidate generation's bound (`CandidateFinder.find` answers `'all'`).
   */
  private scoreAll(
    q: WeightedName,
    schema: EntrySchema,
    countries: string[] | undefined,
    threshold: number,
    memo: SimilarityMemo = new Map(),
  ): Array<{ nameId: number; score: number }> {
    const out: Array<{ nameId: number; score: number }> = [];
    if (!q.tokens.some((tok) => isPosted(tok) && tok.weight > 0)) return out;
    for (let id = 0; id < this.table.size; id++) {
      if (!compatibleSchemas(schema, this.table.entry(id).schema)) continue;
      const score = this.rawScore(q, this.nameAt(id), countries, memo);
      if (score >= threshold) out.push({ nameId: id, score });
    }
    return out;
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
    const best: Comparison = compareWeighted(q, n.weighted, this.stats, memo);
    let score = best.score;
    const penalties: Penalty[] = [...best.penalties];
    const flags: string[] = [];
    if (aliasFactor(n, best.distinctivePairs) < 1) {
      score = weakAliasScore(score, best.mistypedWords);
      flags.push(n.quality === 'low' ? 'low-quality-alias' : 'weak-alias');
      penalties.push({
        rule: n.quality === 'low' ? 'low-quality-alias' : 'weak-alias',
        detail: `matched a ${n.quality === 'low' ? 'low-quality' : 'weak'} alias`,
        factor: WEAK_ALIAS_FACTOR,
      });
    }
    if (countries?.length && n.entry.countries.length && !countries.some((c) => n.entry.countries.includes(c.toUpperCase()))) {
      score *= COUNTRY_DIFFERS_FACTOR;
      penalties.push({
        rule: 'country-differs',
        detail: `${countries.join(',')} vs ${n.entry.countries.join(',')}`,
        factor: COUNTRY_DIFFERS_FACTOR,
      });
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

  /** `score(q, n, countries).score` without building the explanation; `mayGlue` as for `scoreWeighted`. */
  rawScore(q: WeightedName, n: IndexedName, countries?: string[], memo?: SimilarityMemo, mayGlue: boolean | number = true): number {
    let score = scoreWeighted(q, n.weighted, this.stats, memo, mayGlue);
    if (aliasFactor(n, lastComparisonDistinctivePairs()) < 1) score = weakAliasScore(score, lastComparisonMistypedWords());
    if (countries?.length && n.entry.countries.length && !countries.some((c) => n.entry.countries.includes(c.toUpperCase())))
      score *= COUNTRY_DIFFERS_FACTOR;
    return Math.round(score * 10000) / 10000;
  }

  /** Vocabulary hits of a token (exact, phonetic, one edit), at least `minSimilarity` similar. */
  lookupToken(token: string, minSimilarity: number) {
    return this.vocabulary.lookup(token, minSimilarity);
  }

  /** Ids of the names holding vocabulary token `vocabId`, ascending (a view into the index: do not keep). */
  postingsOf(vocabId: number): Int32Array {
    return this.table.namesWith(vocabId);
  }

  /** The indexed names scoring ≥ `threshold` against `q`, with their scores: those `CandidateFinder` cannot rule out. */
  private scoreCandidates(
    q: WeightedName,
    schema: EntrySchema,
    countries: string[] | undefined,
    threshold: number,
    memo: SimilarityMemo,
  ): Array<{ nameId: number; score: number }> {
    const candidates = this.finder.find(q, threshold);
    if (candidates === 'all') return this.scoreAll(q, schema, countries, threshold, memo);
    const out: Array<{ nameId: number; score: number }> = [];
    for (const id of candidates.ids) {
      if (!compatibleSchemas(schema, this.table.entry(id).schema)) continue;
      const score = this.rawScore(q, this.nameAt(id), countries, memo, candidates.glued.get(id) ?? 0);
      if (score >= threshold) out.push({ nameId: id, score });
    }
    return out;
  }
}

const ORGANISATIONAL_SCHEMAS: ReadonlySet<EntrySchema> = new Set(['Organization', 'Vessel', 'Aircraft']);

/** Query texts prepared lately, by schema and text (least recently used out): shared by every index of the process. */
const preparedQueries = new LRUCache<string, PreparedName>({ max: SCREEN_NAME_CACHE_SIZE });

/**
 * `prepareName(text, schema)` of a query, remembered (`SCREEN_NAME_CACHE_SIZE` texts): it does not depend on the index,
 * and one report's checks ask several indexes about the same party (the lists' names, the related parties').
 * The prepared name is shared: read it, never change it.
 */
function preparedQuery(text: string, schema: EntrySchema): PreparedName {
  const key = `${schema}\u0000${text}`;
  let p = preparedQueries.get(key);
  if (!p) preparedQueries.set(key, (p = prepareName(text, schema)));
  return p;
}

/** Most texts `functionWordReadings` screens a query as besides its own. */
const MAX_FUNCTION_WORD_READINGS = 3;

/** `text` with its first word that normalises to `word` replaced by `by` (undefined when no word does). */
function replaceWord(text: string, word: string, by: string): string | undefined {
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    if (normaliseTokens(m[0]).join('') === word) return text.slice(0, m.index) + by + text.slice(m.index + m[0].length);
  }
  return undefined;
}

/** Normalised words of two letters written joined to the next word by a hyphen (al-Qaida, xL-ZINDANI → al, xl). */
function hyphenatedPrefixes(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\p{L}{2})\s*[-‐‑–]\s*\p{L}/gu)) out.add(normaliseTokens(m[1]!).join(''));
  return out;
}

/**
 * The 2-letter words of `text` written in Latin letters with no vowel (a, e, i, o, u, y) and standing alone (not
 * part of an abbreviation with full stops, R.L., nor of a number, 71ST): no syllable of a name, so most likely a
 * mistyped connector (xL FIQAR). Words a reading of another script gives (Arabic consonants: bn) are not written so.
 */
function vowellessWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}.])(\p{Script=Latin}{2})(?![\p{L}\p{N}.])/gu)) {
    const word = normaliseTokens(m[1]!).join('');
    if (!/[aeiouy]/.test(word)) out.add(word);
  }
  return out;
}

/**
 * The two-letter connectors (`CONNECTORS`: al, el, de…) that `word` is one replaced letter from, none when `word` is
 * a connector itself (longer words are names or syllables: Jin is no Bin, Dao no Das).
 */
function mistypedConnectors(word: string): string[] {
  if (word.length !== 2 || CONNECTORS.has(word)) return [];
  const out: string[] = [];
  for (const c of CONNECTORS) if (c.length === word.length && isOneEdit(word, c)) out.push(c);
  return out;
}

/**
 * The text a query is prepared from: its name, or, when parts are given, `FAMILY, given middle patronymic` so that
 * `prepareName` marks the family name (as it does for lists' `SURNAME, Given`).
 */
export function queryText(query: ScreeningQuery): string {
  const p = query.parts;
  if (!p || !p.family?.trim()) return query.name;
  const rest = [p.given, p.middle, p.patronymic]
    .map((x) => x?.replace(/,/g, ' ').trim())
    .filter(Boolean)
    .join(' ');
  const family = p.family.replace(/,/g, ' ').trim();
  return rest ? `${family}, ${rest}` : family;
}

/**
 * Score factor of a weak or low-quality alias met on fewer than `WEAK_ALIAS_DISTINCTIVE_PAIRS` distinctive words
 * (`distinctivePairs` of the comparison); 1 for other names.
 */
export function aliasFactor(n: Pick<IndexedName, 'kind' | 'quality'>, distinctivePairs: number): number {
  return (n.kind === 'weak-aka' || n.quality === 'low') && distinctivePairs < WEAK_ALIAS_DISTINCTIVE_PAIRS ? WEAK_ALIAS_FACTOR : 1;
}

/**
 * Score of a comparison with a weak or low-quality alias (`aliasFactor` < 1): × `WEAK_ALIAS_FACTOR`, so that only
 * the alias written as listed reaches the default threshold; when the query mistyped one of its words (a word no list
 * uses, one edit from the alias's: `Comparison.mistypedWords`), capped at `WEAK_ALIAS_FACTOR` instead. A mistyped
 * alias is not a broader one: its score is that of the alias as listed, less what the typo costs, never more.
 */
export function weakAliasScore(score: number, mistypedWords: number): number {
  return mistypedWords > 0 ? Math.min(score, WEAK_ALIAS_FACTOR) : score * WEAK_ALIAS_FACTOR;
}

/**
 * Person queries match Person (and Unknown) entries only; organisation, vessel and aircraft queries
 * match anything but persons; Unknown matches all (DOMAIN.md: a person ≠ an organisation).
 */
export function compatibleSchemas(query: EntrySchema, entry: EntrySchema): boolean {
  if (query === 'Unknown' || entry === 'Unknown') return true;
  return (query === 'Person') === (entry === 'Person');
}
