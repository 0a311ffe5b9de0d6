import {
  GLUED_CANDIDATE_RUNS,
  GLUED_LENGTH_SLACK,
  GLUED_QUERY_RUNS,
  GLUED_SHIFTED,
  GLUED_SOUND_JW,
  isPosted,
  UNMATCHED_LISTED_PART_FACTOR,
} from './compare-names';
import { jaroWinkler } from './jaro-winkler';
import { forEachGluedRun, MIN_GLUED_LENGTH, tokenRuns } from './glued-runs';
import { gluedMerge } from './glued-merge';
import type { NameTable } from './name-table';
import { cachedPhoneticKey } from './phonetic';
import { querySimilarity } from './token-similarity';
import type { TokenStats } from './token-stats';
import type { Vocabulary, VocabHits } from './vocabulary';
import type { WeightedName } from './weighted-name';

const ORGANISATIONAL = new Set(['Organization', 'Vessel', 'Aircraft']);
const HAS_DIGIT = /\d/;
/** Query tokens whose vocabulary hits are remembered (names repeat tokens: Mohammad, Trading, Ivan…). */
const LOOKUP_CACHE_SIZE = 20_000;
/**
 * Names with more of their weight than this in unposted tokens are bounded one by one on every query, so that the
 * bound for the others can assume at most this share (105 of the bundled lists' 42k names exceed 0.1: long remarks
 * in brackets).
 */
export const UNPOSTED_SHARE_CAP = 0.1;
/** Scores are rounded to 4 decimals: a bound this far below the threshold may still round up to it. */
export const SCORE_EPSILON = 1e-4;

/**
 * Finds the indexed names that may score at least a threshold against a query, and provably no fewer.
 *
 * Why it is exact: token pairs outside `areRelated` have similarity 0 and `Vocabulary.lookup` enumerates every
 * related vocabulary token, and `compareWeighted` aligns core and number tokens (the posted ones) only with each
 * other and each token at most once. So a name's score is at most the Dice coefficient it would have if each query
 * token met its best hit in the name and every connector and annotation matched fully:
 *   bound = (Σ_query best s·w_query + Σ_query best s·w_name + U_query + U_name) / (W_query + W_name)
 * (U: weight of unposted tokens, W: all weight; penalties, caps and alias factors only lower a score; between persons
 * an unmatched listed part weighs f = `UNMATCHED_LISTED_PART_FACTOR`, so W_name becomes f·W_name + (1 − f)·(matched)).
 * Query tokens are split as in MaxScore (Turtle & Flood 1995): the tokens with the most postings are *non-essential*
 * while a name matched by them alone cannot reach the threshold, whatever its other tokens
 * (`nonEssentialBound`); only the postings of the other, *essential* tokens are walked, and each name met there is
 * bounded with every hit it holds. The few names with much of their weight in remarks are bounded on every query.
 * Names a comparison may re-split glued words in are checked (`gluedMerge`): when a run of query tokens would merge
 * into one of the name's words, the bound counts the merged pair at similarity 1 instead of the run; when runs of
 * the name merge into query words, the bound reads the merged name (each merged word's similarity to every query
 * term); names where both sides or shifted splits change are always compared. When the threshold is below what unposted
 * tokens alone could give, `find` answers `'all'`.
 */
export class CandidateFinder {
  private readonly lookupCache = new Map<string, VocabHits>();
  private readonly mergedHitsCache = new Map<string, Map<number, number>>();
  /** Per name: visited by the current query (reused: one query at a time). */
  private readonly seen: Uint8Array;
  /** Per vocabulary token: its first hit of the current query (−1: none). */
  private readonly hitHead: Int32Array;
  /** Largest share of a name's weight held by tokens without postings (connectors, annotations), but outliers. */
  readonly unpostedShare: number;
  /** Names above `UNPOSTED_SHARE_CAP`. */
  private readonly outliers: number[] = [];
  /** The outliers holding each vocabulary token (only tokens some outlier holds). */
  private readonly outliersWith = new Map<number, number[]>();

  constructor(
    private readonly table: NameTable,
    private readonly vocabulary: Vocabulary,
    private readonly stats: TokenStats,
  ) {
    this.seen = new Uint8Array(table.size);
    this.hitHead = new Int32Array(vocabulary.size).fill(-1);
    let share = 0;
    for (let id = 0; id < table.size; id++) {
      const s = table.unpostedWeights[id]! / table.totalWeights[id]!;
      if (s > UNPOSTED_SHARE_CAP) this.outliers.push(id);
      else share = Math.max(share, s);
    }
    this.unpostedShare = share;
    for (const id of this.outliers)
      for (let k = table.vocabStart[id]!, end = table.vocabStart[id + 1]!; k < end; k++) {
        const v = table.vocabIdList[k]!;
        const holders = this.outliersWith.get(v);
        if (!holders) this.outliersWith.set(v, [id]);
        else if (holders[holders.length - 1] !== id) holders.push(id);
      }
  }

  /**
   * Name ids that may score ≥ `threshold` against `q` (ascending) and those among them a comparison may re-split
   * glued words in (for the others `splitGlued` changes nothing), or `'all'` when no bound applies.
   */
  find(q: WeightedName, threshold: number): Candidates | 'all' {
    const limit = threshold - SCORE_EPSILON;
    let queryWeight = 0;
    let queryUnposted = 0;
    for (const tok of q.tokens) {
      queryWeight += tok.weight;
      if (!isPosted(tok)) queryUnposted += tok.weight;
    }
    // A name is a name by its core and number tokens: a query without any (a legal form, a connector) is none.
    if (queryWeight - queryUnposted <= 0) return { ids: [], glued: new Map() };
    // Between persons a listed part left unmatched counts at a fraction of its weight (`UNMATCHED_LISTED_PART_FACTOR`).
    const personal = !ORGANISATIONAL.has(q.prepared.schema);
    const unmatched = personal ? UNMATCHED_LISTED_PART_FACTOR : 1;
    const share = this.unpostedShare / (this.unpostedShare + unmatched * (1 - this.unpostedShare));
    if (limit <= Math.max(queryUnposted / queryWeight, share)) return 'all';

    const t = this.table;
    const terms = this.terms(q);
    // Hits by vocabulary id, as linked lists in typed arrays (this is read for every name met).
    let hitCount = 0;
    for (const term of terms) hitCount += term.hits.ids.length;
    const hitTerm = new Int32Array(hitCount);
    const hitSimilarity = new Float64Array(hitCount);
    const hitNext = new Int32Array(hitCount);
    const head = this.hitHead;
    let e = 0;
    terms.forEach((term, k) => {
      const { ids, similarities } = term.hits;
      for (let i = 0; i < ids.length; i++) {
        hitTerm[e] = k;
        hitSimilarity[e] = similarities[i]!;
        hitNext[e] = head[ids[i]!]!;
        head[ids[i]!] = e++;
      }
    });
    const essential = this.essentialHits(terms, queryWeight, queryUnposted, limit);

    const seen = this.seen;
    const { vocabStart, vocabIdList, maxVocabWeight } = t;
    const termWeight = Float64Array.from(terms, (x) => x.weight);
    const visited: number[] = [];
    const out: number[] = [];
    const bestQuery = new Float64Array(terms.length);
    const bestName = new Float64Array(terms.length);
    const consider = (id: number, glued: number) => {
      if (seen[id]) return;
      seen[id] = 1;
      visited.push(id);
      bestQuery.fill(0);
      bestName.fill(0);
      // The name's most similar hit: each matched name token weighs at least its contribution / this.
      let maxSimilarity = 0;
      for (let k = vocabStart[id]!, end = vocabStart[id + 1]!; k < end; k++) {
        const v = vocabIdList[k]!;
        const w = maxVocabWeight[v]!;
        for (let h = head[v]!; h !== -1; h = hitNext[h]!) {
          const term = hitTerm[h]!;
          const similarity = hitSimilarity[h]!;
          if (similarity > maxSimilarity) maxSimilarity = similarity;
          if (similarity * termWeight[term]! > bestQuery[term]!) bestQuery[term] = similarity * termWeight[term]!;
          if (similarity * w > bestName[term]!) bestName[term] = similarity * w;
        }
      }
      let x = 0;
      let y = 0;
      for (let k = 0; k < terms.length; k++) {
        x += bestQuery[k]!;
        y += bestName[k]!;
      }
      const nameWeight = t.totalWeights[id]!;
      const nameUnposted = t.unpostedWeights[id]!;
      if (glued) {
        const merge = gluedMerge(q, t.weighted(id).tokens, this.stats, glued);
        if (merge === 'compare') {
          out.push(id);
          return;
        }
        if (merge && 'nameTokens' in merge) {
          // The name's runs became query words: the name's weights are the merged tokens', and each merged word is
          // bounded by its similarity to every query term (the most forgiving: a personal name, an unknown word). The
          // run's own hits stay in the bound (they only raise it).
          let mergedWeight = 0;
          let mergedUnposted = 0;
          const original = t.weighted(id).tokens;
          for (const tok of merge.nameTokens) {
            mergedWeight += tok.weight;
            if (!isPosted(tok)) mergedUnposted += tok.weight;
            if (!isPosted(tok) || original.includes(tok)) continue;
            for (let i = 0; i < q.tokens.length; i++) {
              const term = termOf[i]!;
              if (term < 0) continue;
              const qt = q.tokens[i]!;
              const similarity = querySimilarity(qt.text, tok.text, qt.key, tok.key, true, true);
              if (similarity <= 0) continue;
              if (similarity > maxSimilarity) maxSimilarity = similarity;
              if (similarity * termWeight[term]! > bestQuery[term]!) bestQuery[term] = similarity * termWeight[term]!;
              if (similarity * tok.weight > bestName[term]!) bestName[term] = similarity * tok.weight;
            }
          }
          let mx = 0;
          let my = 0;
          for (let k = 0; k < terms.length; k++) {
            mx += bestQuery[k]!;
            my += bestName[k]!;
          }
          const matched = Math.min(my, mergedWeight - mergedUnposted);
          const matchedWeight = Math.min(matched / Math.max(maxSimilarity, 1 - unmatched), mergedWeight - mergedUnposted);
          const bound =
            (Math.min(mx, queryWeight - queryUnposted) + matched + queryUnposted + mergedUnposted) /
            (queryWeight + unmatched * mergedWeight + (1 - unmatched) * (matchedWeight + mergedUnposted));
          if (bound >= limit) out.push(id);
          return;
        }
        if (merge) {
          // The query run becomes one token (the name's word): its terms leave the bound, and the merged token counts
          // at similarity 1 on the query side and at its best hit in the name on the name side.
          let runX = 0;
          let runY = 0;
          let runWeight = 0;
          let runUnposted = 0;
          for (let i = merge.from; i <= merge.to; i++) {
            const tok = q.tokens[i]!;
            runWeight += tok.weight;
            if (termOf[i]! >= 0) {
              runX += bestQuery[termOf[i]!]!;
              runY += bestName[termOf[i]!]!;
            } else runUnposted += tok.weight;
          }
          const merged = this.stats.weight(merge.text);
          let mergedName = merge.nameWeight;
          const mergedHits = this.mergedHits(merge.text);
          for (let k = vocabStart[id]!, end = vocabStart[id + 1]!; k < end; k++) {
            const s = mergedHits.get(vocabIdList[k]!);
            if (s !== undefined && s * maxVocabWeight[vocabIdList[k]!]! > mergedName) mergedName = s * maxVocabWeight[vocabIdList[k]!]!;
          }
          const qW = queryWeight - runWeight + merged;
          const qU = queryUnposted - runUnposted;
          const mx = Math.min(x - runX + merged, qW - qU);
          const my = Math.min(y - runY + mergedName, nameWeight - nameUnposted);
          const bound = (mx + my + qU + nameUnposted) / (qW + unmatched * nameWeight + (1 - unmatched) * (my + nameUnposted));
          if (bound >= limit) out.push(id);
          return;
        }
      }
      // den = W_q + matched name weight + unmatched × its weight ≥ W_q + unmatched·W_n + (1 − unmatched)·(m + U_n),
      // where the matched weight m ≥ y / s (s: the name's most similar hit; an initial's words weigh ≥ y / 0.7). The
      // bound rises with y as long as s ≥ 1 − unmatched (numerator ≤ denominator), so s is taken at least that.
      const matchedName = Math.min(y, nameWeight - nameUnposted);
      const matchedWeight = Math.min(matchedName / Math.max(maxSimilarity, 1 - unmatched), nameWeight - nameUnposted);
      const bound =
        (Math.min(x, queryWeight - queryUnposted) + matchedName + queryUnposted + nameUnposted) /
        (queryWeight + unmatched * nameWeight + (1 - unmatched) * (matchedWeight + nameUnposted));
      if (bound >= limit) out.push(id);
    };
    const termOf: number[] = [];
    for (const tok of q.tokens) termOf.push(isPosted(tok) && tok.weight > 0 ? termOf.filter((k) => k >= 0).length : -1);
    const glued = this.gluedCandidates(q);
    for (const [id, steps] of glued) consider(id, steps);
    // An outlier holding a hit is bounded with its hits; one holding none by its unposted weights alone (x = y = 0).
    for (const term of terms) for (const v of term.hits.ids) for (const id of this.outliersWith.get(v) ?? []) consider(id, 0);
    for (const id of this.outliers) {
      if (seen[id]) continue;
      const nameWeight = t.totalWeights[id]!;
      const nameUnposted = t.unpostedWeights[id]!;
      const bound = (queryUnposted + nameUnposted) / (queryWeight + unmatched * nameWeight + (1 - unmatched) * nameUnposted);
      if (bound >= limit) out.push(id);
    }
    for (const v of essential) for (const id of t.namesWith(v)) consider(id, 0);
    for (const id of visited) seen[id] = 0;
    for (const term of terms) for (const v of term.hits.ids) head[v] = -1;
    return { ids: out.sort((a, b) => a - b), glued };
  }

  /** Forgets the look-ups and merged words remembered from past queries (`ScreeningIndex.forgetRecentAnswers`). */
  forget(): void {
    this.lookupCache.clear();
    this.mergedHitsCache.clear();
  }

  /** Similarity by vocabulary id of every token related to `text` (a listed word a query run merges into). */
  private mergedHits(text: string): Map<number, number> {
    let hits = this.mergedHitsCache.get(text);
    if (!hits) {
      if (this.mergedHitsCache.size >= LOOKUP_CACHE_SIZE) this.mergedHitsCache.clear();
      const v = this.vocabulary.id(text);
      const { ids, similarities } = this.hitsOf(text, v === undefined ? cachedPhoneticKey(text) : this.vocabulary.keys[v]!);
      hits = new Map();
      for (let i = 0; i < ids.length; i++) hits.set(ids[i]!, similarities[i]!);
      this.mergedHitsCache.set(text, hits);
    }
    return hits;
  }

  /** Vocabulary hits of a query token (every related token, similarity > 0), cached for repeated tokens. */
  private hitsOf(text: string, key: string): VocabHits {
    let hits = this.lookupCache.get(text);
    if (!hits) {
      if (this.lookupCache.size >= LOOKUP_CACHE_SIZE) this.lookupCache.clear();
      this.lookupCache.set(text, (hits = this.vocabulary.hits(text, key)));
    }
    return hits;
  }

  /** The query's posted tokens with their hits, postings volume and largest possible contributions. */
  private terms(q: WeightedName): Term[] {
    const t = this.table;
    const terms: Term[] = [];
    for (const tok of q.tokens) {
      if (!isPosted(tok) || tok.weight === 0) continue;
      const hits = this.hitsOf(tok.text, tok.key);
      let postings = 0;
      let name = 0;
      for (let i = 0; i < hits.ids.length; i++) {
        const v = hits.ids[i]!;
        postings += t.postingStart[v + 1]! - t.postingStart[v]!;
        name = Math.max(name, hits.similarities[i]! * t.maxVocabWeight[v]!);
      }
      terms.push({ weight: tok.weight, hits, postings, maxQuery: hits.ids.length ? hits.similarities[0]! * tok.weight : 0, maxName: name });
    }
    return terms;
  }

  /**
   * Vocabulary ids of the hits whose postings must be walked (MaxScore over single hits rather than whole terms):
   * the others, tried from the most postings down, are non-essential while a name holding only them stays below
   * `limit` (a hit that would lift it above is walked, and the next one tried). Per term a name's tokens pair with one query token, so a non-essential set contributes at most each
   * term's best hit among them; and the names' matched tokens weigh at least that contribution divided by the set's
   * largest similarity (an initial's 0.7: the words it begins are never walked for a query whose other words miss).
   */
  private essentialHits(terms: Term[], queryWeight: number, queryUnposted: number, limit: number): number[] {
    const weights = this.table.maxVocabWeight;
    const postingStart = this.table.postingStart;
    let count = 0;
    for (const term of terms) count += term.hits.ids.length;
    const hitTerm = new Int32Array(count);
    const hitId = new Int32Array(count);
    const hitSimilarity = new Float64Array(count);
    const postings = new Int32Array(count);
    let n = 0;
    terms.forEach((term, k) => {
      const { ids, similarities } = term.hits;
      for (let i = 0; i < ids.length; i++) {
        hitTerm[n] = k;
        hitId[n] = ids[i]!;
        hitSimilarity[n] = similarities[i]!;
        postings[n++] = postingStart[ids[i]! + 1]! - postingStart[ids[i]!]!;
      }
    });
    // Most postings first, then the lower vocabulary id, then the earlier hit.
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((a, b) => postings[b]! - postings[a]! || hitId[a]! - hitId[b]! || a - b);
    const bestQuery = new Float64Array(terms.length);
    const bestName = new Float64Array(terms.length);
    let x = 0;
    let y = 0;
    let similarity = 0;
    const out: number[] = [];
    for (let o = 0; o < count; o++) {
      const u = order[o]!;
      const term = hitTerm[u]!;
      const q = hitSimilarity[u]! * terms[term]!.weight;
      const nw = hitSimilarity[u]! * weights[hitId[u]!]!;
      const nx = x + Math.max(0, q - bestQuery[term]!);
      const ny = y + Math.max(0, nw - bestName[term]!);
      const ns = Math.max(similarity, hitSimilarity[u]!);
      // Any set whose bound stays below the limit will do: a hit that would lift it is walked, and the next tried.
      if (this.nonEssentialBound(nx, ny, ns, queryWeight, queryUnposted) >= limit) {
        out.push(hitId[u]!);
        continue;
      }
      x = nx;
      y = ny;
      similarity = ns;
      if (q > bestQuery[term]!) bestQuery[term] = q;
      if (nw > bestName[term]!) bestName[term] = nw;
    }
    return out;
  }

  /**
   * The largest score of a name matched by non-essential hits only, whose best contributions sum to `x` (query
   * side) and at most `y` (name side), none more similar than `similarity`: its matched tokens weigh m ≥ y′ /
   * similarity (y′ ≤ y its true name side), it holds at most `unpostedShare` of its weight in unposted tokens, all
   * of them matched, and no other token (each taken at its largest, which only raises the ratio). The ratio is
   * monotone in y′, so its largest value is at y′ = 0 or y′ = y.
   */
  private nonEssentialBound(x: number, y: number, similarity: number, queryWeight: number, queryUnposted: number): number {
    const a = Math.min(x, queryWeight - queryUnposted) + queryUnposted;
    if (similarity <= 0) return a / queryWeight;
    const matched = y / similarity;
    const unposted = (matched * this.unpostedShare) / (1 - this.unpostedShare);
    return Math.max(a / queryWeight, (a + y + unposted) / (queryWeight + matched + unposted));
  }

  /**
   * Names a comparison with `q` may re-split glued words in (`splitGlued`), with the steps that may change the pair
   * (`GLUED_*` flags): those holding a run of tokens that, written together, is a core token of the query (or has
   * its phonetic key, for runs of names), those holding a token that is a run of query tokens written together (or
   * has its key), and those holding a run of two tokens that are two neighbouring query names split elsewhere.
   */
  private gluedCandidates(q: WeightedName): Map<number, number> {
    const out = new Map<number, number>();
    let step = 0;
    const add = (id: number) => void out.set(id, (out.get(id) ?? 0) | step);
    step = GLUED_CANDIDATE_RUNS;
    for (const tok of q.tokens) {
      if (tok.role !== 'core' || tok.text.length < MIN_GLUED_LENGTH) continue;
      this.table.namesGluing(tok.text, add);
      this.table.namesGluingKey(tok.key, add);
    }
    if (q.tokens.length >= 2) {
      // Made once here, read by every comparison of this query that merges its runs (`mergeRuns`).
      tokenRuns(q.tokens, (i) => isPosted(q.tokens[i]!));
      step = GLUED_QUERY_RUNS;
      forEachGluedRun(
        q.tokens.map((x) => x.text),
        (run, allNamed) => {
          // A run merges into a listed word written alike, or sounding alike, as long (± the slack) and as close by
          // Jaro-Winkler as `mergeRuns` asks: a run no listed word is that long is none (most runs of long names).
          if (!this.vocabulary.holdsLengthWithin(run.length - GLUED_LENGTH_SLACK, run.length + GLUED_LENGTH_SLACK)) return;
          const v = this.vocabulary.id(run);
          if (v !== undefined) for (const id of this.table.namesWith(v)) add(id);
          if (allNamed && !HAS_DIGIT.test(run))
            this.vocabulary.forKey(cachedPhoneticKey(run), (k) => {
              const word = this.vocabulary.tokens[k]!;
              if (Math.abs(word.length - run.length) > GLUED_LENGTH_SLACK || jaroWinkler(run, word) < GLUED_SOUND_JW) return;
              for (const id of this.table.namesWith(k)) add(id);
            });
        },
        q.tokens.map(isPosted),
      );
      // Two neighbouring names or numbers split elsewhere on both sides (`mergeShifted`: letters alike).
      step = GLUED_SHIFTED;
      for (let i = 0; i + 1 < q.tokens.length; i++) {
        const a = q.tokens[i]!;
        const b = q.tokens[i + 1]!;
        if (!isPosted(a) || !isPosted(b) || a.text.length + b.text.length < MIN_GLUED_LENGTH) continue;
        const run = a.text + b.text;
        for (let at = 1; at < run.length; at++) if (at !== a.text.length) this.table.namesSplitting(run, at, add);
      }
    }
    return out;
  }
}

/**
 * What `CandidateFinder.find` answers: candidate name ids, ascending, and a superset of the names that may glue,
 * each with the `splitGlued` steps (`GLUED_*` flags) that may change it (absent: none).
 */
export interface Candidates {
  ids: number[];
  glued: ReadonlyMap<number, number>;
}

/** A posted query token as candidate generation sees it. */
interface Term {
  weight: number;
  hits: VocabHits;
  /** Σ postings of its hits: the cost of walking them. */
  postings: number;
  /** Its largest contribution to a bound's query side (s · w) and name side (s · the hit token's largest weight). */
  maxQuery: number;
  maxName: number;
}
