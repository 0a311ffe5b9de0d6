import { readFileSync } from 'node:fs';
import { dataPath } from '../data-path';
import { prepareName } from '../normalise/prepare-name';
// The country qualifier reads the text around a span; it lives with report screening, which also uses it.
import { countryQualifying, isCountryWord } from '../report-screening/country-qualifier';
import { normaliseTokens } from '../normalise/tokens';
import { ROMAN_NUMERALS } from '../normalise/name-words';
import type { IndexedName, ScannableIndex } from './indexed-names';
import type { TextMatch } from './types';
import type { SimilarityMemo } from './compare-names';
import { weighName, type WeightedName } from './weighted-name';

/** Text token similarity needed to count as a hit of a name token. */
const HIT_SIMILARITY = 0.7;
/** Text words a name may spread over beyond its own token count (middle names, initials). */
const WINDOW_SLACK = 2;
/** A name found from one text word needs that word to be the listed word (no typing error): one word is little evidence. */
const SINGLE_WORD_SIMILARITY = 0.95;
/** Text words either side of a vessel or aircraft name searched for a word saying what it is. */
const CUE_REACH = 10;
/** Words after a one-word name with a legal form that may hold the form ("Rosoboronexport JSC", "Amber Trading Co Ltd"). */
const FORM_REACH = 3;
/**
 * Score of a listed person's family name written alone ("Lukashenko's visit", "Mr. Putin"): above the default
 * threshold, below any full-name match; a stricter threshold (> 0.9) leaves such mentions out.
 */
export const FAMILY_ALONE_SCORE = 0.9;
/**
 * A family name alone names someone only when one listed person bears it (Putin): "Mr. Lukashenko" in a report on
 * Alexander Lukashenko must not alert his listed sons, and the text alone cannot tell which Lukashenko it means.
 */
const FAMILY_ALONE_MAX_ENTRIES = 1;
/** Letters a family name alone needs (Xi, Kim, Lee are everyone's). */
const FAMILY_ALONE_MIN_LETTERS = 5;

/** A normalised token of a text word, with the word's span and the word as written (possessive dropped). */
export interface TextToken {
  text: string;
  start: number;
  end: number;
  word: string;
}

/**
 * Words of free text with spans; English possessive 's is dropped from the word and its span (Lukashenko’s →
 * Lukashenko), so that a window ending on it is the name alone.
 */
export function textTokens(text: string): TextToken[] {
  const out: TextToken[] = [];
  // Invisible format characters (\p{Cf}: zero-width spaces, joiners) belong to the word they sit in, so that
  // "Pu\u200btin" is one word; normalisation then drops them.
  const re = /[\p{L}\p{M}\p{N}\p{Cf}]+(?:['\u2019][\p{L}\p{M}\p{Cf}]+)*/gu;
  for (const m of text.matchAll(re)) {
    const word = m[0].replace(/['\u2019]s$/i, '');
    for (const t of normaliseTokens(word)) out.push({ text: t, start: m.index!, end: m.index! + word.length, word });
  }
  return out;
}

/**
 * Multi-pattern search of free text for listed names, without looping over the list:
 * 1. each text word is looked up in the index vocabulary (exact / phonetic / one edit, ≥ 0.7);
 * 2. non-generic hits anchor candidate names through the inverted index (a generic word such as
 *    "group" or "Mohammad" never anchors);
 * 3. around each anchor, the text words that hit the name's tokens within `tokens + 2` words form a
 *    window (each name token taken by the hit nearest the anchor); a name needs hits on two of its tokens (or be a
 *    one-token name of ≥ 4 letters that is not a weak alias, or an aircraft registration written as one: EP-GOM);
 * 4. the window must be written like a name (issue 12, item 6: quiet text scans):
 *    - no word of it that makes the name is written in lower case ("you can" is not YOU, Quan; "both" not B.O.T.H.);
 *    - a name found from one text word needs that word as listed (no typing error), not an ordinary word (Days,
 *      Courts, Monday, Russia: `isOrdinaryWord`) unless the text says what it is (a ship word, a legal form), and
 *      not part of a longer name ("Kristy Amber Bryant"); a dotted acronym must appear in capitals;
 *    - a name of ordinary words must be written in full ("Main Street" is not MAIN STREET 1095 PROPRIETARY LIMITED);
 *    - one word of a longer name alerts only as a listed person's family name alone, spoken of as a known person's
 *      ("Lukashenko's visit", "President Putin"; `familyNameAlone`), and then only for the person the text names in
 *      full if it does;
 *    - a vessel or aircraft name needs a word about ships (tanker, vessel, MV, IMO, flagged…) or aircraft (aircraft,
 *      plane, jet, tail number…) that introduces it ("the tanker Amber", "the plane registered YK-ANH") or stands in
 *      apposition ("Amber, an Iranian tanker"): `spokenOf`;
 * 5. the window text is prepared as a name of the entry's schema and scored against the name with the
 *    same rules as `screenName` (a one-word name with a legal form: the word alone or with the form after it);
 *    matches ≥ threshold are kept, best per entry and span;
 * 6. a match that is only a generic state organ name ("the Ministry of Defense", "the Central Bank":
 *    `isStateOrganName`) counts only where the text names the entry's country ("North Korea's …", "… of North
 *    Korea": `countryQualifying`).
 */
export function scanTextForNames(index: ScannableIndex, text: string, threshold: number, limit: number): TextMatch[] {
  const words = textTokens(text);
  // Per distinct word: its hits (vocabulary id → similarity) and those that may anchor a name.
  const hitCache = new Map<string, { hits: Map<number, number>; anchoring: number[] }>();
  const anchoringAt: number[][] = [];
  const hitsAt: Array<Map<number, number>> = words.map((w) => {
    // A roman numeral written in capitals after a name is its number, as names are indexed (the tanker ARK III = 3).
    const numeral = w.word.length > 1 && /^[IVX]+$/.test(w.word) ? ROMAN_NUMERALS[w.text] : undefined;
    const cacheKey = numeral ? `${w.text}\u0000${numeral}` : w.text;
    let h = hitCache.get(cacheKey);
    if (!h) {
      const hits = new Map(index.lookupToken(w.text, HIT_SIMILARITY).map((x) => [x.id, x.similarity]));
      const id = numeral ? index.vocabulary.id(numeral) : undefined;
      if (id !== undefined) hits.set(id, 1);
      // Short numbers (6, 12) are everywhere; a number of three digits or more (FU YUAN YU 8678) may anchor its name.
      const anchoring = [...hits.keys()].filter((v) => {
        const token = index.vocabulary.tokens[v]!;
        return !index.stats.isGeneric(token) && !/^\d{1,2}$/.test(token);
      });
      hitCache.set(cacheKey, (h = { hits, anchoring }));
    }
    anchoringAt.push(h.anchoring);
    return h.hits;
  });
  const anchors = anchorsOf(index, anchoringAt);

  const positionsOf = positionsById(hitsAt);
  const window: WindowHits = { positions: [], ids: [], count: 0 };

  const best = new Map<string, TextMatch>();
  // Windows repeat (one span anchors many names): prepare each span once per schema, share token similarities.
  const prepared = new Map<string, WeightedName>();
  const memo: SimilarityMemo = new Map();
  const table = index.table;
  const keep = (found: TextMatch, n: IndexedName): void => {
    const key = `${n.entry.listId}\u0000${n.entry.entryId}\u0000${found.span.start}`;
    const prev = best.get(key);
    const longer = !!prev && found.span.end - found.span.start > prev.span.end - prev.span.start;
    if (!prev || found.score > prev.score || (found.score === prev.score && longer)) best.set(key, found);
  };
  // Cheap checks before a family name alone is looked at: a person's name, not a weak or low-quality alias.
  const mayBeFamilyAlone = (nameId: number): boolean =>
    table.entry(nameId).schema === 'Person' && table.kind(nameId) !== 'weak-aka' && table.quality(nameId) !== 'low';
  for (const nameId of anchors.names) {
    const ids = table.vocabIds(nameId);
    const single = ids.length === 1;
    // A short one-token name is too common a word, save an aircraft registration written as one (EP-GOM, T7-OKY).
    const registration = single && index.vocabulary.tokens[ids[0]!]!.length < 4 && table.entry(nameId).schema === 'Aircraft';
    if (single && (table.kind(nameId) === 'weak-aka' || (index.vocabulary.tokens[ids[0]!]!.length < 4 && !registration))) continue;
    // Most anchored names have one word in the text: every window then holds fewer than two, and only a person's
    // family name alone may come of it, if that word may be one (`familyNameAlone`'s checks of the word alone).
    const present = presentIds(ids, positionsOf);
    if (present.length < Math.min(2, ids.length) && !(mayBeFamilyAlone(nameId) && mayBeFamilyWord(index, present[0]!))) continue;
    // The name as an object only once a window of the text may match it (most anchored names have none).
    let n: IndexedName | undefined;
    const reach = ids.length + WINDOW_SLACK;
    for (let k = anchors.first[nameId]!; k !== -1; k = anchors.next[k]!) {
      const a = anchors.position[k]!;
      // Each name token is claimed by the hit nearest the anchor ("Alexander Lukashenko visited Beijing on a" must not
      // stretch to the "a" that an initial A. would match); a word written in lower case is no name word ("you can" is
      // not YOU, Quan) unless its token is generic (Wagner group, bin, al).
      const nearest = new Map<number, number>();
      windowHits(ids, positionsOf, Math.max(0, a - reach), Math.min(words.length - 1, a + reach), window);
      for (let h = 0; h < window.count; h++) {
        const p = window.positions[h]!;
        const id = window.ids[h]!;
        if (isLowerCase(words[p]!.word) && !index.stats.isGeneric(index.vocabulary.tokens[id]!)) continue;
        // An ordinary word a letter from a name's word is that ordinary word ("You Can" is not YOU, Quan); a plural
        // or possessive is the same word (People's / PEOPLE'S).
        if (
          hitsAt[p]!.get(id)! < SINGLE_WORD_SIMILARITY &&
          isOrdinaryWord(words[p]!.word) &&
          !samePlural(words[p]!.text, index.vocabulary.tokens[id]!)
        )
          continue;
        const prev = nearest.get(id);
        if (prev === undefined || Math.abs(p - a) < Math.abs(prev - a)) nearest.set(id, p);
      }
      if (nearest.size < Math.min(2, ids.length)) {
        // One word of a longer name: only a person's listed family name, used alone ("Lukashenko's visit").
        if (nearest.size === 1 && mayBeFamilyAlone(nameId)) {
          const [[id, p]] = [...nearest];
          n ??= index.nameAt(nameId);
          const alone = familyNameAlone(index, text, words, n, id!, p!, hitsAt[p!]!.get(id!)!, threshold, memo);
          if (alone) keep(alone, n);
        }
        continue;
      }
      const hitPositions = [...nearest.values()];
      const weakest = Math.min(...[...nearest].map(([id, p]) => hitsAt[p]!.get(id)!));
      n ??= index.nameAt(nameId);
      const from = Math.min(...hitPositions);
      const to = Math.max(...hitPositions);
      // A registration's nationality mark is part of the span: "EP-GOM", never "GOM" alone.
      const mark = registration
        ? /(?:^|[^\p{L}\p{N}-])([A-Z0-9]{1,2}-)$/u.exec(text.slice(Math.max(0, words[from]!.start - 4), words[from]!.start))
        : undefined;
      if (registration && !mark) continue;
      let spanStart = words[from]!.start - (mark ? mark[1]!.length : 0);
      const oneWord = words[from]!.start === words[to]!.start;
      // A name of ordinary words is a phrase unless written in full: "Main Street" is not MAIN STREET 1095 PTY LTD.
      if (!oneWord && nearest.size < ids.length && hitPositions.every((p) => isOrdinaryWord(words[p]!.word))) continue;
      if (oneWord && (weakest < SINGLE_WORD_SIMILARITY || partOfLongerName(text, words, from, to))) continue;
      const schema = n.entry.schema;
      // A person is scored on the name as the text writes it: "Kim Young Hee" is not KIM Young-Chol because "Kim Young"
      // scores 0.89 against it (one name word either side that matches nothing of the listed name joins the span).
      let last = to;
      if (schema === 'Person' && !oneWord) {
        const before = adjacentNameWord(text, words, from, -1);
        const after = adjacentNameWord(text, words, to, 1);
        if (before !== undefined && !ids.some((id) => hitsAt[before]!.has(id))) spanStart = words[before]!.start;
        if (after !== undefined && !ids.some((id) => hitsAt[after]!.has(id))) last = after;
      }
      const cue = schema === 'Vessel' ? VESSEL_CUE : schema === 'Aircraft' ? AIRCRAFT_CUE : undefined;
      if (cue && (!spokenOf(text, words, spanStart, to, cue) || longerCraftName(text, words, spanStart, n.value, cue))) continue;
      // One word that is an ordinary word is a name only where the text says so: "the tanker Freedom", "Unity LLC".
      const ordinary = oneWord && isOrdinaryWord(words[from]!.word);
      // A one-word name with a legal form (ROSOBORONEXPORT JSC): the word alone, or with the form written after it.
      const withForm = single && n.weighted.prepared.legalForms.length > 0;
      // A name of ordinary words with a legal form needs its form written ("Golden Star Awards Tonight" is no GOLDEN
      // STAR CO; "Golden Star Co" is).
      const ordinaryWithForm =
        !single && n.weighted.prepared.legalForms.length > 0 && hitPositions.every((p) => isOrdinaryWord(words[p]!.word));
      const ends = withForm || ordinaryWithForm ? range(to, Math.min(words.length - 1, to + FORM_REACH)) : [last];
      // Or written before it: "Joint Stock Company Russian Regional Development Bank".
      const formBefore =
        ordinaryWithForm && from > 0 && range(Math.max(0, from - FORM_REACH), from - 1).some((p) => isLegalFormWord(words[p]!.word));
      let found: TextMatch | undefined;
      for (const end of ends) {
        // A short legal form that is also a word (AS, AG, AB, OY) counts only in capitals: "Capital As Festival Opens".
        if (
          end > to &&
          range(to + 1, end).some((p) => words[p]!.word.length <= 3 && !/^\p{Lu}+$/u.test(words[p]!.word) && isOrdinaryWord(words[p]!.word))
        )
          break;
        const span = { start: spanStart, end: words[end]!.end, text: '' };
        span.text = text.slice(span.start, span.end);
        if (single && !looksLikeName(span.text, n.value)) continue;
        const preparedKey = `${schema}\u0000${span.text}`;
        let q = prepared.get(preparedKey);
        if (!q) prepared.set(preparedKey, (q = weighName(prepareName(span.text, schema), index.stats)));
        // Score first; the explanation only for windows that pass.
        if (index.rawScore(q, n, undefined, memo) < threshold) continue;
        const m = index.score(q, n, undefined, memo);
        if (m.score < threshold) continue;
        const forms = m.explanation.legalForms;
        if (withForm && forms.query.length > 0 && forms.compatible !== true) continue;
        if (ordinary && !cue && !(withForm && forms.compatible === true)) continue;
        if (ordinaryWithForm && !cue && forms.compatible !== true && !formBefore) continue;
        // At equal scores the span with the legal form written after the word: it says more.
        if (!found || m.score > found.score || (m.score === found.score && forms.query.length > 0)) found = { ...m, span };
      }
      if (!found) continue;
      // "The Ministry of Defense said": every state has one; only a text naming the entry's country names the listed one.
      if ((schema === 'Organization' || schema === 'Unknown') && isStateOrganName(found.span.text)) {
        const country = countryQualifying(text, found.span.start, found.span.end);
        if (!country || !n.entry.countries.some((c) => c.toUpperCase() === country)) continue;
      }
      keep(found, n);
    }
  }
  // A family name alone refers back to a person the text names in full ("Alexander Lukashenko … Lukashenko's visit"):
  // then it is that person's, not every listed bearer's (his sons).
  const fullNamed = new Map<string, Set<string>>();
  for (const m of best.values()) {
    if (m.flags.includes('family-name-alone')) continue;
    for (const w of textTokens(m.span.text)) {
      const set = fullNamed.get(w.text) ?? new Set<string>();
      fullNamed.set(w.text, set.add(`${m.entry.listId}\u0000${m.entry.entryId}`));
    }
  }
  for (const [key, m] of best) {
    if (!m.flags.includes('family-name-alone')) continue;
    const named = fullNamed.get(normaliseTokens(m.span.text).join(' '));
    if (named && !named.has(`${m.entry.listId}\u0000${m.entry.entryId}`)) best.delete(key);
  }
  // Overlapping spans of one entry: keep the best.
  // At equal scores the longer span ("Wagner Group" before "Wagner").
  const sorted = [...best.values()].sort(
    (a, b) => b.score - a.score || b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start,
  );
  const kept: TextMatch[] = [];
  for (const m of sorted) {
    const overlaps = kept.some(
      (k) =>
        k.entry.listId === m.entry.listId && k.entry.entryId === m.entry.entryId && k.span.start < m.span.end && m.span.start < k.span.end,
    );
    if (!overlaps) kept.push(m);
  }
  return kept.sort((a, b) => a.span.start - b.span.start || b.score - a.score).slice(0, limit);
}

/**
 * The names anchored in a text (`anchoringAt`: per text position, the vocabulary ids hit there that may anchor a
 * name), in the order first met, each with its anchor positions ascending as a list in typed arrays (`first[name]`,
 * then `next` until −1; `position` of each). Tens of thousands of names are met in a long text: a map of arrays cost
 * a third of its scan.
 */
function anchorsOf(
  index: ScannableIndex,
  anchoringAt: readonly number[][],
): { names: number[]; first: Int32Array; next: number[]; position: number[] } {
  const first = new Int32Array(index.table.size).fill(-1);
  const last = new Int32Array(index.table.size);
  const names: number[] = [];
  const next: number[] = [];
  const position: number[] = [];
  anchoringAt.forEach((ids, pos) => {
    for (const id of ids)
      for (const nameId of index.postingsOf(id)) {
        if (first[nameId] === -1) {
          names.push(nameId);
          first[nameId] = position.length;
        } else if (position[last[nameId]!] === pos) continue;
        else next[last[nameId]!] = position.length;
        last[nameId] = position.length;
        position.push(pos);
        next.push(-1);
      }
  });
  return { names, first, next, position };
}

/** The text positions (ascending) at which each vocabulary id is hit. */
function positionsById(hitsAt: ReadonlyArray<ReadonlyMap<number, number>>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  hitsAt.forEach((hits, p) => {
    for (const id of hits.keys()) {
      const list = out.get(id);
      if (list) list.push(p);
      else out.set(id, [p]);
    }
  });
  return out;
}

/** The distinct ids of `ids` the text holds, in the name's order. */
function presentIds(ids: ArrayLike<number>, positionsOf: ReadonlyMap<number, number[]>): number[] {
  const present: number[] = [];
  for (let k = 0; k < ids.length; k++) if (positionsOf.has(ids[k]!) && !present.includes(ids[k]!)) present.push(ids[k]!);
  return present;
}

/**
 * A window's hits (`windowHits`): the first `count` of `positions` and of the token ids taken there (the arrays are
 * reused from window to window; what lies beyond `count` is stale).
 */
export interface WindowHits {
  positions: number[];
  ids: number[];
  count: number;
}

/**
 * A name's hits in the text positions `from`..`to`, into `out`: ascending positions, each taken by the first of the
 * name's tokens `ids` (in the name's order) hit there. Cost: a binary search per token, not a look-up per token and
 * position.
 */
export function windowHits(
  ids: ArrayLike<number>,
  positionsOf: ReadonlyMap<number, number[]>,
  from: number,
  to: number,
  out: WindowHits,
): void {
  const { positions: at, ids: taken } = out;
  let count = 0;
  for (let t = 0; t < ids.length; t++) {
    const id = ids[t]!;
    const positions = positionsOf.get(id);
    if (!positions) continue;
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positions[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < positions.length && positions[k]! <= to; k++) {
      // Insertion in position order; a position already taken stays with the earlier token.
      const p = positions[k]!;
      let j = count;
      while (j > 0 && at[j - 1]! > p) j--;
      if (j > 0 && at[j - 1] === p) continue;
      for (let m = count; m > j; m--) {
        at[m] = at[m - 1]!;
        taken[m] = taken[m - 1]!;
      }
      at[j] = p;
      taken[j] = id;
      count++;
    }
  }
  out.count = count;
}

/**
 * A one-word listed name found in text must look like a name there: a cased word written all in lower case is a
 * common word ("both", "unity"), and a dotted acronym (B.O.T.H.) must appear in capitals.
 */
function looksLikeName(span: string, listed: string): boolean {
  const hasUpper = /\p{Lu}/u.test(span);
  if (!hasUpper && /\p{Ll}/u.test(span)) return false;
  if (/^(?:\p{L}\.){2,}\p{L}?\.?$/u.test(listed.trim())) return !/\p{Ll}/u.test(span);
  return true;
}

const samePlural = (a: string, b: string): boolean => a === `${b}s` || b === `${a}s`;
const isLowerCase = (word: string): boolean => /\p{Ll}/u.test(word) && !/\p{Lu}/u.test(word);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Weekdays and months (and their short forms): written with a capital, yet ordinary words. */
const CALENDAR_WORDS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

let commonWords: Set<string> | undefined;
/** `data/reference/common-english-words.txt` (see data/PROVENANCE.md), read on first use. */
function ordinaryWords(): Set<string> {
  commonWords ??= new Set(
    readFileSync(dataPath('reference', 'common-english-words.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return commonWords;
}

/**
 * True for a word of ordinary English (Days, Amber, Freedom, Courts), a weekday or month, or a country or nationality
 * word (Russia, Belarusian): written with a capital at a sentence start, in a headline or as a given name, it is still
 * no evidence of a listed name on its own. Common words: `data/reference/common-english-words.txt`.
 */
export function isOrdinaryWord(word: string): boolean {
  const lower = word.toLowerCase();
  return ordinaryWords().has(lower) || CALENDAR_WORDS.has(lower) || isCountryWord(word);
}

/**
 * True when the one text word at `from..to` (one word, maybe several tokens) stands next to another capitalised word
 * of a person's or place's name, with only spaces between: "Kristy Amber Bryant" holds Amber as a middle name, not
 * the name Amber. Capitalised ordinary words ("President", "The"), country words and legal forms do not count.
 */
function partOfLongerName(text: string, words: TextToken[], from: number, to: number): boolean {
  return adjacentNameWord(text, words, from, -1) !== undefined || adjacentNameWord(text, words, to, 1) !== undefined;
}

/**
 * The position of the word right before (`dir` -1) or after (1) the word at `at` when it is a word of a person's or
 * place's name with only spaces between: capitalised, not in capitals, no ordinary word, country word or legal form.
 */
function adjacentNameWord(text: string, words: TextToken[], at: number, dir: -1 | 1): number | undefined {
  let p = at + dir;
  while (p >= 0 && p < words.length && words[p]!.start === words[at]!.start) p += dir;
  const w = words[p];
  if (!w) return undefined;
  const gap = dir < 0 ? text.slice(w.end, words[at]!.start) : text.slice(words[at]!.end, w.start);
  const nameLike =
    /^[ \t]+$/.test(gap) && /^\p{Lu}/u.test(w.word) && !/^\p{Lu}+$/u.test(w.word) && !isOrdinaryWord(w.word) && !isLegalFormWord(w.word);
  // The first token of a word that holds several (Young-Chol): the span takes the whole word.
  if (!nameLike) return undefined;
  let first = p;
  while (first > 0 && words[first - 1]!.start === w.start) first--;
  let last = p;
  while (last < words.length - 1 && words[last + 1]!.start === w.start) last++;
  return dir < 0 ? first : last;
}

const LEGAL_FORM_WORDS = new Set(
  'llc ltd limited inc corp corporation co company jsc ojsc cjsc pjsc oao zao ooo pao ao gmbh ag sa srl spa bv nv plc lp llp fze fzco pte pty kg'.split(
    ' ',
  ),
);
const isLegalFormWord = (word: string): boolean => LEGAL_FORM_WORDS.has(word.toLowerCase().replace(/\./g, ''));

/**
 * Words by which a text says it speaks of a ship: ship, vessel, tanker, freighter, cargo ship, bulk carrier, trawler,
 * IMO (number), flag / flagged / reflagged, ship-to-ship... (the brief of issue 12, item 6, and the words of maritime
 * sanctions advisories).
 */
const VESSEL_WORDS =
  /\b(?:(?:super)?tankers?|ships?|vessels?|freighters?|cargo\s+ships?|container\s+ships?|bulkers?|bulk\s+carriers?|(?:lng|lpg|oil|ore)\s+carriers?|trawlers?|yachts?|barges?|tug(?:boat)?s?|ferr(?:y|ies)|dhows?|boats?|imo|(?:re)?flag(?:ged|s)?|ship-to-ship|hull)\b/i;
/** Words by which a text says it speaks of an aircraft: aircraft, plane, jet, airliner, helicopter, tail number... */
const AIRCRAFT_WORDS =
  /\b(?:aircraft|(?:air|aero)?planes?|jets?|jetliners?|airliners?|airframes?|freighters?|helicopters?|tail\s+(?:number|no)|registration|boeing|airbus|ilyushin|antonov|tupolev|embraer|bombardier|il-\d+|an-\d+|tu-\d+)\b/i;
/** Ship prefixes written right before a name: MV, M/V, MT, M/T, MS, M/S, SS (capitals, as written). */
const VESSEL_PREFIX = /\b(?:M\/?[VTS]|SS)\.?\s*["'\u201c\u2018]?$/;
const VESSEL_CUE = { words: VESSEL_WORDS, prefix: VESSEL_PREFIX };
const AIRCRAFT_CUE = { words: AIRCRAFT_WORDS, prefix: /(?!)/ };

/**
 * Words that may stand between a ship or aircraft word and the name it introduces: "the plane registered YK-ANH",
 * "the jet with tail number EP-IEB", "a tanker later renamed Amber", "the tanker, formerly named Freedom".
 */
const LINKING_WORDS = new Set(
  'a an the its registered registration named called dubbed known as renamed formerly now later once then with tail number no which was is has been since'.split(
    ' ',
  ),
);
/** Linking words allowed between a ship or aircraft word and the name, or before the word in apposition. */
const MAX_LINKING = 4;

/**
 * True when the text says that the name at `spanStart..words[to]` is a ship's or an aircraft's: a ship or aircraft
 * word (`cue.words`) right before it with only linking words between ("the tanker Amber", "the Panama-flagged Faxon",
 * "an Ilyushin aircraft, RA-82010"), a ship prefix (MV, M/V), or one in apposition right after it ("Amber, an
 * Iranian tanker", "Amber (IMO 9187629)"). A ship word elsewhere in the sentence says nothing of the name: "Maria took
 * the boat", "Daniel has worked on the ship", "the cruise ship stopped at Salina".
 */
function spokenOf(text: string, words: TextToken[], spanStart: number, to: number, cue: { words: RegExp; prefix: RegExp }): boolean {
  const firstWord = words.findIndex((w) => w.end > spanStart);
  const before = text.slice(words[Math.max(0, firstWord - CUE_REACH)]!.start, spanStart);
  if (cue.prefix.test(before)) return true;
  // Between the ship word and the name: linking words, or capitalised words the name is written with but not listed
  // with (the tanker Lady Mariia = LADY MARIIA, whose "Lady" is a title; the aircraft EK-30064).
  const linking = (between: string): boolean => {
    if (/[.;!?]/.test(between)) return false;
    const ws = between.match(/[\p{L}\p{N}]+/gu) ?? [];
    return ws.length <= MAX_LINKING && ws.every((w) => LINKING_WORDS.has(w.toLowerCase()) || /^[\p{Lu}\p{N}]/u.test(w));
  };
  let last: RegExpExecArray | undefined;
  for (const m of before.matchAll(new RegExp(cue.words.source, 'gi'))) last = m;
  if (last && linking(before.slice(last.index + last[0].length))) return true;
  const after = text.slice(words[to]!.end, words[Math.min(words.length - 1, to + CUE_REACH)]!.end);
  const apposition = /^\s*[,(\u2013\u2014]\s*/.exec(after);
  if (!apposition) return false;
  const rest = after.slice(apposition[0].length);
  const hit = new RegExp(cue.words.source, 'i').exec(rest);
  if (!hit) return false;
  // "Amber, an Iranian-owned crude tanker": up to four words before the ship word, none ending the phrase.
  const lead = rest.slice(0, hit.index);
  return !/[.;!?),]/.test(lead) && (lead.match(/\p{L}+/gu) ?? []).length <= MAX_LINKING;
}

/**
 * True when a capitalised word the listed name does not hold stands right before the span, after the ship or aircraft
 * word: "the ship Grace Maria" names the Grace Maria, not the listed MARIA (the tanker Lady Mariia is LADY MARIIA;
 * MV, M/V and "Panama-flagged" are no part of a name).
 */
function longerCraftName(
  text: string,
  words: TextToken[],
  spanStart: number,
  listed: string,
  cue: { words: RegExp; prefix: RegExp },
): boolean {
  const at = words.findIndex((w) => w.end > spanStart);
  let p = at - 1;
  while (p >= 0 && words[p]!.start === words[at]!.start) p--;
  const w = words[p];
  if (!w || !/^[ \t]+$/.test(text.slice(w.end, spanStart)) || !/^\p{Lu}/u.test(w.word)) return false;
  if (cue.prefix.test(text.slice(Math.max(0, w.start - 2), spanStart)) || new RegExp(cue.words.source, 'i').test(w.word)) return false;
  const listedWords = new Set(normaliseTokens(listed));
  return !normaliseTokens(w.word).some((t) => listedWords.has(t));
}

/**
 * Words of a state organ's generic name: "Ministry of Defense", "Ministry of Foreign Affairs", "Central Bank",
 * "General Staff of the Armed Forces". A name made of these alone (and of, the, and, for) names no one until the text
 * says whose it is.
 */
const STATE_ORGAN_WORDS = new Set(
  (
    'ministry ministries minister department departments office bureau agency directorate council committee commission administration service services ' +
    'staff general central national state federal people peoples republic bank defense defence foreign external affairs interior internal home finance ' +
    'economy economic economics trade commerce industry industries security intelligence armed force forces army navy naval air aerospace police guard guards ' +
    'border military government cabinet presidential presidency justice energy health information communications culture education science technology ' +
    'treasury customs revenue taxes tax finances development planning supreme high command headquarters main public war'
  ).split(' '),
);
const ORGAN_FILLERS = new Set(['of', 'the', 'and', 'for', 's', 'on']);

/**
 * True when a name found in text is only a generic state organ name: made of `STATE_ORGAN_WORDS` alone, or a ministry
 * of one or two sectors named by ordinary words ("the Ministry of Petroleum", "the Ministry of Mines and Energy", "the
 * Oil Ministry": every state has one). A country word or a proper name makes it someone's ("Ministry of Defense of
 * Syria", "Ministry of Defense and Armed Forces Logistics" is longer than any generic name).
 */
export function isStateOrganName(span: string): boolean {
  const words = (span.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => !ORGAN_FILLERS.has(w));
  if (words.length > 0 && words.every((w) => STATE_ORGAN_WORDS.has(w))) return true;
  return (
    words.includes('ministry') &&
    words.length <= 3 &&
    words.every((w) => STATE_ORGAN_WORDS.has(w) || (isOrdinaryWord(w) && !isCountryWord(w)))
  );
}

let commonSurnames: Set<string> | undefined;
/**
 * True for a common family name of any of faker's 61 locales (Smirnov, Taylor, Kovalenko, Yilmaz):
 * `data/reference/common-surnames.txt`, read on first use. Such a name alone names no one in particular.
 */
export function isCommonSurname(token: string): boolean {
  commonSurnames ??= new Set(
    readFileSync(dataPath('reference', 'common-surnames.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return commonSurnames.has(token);
}

/**
 * A listed person's family name written alone in the text, as news writes a known name after the first mention or
 * without it ("Lukashenko's visit", "Mr. Lukashenko said", "Putin's spokesman"): a match of score
 * `FAMILY_ALONE_SCORE` × the word's similarity, or undefined. The word must be the listed family name (marked as such
 * by the list: `SURNAME, Given`) as written (≥ 0.95), start with a capital, have ≥ 5 letters, be no ordinary word and
 * no common surname of any language (`isCommonSurname`: Smirnov, Taylor and Khan name no one in particular), and
 * not stand next to another name word (Ivan Smirnov is another Smirnov); the text must speak of a known person
 * (`introducedAsKnown`: a possessive or a title); few listed persons may bear it
 * (`FAMILY_ALONE_MAX_ENTRIES`), and the text must not give it to someone else elsewhere ("Ivan Smirnov … Smirnov said").
 * A middle name or a given name alone never qualifies.
 */
function familyNameAlone(
  index: ScannableIndex,
  text: string,
  words: TextToken[],
  n: IndexedName,
  vocabId: number,
  at: number,
  similarity: number,
  threshold: number,
  memo: SimilarityMemo,
): TextMatch | undefined {
  const score = FAMILY_ALONE_SCORE * similarity;
  if (score < threshold || similarity < SINGLE_WORD_SIMILARITY || !mayBeFamilyWord(index, vocabId)) return undefined;
  const w = words[at]!;
  const token = index.vocabulary.tokens[vocabId]!;
  if (!/^\p{Lu}/u.test(w.word) || isOrdinaryWord(w.word)) return undefined;
  // One text word may hold several tokens (Ho-jin): the family name must be the whole word.
  if (words.some((o, i) => i !== at && o.start === w.start)) return undefined;
  if (!n.weighted.tokens.some((t) => t.family && t.text === token)) return undefined;
  if (partOfLongerName(text, words, at, at) || !introducedAsKnown(text, w)) return undefined;
  // Someone else of that name in the same text: the family name alone may be theirs.
  if (words.some((o, i) => i !== at && o.text === w.text && partOfLongerName(text, words, i, i))) return undefined;
  const span = { start: w.start, end: w.end, text: text.slice(w.start, w.end) };
  const m = index.score(weighName(prepareName(span.text, 'Person'), index.stats), n, undefined, memo);
  return {
    ...m,
    score,
    flags: [...m.flags, 'family-name-alone'],
    explanation: {
      ...m.explanation,
      penalties: [
        ...m.explanation.penalties,
        {
          rule: 'single-token',
          detail: `family name "${span.text}" alone (of ${n.value}): scored ${FAMILY_ALONE_SCORE} x similarity`,
          cap: FAMILY_ALONE_SCORE,
        },
      ],
    },
    span,
  };
}

/**
 * What a listed word must be to be a family name alone, wherever the text writes it: long enough, not a common
 * surname, and borne by one listed person only.
 */
function mayBeFamilyWord(index: ScannableIndex, vocabId: number): boolean {
  const token = index.vocabulary.tokens[vocabId]!;
  return token.length >= FAMILY_ALONE_MIN_LETTERS && !isCommonSurname(token) && listedBearers(index, vocabId) <= FAMILY_ALONE_MAX_ENTRIES;
}

/** Titles and roles news writes before a known person's family name ("President Lukashenko", "Mr. Putin"). */
const TITLE_BEFORE =
  /\b(?:mr|mrs|ms|dr|president|premier|chancellor|minister|general|gen|colonel|col|admiral|marshal|commander|senator|sen|governor|gov|deputy|director|chairman|chief|leader|secretary|ambassador|king|queen|prince|sheikh|emir|ayatollah|comrade|strongman|dictator|tycoon|oligarch|warlord|businessman|banker|spokesman)\.?\s+$/i;

/**
 * True when the text speaks of the family name as of a known person: a possessive after it ("Lukashenko's visit") or a
 * title or role right before it ("President Lukashenko", "Mr. Putin"). A bare surname ("Smirnov scored twice") is
 * too little: many people bear any family name.
 */
function introducedAsKnown(text: string, w: TextToken): boolean {
  return (
    /^(?:['\u2019]s\b|s?['\u2019](?!\p{L}))/u.test(text.slice(w.start + w.word.length, w.start + w.word.length + 3)) ||
    TITLE_BEFORE.test(text.slice(Math.max(0, w.start - 20), w.start))
  );
}

const bearersMemo = new WeakMap<ScannableIndex, Map<number, number>>();
/** Number of listed entries with a name holding the token (memoised per index). */
function listedBearers(index: ScannableIndex, vocabId: number): number {
  let memo = bearersMemo.get(index);
  if (!memo) bearersMemo.set(index, (memo = new Map()));
  let count = memo.get(vocabId);
  if (count === undefined) {
    const entries = new Set<number>();
    for (const nameId of index.postingsOf(vocabId)) {
      entries.add(index.table.entryIndex(nameId));
      if (entries.size > FAMILY_ALONE_MAX_ENTRIES) break;
    }
    memo.set(vocabId, (count = entries.size));
  }
  return count;
}
