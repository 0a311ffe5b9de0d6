import type { LegalFormMatch } from '../normalise/legal-forms';
import type { PreparedName } from '../normalise/prepare-name';
import type { TokenStats } from './token-stats';
import { knownTokenRuns, MAX_GLUED_RUN, MIN_GLUED_LENGTH, type TokenRun } from './glued-runs';
import { cachedPhoneticKey } from './phonetic';
import { jaroWinkler } from './jaro-winkler';
import { isOneEdit, isSuffixVariant, isTypingError, querySimilarity } from './token-similarity';
import { weighName, weighToken, type WeightedName, type WeightedToken } from './weighted-name';

/** One aligned (or unaligned: empty partner, similarity 0) token pair of an explanation. */
export interface TokenExplanation {
  query: string;
  candidate: string;
  similarity: number;
  /** Sum of both tokens' weights: their share of the score. */
  weight: number;
}

/** A rule that lowered the score: a factor (multiplied) or a cap (upper bound). */
export interface Penalty {
  rule:
    | 'numbers-differ'
    | 'name-order'
    | 'single-word'
    | 'token-differs'
    | 'extra-token'
    | 'legal-form-differs'
    | 'single-token'
    | 'generic-tokens-only'
    | 'weak-alias'
    | 'low-quality-alias'
    | 'country-differs';
  detail: string;
  factor?: number;
  cap?: number;
}

export interface LegalFormExplanation {
  query: string[];
  candidate: string[];
  /** null when one side has no legal form. */
  compatible: boolean | null;
}

export interface Comparison {
  score: number;
  tokens: TokenExplanation[];
  penalties: Penalty[];
  legalForms: LegalFormExplanation;
  /**
   * Aligned pairs of distinctive words: both core and significant (the query's may be a word the lists do not
   * know), both of ≥ `DISTINCTIVE_MIN_LENGTH` letters, similarity ≥ `STRONG_SIMILARITY`.
   */
  distinctivePairs: number;
  /**
   * Aligned core pairs of a query word the lists do not know and a listed word one edit from it (Mxhmud / Mahmud):
   * the query mistyped that word. Counted when both have ≥ `MISTYPED_WORD_MIN_LENGTH` letters, or ≥ 3 and another
   * core pair is written alike.
   */
  mistypedWords: number;
}

/** Pairs at or above this similarity count as "matched" for the guards. */
export const STRONG_SIMILARITY = 0.7;
/** A single shared token never lifts a multi-token comparison above this. */
export const SINGLE_TOKEN_CAP = 0.6;
/** Generic tokens alone never lift a comparison above this. */
export const GENERIC_ONLY_CAP = 0.5;
export const NUMBERS_DIFFER_FACTOR = 0.75;
export const SUBSTITUTION_FACTOR = 0.8;
export const EXTRA_TOKEN_FACTOR = 0.92;
export const LOCAL_FORMS_DIFFER_FACTOR = 0.8;
export const FORM_CLASS_DIFFERS_FACTOR = 0.92;
/** Share of its weight an unmatched part of a listed person's name keeps in the denominator (yente weighs it 0.2). */
export const UNMATCHED_LISTED_PART_FACTOR = 0.5;
/** Both names are one word, spelt differently. */
export const SINGLE_WORD_FACTOR = 0.9;
/** Both names say which tokens are the family name and a family name met a given name (swapped parts). */
export const NAME_ORDER_FACTOR = 0.95;

/**
 * Compares two prepared names, also trying their bracketed former names (variants); the best
 * comparison wins. See `compareWeighted` for the score.
 */
export function compareNames(a: PreparedName, b: PreparedName, stats: TokenStats): Comparison {
  let best: Comparison | undefined;
  for (const qa of [a, ...a.variants])
    for (const cb of [b, ...b.variants]) {
      const c = compareWeighted(weighName(qa, stats), weighName(cb, stats), stats);
      if (!best || c.score > best.score) best = c;
    }
  return best!;
}

/**
 * Explainable, order-insensitive similarity of two weighted names, in [0, 1]:
 * 1. glued words are re-split against the other name (ETSKOFFIETFRERES ↔ Ets Koffi et Freres);
 * 2. tokens are aligned greedily by `querySimilarity` (`typoSimilarity`'s lifts when neither name is an
 *    organisation, vessel or aircraft; one edit forgiven in query words the index does not know) (best pairs first,
 *    each token used once;
 *    numbers only align with equal numbers; core and number tokens only with core and number tokens,
 *    connectors and annotations only with connectors and annotations);
 * 3. score = Σ similarity × (w_query + w_candidate) / (Σ w_query + Σ w_candidate), a weighted Dice
 *    coefficient, so unmatched tokens on either side lower it and rare tokens (IDF) count more; between persons an
 *    unmatched token of the candidate (the listed name) counts at `UNMATCHED_LISTED_PART_FACTOR` of its weight;
 * `memo` may cache token similarities across comparisons with one query.
 * 4. penalties: family and given names swapped, when both names mark their family name (`SURNAME, Given`, or name
 *    parts) ×0.95; one word on each side, spelt otherwise than by a swap or doubled letter ×0.9; a token on each side without a close partner (Traders/Products) ×0.8; for
 *    non-persons, tokens without partner on one side only ×0.92; different numbers ×0.75; different local legal forms ×0.8 (GmbH vs Sdn Bhd), different
 *    legal-form classes ×0.92; caps: one shared token among several → ≤ 0.6; only generic tokens
 *    shared while a distinctive one differs → ≤ 0.5.
 */
export function compareWeighted(q: WeightedName, c: WeightedName, stats: TokenStats, memo?: SimilarityMemo): Comparison {
  return compare(q, c, stats, memo, true) as Comparison;
}

/**
 * The score of `compareWeighted` alone, without building its explanation (token pairs, penalties,
 * legal forms): used to rank candidates, whose explanation is built only when they are returned. `mayGlue` false
 * skips re-splitting glued words (`splitGlued`) for a pair the index knows it changes nothing in
 * (`CandidateFinder`'s glued candidates); `GLUED_*` flags skip the steps it knows change nothing.
 */
export function scoreWeighted(
  q: WeightedName,
  c: WeightedName,
  stats: TokenStats,
  memo?: SimilarityMemo,
  mayGlue: boolean | number = true,
): number {
  return compare(q, c, stats, memo, false, mayGlue === true ? GLUED_ALL : mayGlue === false ? 0 : mayGlue) as number;
}

/**
 * Steps of `splitGlued` that may change a pair (query, candidate), as an index knows them: runs of the candidate
 * merged into a query word, runs of the query merged into a candidate word, neighbouring words split elsewhere.
 */
export const GLUED_CANDIDATE_RUNS = 1;
export const GLUED_QUERY_RUNS = 2;
export const GLUED_SHIFTED = 4;
export const GLUED_ALL = GLUED_CANDIDATE_RUNS | GLUED_QUERY_RUNS | GLUED_SHIFTED;

/** Token similarities already computed for one query: query token → candidate token → similarity. */
export type SimilarityMemo = Map<string, Map<string, number>>;

/** Reused between comparisons (single-threaded): similarity, query index, candidate index of each pair. */
let pairS = new Float64Array(256);
let pairI = new Int32Array(256);
let pairJ = new Int32Array(256);
const pairOrder: number[] = [];

function compare(
  q: WeightedName,
  c: WeightedName,
  stats: TokenStats,
  memo: SimilarityMemo | undefined,
  explain: boolean,
  glued = GLUED_ALL,
): Comparison | number {
  const [qt, ct] = glued ? splitGlued(q.tokens, c.tokens, stats, glued) : [q.tokens, c.tokens];
  if (pairS.length < qt.length * ct.length) {
    const size = qt.length * ct.length * 2;
    pairS = new Float64Array(size);
    pairI = new Int32Array(size);
    pairJ = new Int32Array(size);
  }
  let pairCount = 0;
  // Personal names (neither side an organisation, vessel or aircraft) forgive one typing error in a long word.
  const personal = !isOrganisational(q.prepared.schema) && !isOrganisational(c.prepared.schema);
  for (let i = 0; i < qt.length; i++) {
    const a = qt[i]!;
    if (a.weight === 0) continue;
    const unknown = a.unknown === true;
    const similarity = (x: string, y: string, kx: string, ky: string) => querySimilarity(x, y, kx, ky, personal, unknown);
    let row: Map<string, number> | undefined;
    if (memo) {
      // Memo rows per similarity mode: one query meets personal and organisational names.
      const key = `${personal ? 'p' : 'o'}${unknown ? 'u' : 'k'}${a.text}`;
      row = memo.get(key);
      if (!row) memo.set(key, (row = new Map()));
    }
    const aPosted = isPosted(a);
    for (let j = 0; j < ct.length; j++) {
      const b = ct[j]!;
      // Names and numbers pair with names and numbers, connectors and remarks with their kind (an index bounds a
      // score by what its postings hold: see ScreeningIndex.screenName).
      if (b.weight === 0 || isPosted(b) !== aPosted) continue;
      let s: number;
      if (row) {
        const m = row.get(b.text);
        if (m === undefined) row.set(b.text, (s = similarity(a.text, b.text, a.key, b.key)));
        else s = m;
      } else s = similarity(a.text, b.text, a.key, b.key);
      if (s > 0) {
        pairS[pairCount] = s;
        pairI[pairCount] = i;
        pairJ[pairCount] = j;
        pairCount++;
      }
    }
  }
  // Best pairs first; equal similarities in (query, candidate) order.
  const order = pairOrder;
  order.length = pairCount;
  for (let k = 0; k < pairCount; k++) order[k] = k;
  const sims = pairS;
  order.sort((x, y) => sims[y]! - sims[x]! || x - y);
  const usedQ = new Uint8Array(qt.length);
  const usedC = new Uint8Array(ct.length);
  // Strongly matched tokens (similarity ≥ STRONG_SIMILARITY), for the substitution penalty.
  const strongQ = new Uint8Array(qt.length);
  const strongC = new Uint8Array(ct.length);
  const tokens: TokenExplanation[] = [];
  let num = 0;
  let strongAll = 0;
  let familyMismatches = 0;
  let maxCoreSimilarity = 0;
  let strongSignificant = 0;
  let distinctive = 0;
  let mistyped = 0;
  let mistypedShort = 0;
  let exactCore = 0;
  for (let k = 0; k < pairCount; k++) {
    const p = order[k]!;
    const i = pairI[p]!;
    const j = pairJ[p]!;
    if (usedQ[i] || usedC[j]) continue;
    usedQ[i] = 1;
    usedC[j] = 1;
    const s = sims[p]!;
    const a = qt[i]!;
    const b = ct[j]!;
    num += s * (a.weight + b.weight);
    if (explain) tokens.push({ query: a.text, candidate: b.text, similarity: round(s), weight: round(a.weight + b.weight) });
    if (a.role === 'core' && b.role === 'core' && s > maxCoreSimilarity) maxCoreSimilarity = s;
    if (s >= STRONG_SIMILARITY) {
      strongQ[i] = 1;
      strongC[j] = 1;
      if (a.role === 'core' && b.role === 'core') {
        strongAll++;
        if (a.family !== b.family) familyMismatches++;
        // A query word the lists do not know stands for the listed word it met (xBRAHIM for the common IBRAHIM).
        if ((a.significant || a.unknown === true) && b.significant) {
          strongSignificant++;
          if (a.text.length >= DISTINCTIVE_MIN_LENGTH && b.text.length >= DISTINCTIVE_MIN_LENGTH) distinctive++;
        }
        if (s === 1) exactCore++;
        else if (a.unknown === true && Math.min(a.text.length, b.text.length) >= 3 && isOneEdit(a.text, b.text)) {
          if (Math.min(a.text.length, b.text.length) >= MISTYPED_WORD_MIN_LENGTH) mistyped++;
          else mistypedShort++;
        }
      }
    }
  }
  let den = 0;
  for (let i = 0; i < qt.length; i++) {
    const t = qt[i]!;
    den += t.weight;
    if (explain && !usedQ[i] && t.weight > 0) tokens.push({ query: t.text, candidate: '', similarity: 0, weight: round(t.weight) });
  }
  for (let j = 0; j < ct.length; j++) {
    const t = ct[j]!;
    // A listed person's part the query leaves out (a second surname, a middle name) costs less than a query part the
    // list lacks: Nicolas Maduro is Nicolas Maduro Moros.
    den += personal && !usedC[j] ? t.weight * UNMATCHED_LISTED_PART_FACTOR : t.weight;
    if (explain && !usedC[j] && t.weight > 0) tokens.push({ query: '', candidate: t.text, similarity: 0, weight: round(t.weight) });
  }
  let score = den > 0 ? num / den : 0;
  const penalties: Penalty[] = [];

  const qNums = numbersOf(qt);
  const cNums = numbersOf(ct);
  if (qNums && cNums && qNums !== cNums) {
    score *= NUMBERS_DIFFER_FACTOR;
    if (explain) penalties.push({ rule: 'numbers-differ', detail: `${qNums} ≠ ${cNums}`, factor: NUMBERS_DIFFER_FACTOR });
  }

  if (familyMismatches > 0 && qt.some((t) => t.family) && ct.some((t) => t.family)) {
    score *= NAME_ORDER_FACTOR;
    if (explain)
      penalties.push({ rule: 'name-order', detail: `${familyMismatches} family-name tokens met given names`, factor: NAME_ORDER_FACTOR });
  }

  const qForms = q.prepared.legalForms;
  const cForms = c.prepared.legalForms;
  let legalForms: LegalFormExplanation | undefined;
  if (qForms.length > 0 && cForms.length > 0) {
    const lf = compareLegalForms(qForms, cForms);
    legalForms = lf.explanation;
    if (lf.factor < 1) {
      score *= lf.factor;
      if (explain)
        penalties.push({
          rule: 'legal-form-differs',
          detail: `${lf.explanation.query.join('+')} ≠ ${lf.explanation.candidate.join('+')}`,
          factor: lf.factor,
        });
    }
  }

  // A token replaced by another (Traders → Products) is strong evidence of a different party; for
  // organisations and vessels an extra word (Holdings, Canada, Shipping) is weaker evidence.
  let looseQ = 0;
  let looseC = 0;
  let coreQ = 0;
  let coreC = 0;
  let hasSignificant = false;
  for (let i = 0; i < qt.length; i++) {
    const t = qt[i]!;
    if (t.significant && !(t.unknown === true && strongQ[i])) hasSignificant = true;
    if (t.role !== 'core' || t.secondary) continue;
    coreQ++;
    if (!strongQ[i]) looseQ++;
  }
  for (let j = 0; j < ct.length; j++) {
    const t = ct[j]!;
    if (t.significant) hasSignificant = true;
    if (t.role !== 'core' || t.secondary) continue;
    coreC++;
    if (!strongC[j]) looseC++;
  }
  if (looseQ > 0 && looseC > 0) {
    score *= SUBSTITUTION_FACTOR;
    if (explain)
      penalties.push({
        rule: 'token-differs',
        detail: `${looseQ} query and ${looseC} candidate tokens have no close partner`,
        factor: SUBSTITUTION_FACTOR,
      });
  } else if ((looseQ > 0 || looseC > 0) && q.prepared.schema !== 'Person' && c.prepared.schema !== 'Person') {
    score *= EXTRA_TOKEN_FACTOR;
    if (explain) penalties.push({ rule: 'extra-token', detail: `${looseQ + looseC} tokens only on one side`, factor: EXTRA_TOKEN_FACTOR });
  }

  // A one-word name is only as certain as its one word: a near spelling (Camara / Camorra, Doan / Dan) is not enough
  // alone, a swap or a doubled letter (Afiz / Faiz) is.
  if (coreQ === 1 && coreC === 1 && strongAll === 1 && maxCoreSimilarity < 1 && !singleWordTypo(qt, ct)) {
    score *= SINGLE_WORD_FACTOR;
    if (explain) penalties.push({ rule: 'single-word', detail: 'one word on each side, not spelt alike', factor: SINGLE_WORD_FACTOR });
  }

  // Guards are reported whenever they apply, even when the score is already below their cap.
  if (strongAll <= 1 && Math.max(coreQ, coreC) >= 2) {
    score = Math.min(score, SINGLE_TOKEN_CAP);
    if (explain) penalties.push({ rule: 'single-token', detail: 'only one token is shared', cap: SINGLE_TOKEN_CAP });
  }
  if (strongSignificant === 0 && hasSignificant && strongAll > 0) {
    score = Math.min(score, GENERIC_ONLY_CAP);
    if (explain) penalties.push({ rule: 'generic-tokens-only', detail: 'no distinctive token is shared', cap: GENERIC_ONLY_CAP });
  }
  lastDistinctivePairs = distinctive;
  // A short word mistyped counts only beside a word written as listed (xBU Anas / ABU ANAS): alone, one letter of
  // three or four makes another word too often (Sava / Saha).
  if (exactCore > 0) mistyped += mistypedShort;
  lastMistypedWords = mistyped;
  if (!explain) return round(score);
  return {
    score: round(score),
    tokens,
    penalties,
    legalForms: legalForms ?? compareLegalForms(qForms, cForms).explanation,
    distinctivePairs: distinctive,
    mistypedWords: mistyped,
  };
}

/** Words of a distinctive pair have at least this many letters (not an initial, a syllable or a short word). */
export const DISTINCTIVE_MIN_LENGTH = 4;
let lastDistinctivePairs = 0;
let lastMistypedWords = 0;
/** Shortest word counted by `Comparison.mistypedWords` alone (shorter ones count beside a word written alike). */
export const MISTYPED_WORD_MIN_LENGTH = 6;

/** `Comparison.mistypedWords` of the last comparison made, as `lastComparisonDistinctivePairs`. */
export function lastComparisonMistypedWords(): number {
  return lastMistypedWords;
}

/**
 * `Comparison.distinctivePairs` of the last comparison made (`compareWeighted` or `scoreWeighted`, which builds no
 * object): read right after `scoreWeighted` by callers that weigh aliases by it (one thread, no await between).
 */
export function lastComparisonDistinctivePairs(): number {
  return lastDistinctivePairs;
}

/**
 * The core words of two one-word names are a swap or a doubled letter apart (Afiz / Faiz), or the query's is a word
 * no list uses one edit from the listed one (Fxrest / Forest): a mistyping, not another spelling. (Not a shared long
 * phonetic key: Khotintsev / Hotincev is one name, but so would ANASTASIIA be every company called Анастасия.)
 */
function singleWordTypo(qt: WeightedToken[], ct: WeightedToken[]): boolean {
  const a = qt.find((t) => t.role === 'core' && !t.secondary);
  const b = ct.find((t) => t.role === 'core' && !t.secondary);
  if (!a || !b) return false;
  return (
    isTypingError(a.text, b.text) ||
    (a.unknown === true && Math.min(a.text.length, b.text.length) >= 4 && isOneEdit(a.text, b.text) && !isSuffixVariant(a.text, b.text))
  );
}

/** Core and number tokens: the ones an index posts (and so finds) by vocabulary. */
export function isPosted(t: WeightedToken): boolean {
  return t.role === 'core' || t.role === 'number';
}

function isOrganisational(schema: string): boolean {
  return schema === 'Organization' || schema === 'Vessel' || schema === 'Aircraft';
}

/** The numbers of a name, sorted and joined ('' when none). */
function numbersOf(ts: WeightedToken[]): string {
  let out: string[] | undefined;
  for (const t of ts) if (t.role === 'number') (out ??= []).push(t.text);
  return out ? out.sort().join(' ') : '';
}

function compareLegalForms(a: LegalFormMatch[], b: LegalFormMatch[]): { factor: number; explanation: LegalFormExplanation } {
  const explanation: LegalFormExplanation = { query: a.map((f) => f.symbol), candidate: b.map((f) => f.symbol), compatible: null };
  if (a.length === 0 || b.length === 0) return { factor: 1, explanation };
  const symbols = new Set(a.map((f) => f.symbol));
  if (b.some((f) => symbols.has(f.symbol))) return { factor: 1, explanation: { ...explanation, compatible: true } };
  const translated = a.some((f) => f.translation) || b.some((f) => f.translation);
  const generics = new Set(a.map((f) => f.generic));
  const sameClass = b.some((f) => generics.has(f.generic));
  if (translated && sameClass) return { factor: 1, explanation: { ...explanation, compatible: true } };
  return { factor: translated ? FORM_CLASS_DIFFERS_FACTOR : LOCAL_FORMS_DIFFER_FACTOR, explanation: { ...explanation, compatible: false } };
}

/**
 * Where a token of one name is the concatenation of 2–6 consecutive tokens of the other, written alike or with the
 * same `phoneticKey` when the run holds only names and no digit (missing spaces: GROUPEDIARRAIMPORTEXPORT,
 * WIRRALONG, JSCARGUMENT; syllables read from Han or Hangul: jin ping / Jinping), those tokens are merged into one
 * core token so the two sides align. The index finds such names by their runs and their runs' phonetic keys
 * (`NameTable.namesGluing`).
 */
function splitGlued(q: WeightedToken[], c: WeightedToken[], stats: TokenStats, steps = GLUED_ALL): [WeightedToken[], WeightedToken[]] {
  const mq = steps & GLUED_QUERY_RUNS ? mergeRuns(q, c, stats) : q;
  const mc = steps & GLUED_CANDIDATE_RUNS ? mergeRuns(c, q, stats) : c;
  if (!(steps & GLUED_SHIFTED) && mq === q && mc === c) return [q, c];
  return mergeShifted(mq, mc, stats);
}

/** `target` with its runs that are a core token of `other` merged (see `splitGlued`); `target` itself when none. */
export function mergeRuns(target: WeightedToken[], other: WeightedToken[], st: TokenStats): WeightedToken[] {
  let out = target;
  for (const g of other) {
    if (g.role !== 'core' || g.text.length < MIN_GLUED_LENGTH || target.length < 2) continue;
    let present = false;
    for (const t of target) if (t.text === g.text) present = true;
    if (present) continue;
    // The first merge reads the runs made once for the target (a query's: `tokenRuns`), the same runs in the same order.
    const runs = out === target ? knownTokenRuns(target) : undefined;
    if (runs) {
      const hit = firstRunMerging(runs, g);
      if (hit) out = [...out.slice(0, hit[0]), weighToken({ text: g.text, role: 'core' }, st), ...out.slice(hit[1] + 1)];
      continue;
    }
    for (let i = 0; i < out.length; i++) {
      // Lengths first: a run's text is built only when its length is in reach of the word's (most are not).
      let length = out[i]!.text.length;
      let named = isPosted(out[i]!);
      let merged = false;
      for (let j = i + 1; j < Math.min(out.length, i + MAX_GLUED_RUN); j++) {
        length += out[j]!.text.length;
        named &&= isPosted(out[j]!);
        if (length > g.text.length + GLUED_LENGTH_SLACK) break;
        if (length < MIN_GLUED_LENGTH || length < g.text.length - GLUED_LENGTH_SLACK) continue;
        if (!named && length !== g.text.length) continue;
        let concat = out[i]!.text;
        for (let k = i + 1; k <= j; k++) concat += out[k]!.text;
        // By sound only for runs of names without digits, and only when also written alike (Jeong Eun / Jeongun; not
        // Abd al / Abdul, No 11 / No 1, or Xu Si Yuan / Hassan, whose keys agree once vowels collapse).
        if (
          concat === g.text ||
          (named && !HAS_DIGIT.test(concat) && cachedPhoneticKey(concat) === g.key && jaroWinkler(concat, g.text) >= GLUED_SOUND_JW)
        ) {
          const token = weighToken({ text: g.text, role: 'core' }, st);
          out = [...out.slice(0, i), token, ...out.slice(j + 1)];
          merged = true;
          break;
        }
      }
      if (merged) break;
    }
  }
  return out;
}

/** The first run (from, to) of `runs` that merges into `g` by `mergeRuns`'s rule. */
function firstRunMerging(runs: TokenRun[][], g: WeightedToken): [number, number] | undefined {
  for (let i = 0; i < runs.length; i++) {
    for (const r of runs[i]!) {
      if (r.length > g.text.length + GLUED_LENGTH_SLACK) break;
      if (r.length < MIN_GLUED_LENGTH || r.length < g.text.length - GLUED_LENGTH_SLACK) continue;
      if (!r.named && r.length !== g.text.length) continue;
      if (
        r.text === g.text ||
        (r.named && !HAS_DIGIT.test(r.text) && cachedPhoneticKey(r.text) === g.key && jaroWinkler(r.text, g.text) >= GLUED_SOUND_JW)
      )
        return [i, r.to];
    }
  }
  return undefined;
}

/**
 * Where two neighbouring tokens of each name are the same letters split elsewhere (Lauren Tnkunda / Laurent Nkunda,
 * Myongc-hin / Myong-chin), each pair is merged into one core token. One such merge per comparison.
 */
export function mergeShifted(q: WeightedToken[], c: WeightedToken[], stats: TokenStats): [WeightedToken[], WeightedToken[]] {
  for (let i = 0; i + 1 < q.length; i++) {
    const qa = q[i]!;
    const qb = q[i + 1]!;
    if (!isPosted(qa) || !isPosted(qb)) continue;
    const qRun = qa.text + qb.text;
    if (qRun.length < MIN_GLUED_LENGTH) continue;
    for (let k = 0; k + 1 < c.length; k++) {
      const ca = c[k]!;
      const cb = c[k + 1]!;
      if (!isPosted(ca) || !isPosted(cb) || (ca.text === qa.text && cb.text === qb.text)) continue;
      const cRun = ca.text + cb.text;
      if (Math.abs(cRun.length - qRun.length) > GLUED_LENGTH_SLACK || qRun[0] !== cRun[0]) continue;
      // Letters alike only: by sound, Pier Nine / Peer Nine would become one word.
      if (cRun !== qRun) continue;
      const merged = weighToken({ text: cRun, role: 'core' }, stats);
      return [
        [...q.slice(0, i), merged, ...q.slice(i + 2)],
        [...c.slice(0, k), merged, ...c.slice(k + 2)],
      ];
    }
  }
  return [q, c];
}

const HAS_DIGIT = /\d/;
/** Jaro-Winkler a run and a word with the same phonetic key must reach to merge. */
export const GLUED_SOUND_JW = 0.85;

/** A glued word and the run it stands for may differ this much in length when their phonetic keys agree. */
export const GLUED_LENGTH_SLACK = 2;

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
