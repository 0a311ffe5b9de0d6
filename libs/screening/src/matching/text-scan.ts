import { prepareName } from '../normalise/prepare-name';
import { normaliseTokens } from '../normalise/tokens';
import type { IndexedName, ScreeningIndex } from './screening-index';
import type { TextMatch } from './types';
import type { SimilarityMemo } from './compare-names';
import { weighName, type WeightedName } from './weighted-name';

/** Text token similarity needed to count as a hit of a name token. */
const HIT_SIMILARITY = 0.7;
/** Text words a name may spread over beyond its own token count (middle names, initials). */
const WINDOW_SLACK = 2;

interface TextToken {
  text: string;
  start: number;
  end: number;
}

/** Words of free text with spans; English possessive 's is dropped (Lukashenko’s → Lukashenko). */
export function textTokens(text: string): TextToken[] {
  const out: TextToken[] = [];
  // Invisible format characters (\p{Cf}: zero-width spaces, joiners) belong to the word they sit in, so that
  // "Pu\u200btin" is one word; normalisation then drops them.
  const re = /[\p{L}\p{M}\p{N}\p{Cf}]+(?:['\u2019][\p{L}\p{M}\p{Cf}]+)*/gu;
  for (const m of text.matchAll(re)) {
    const word = m[0].replace(/['\u2019]s$/i, '');
    for (const t of normaliseTokens(word)) out.push({ text: t, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/**
 * Multi-pattern search of free text for listed names, without looping over the list:
 * 1. each text word is looked up in the index vocabulary (exact / phonetic / one edit, ≥ 0.7);
 * 2. non-generic hits anchor candidate names through the inverted index (a generic word such as
 *    "group" or "Mohammad" never anchors);
 * 3. around each anchor, the text words that hit the name's tokens within `tokens + 2` words form a
 *    window; a name needs hits on two of its tokens (or be a one-token name of ≥ 4 letters that is
 *    not a weak alias);
 *    a one-token name must be written like a name in the text: not all lower case ("both" is not
 *    B.O.T.H.), and in capitals when the listed name is a dotted acronym;
 * 4. the window text is prepared as a name of the entry's schema and scored against the name with the
 *    same rules as `screenName`; matches ≥ threshold are kept, best per entry and span.
 */
export function scanTextForNames(index: ScreeningIndex, text: string, threshold: number, limit: number): TextMatch[] {
  const words = textTokens(text);
  const hitCache = new Map<string, Map<number, number>>();
  const hitsAt: Array<Map<number, number>> = words.map((w) => {
    let h = hitCache.get(w.text);
    if (!h) {
      h = new Map(index.lookupToken(w.text, HIT_SIMILARITY).map((x) => [x.id, x.similarity]));
      hitCache.set(w.text, h);
    }
    return h;
  });
  const anchors = new Map<number, number[]>();
  hitsAt.forEach((hits, pos) => {
    for (const id of hits.keys()) {
      const token = index.vocabulary.tokens[id]!;
      if (index.stats.isGeneric(token) || /^\d+$/.test(token)) continue;
      for (const nameId of index.postingsOf(id)) {
        const list = anchors.get(nameId);
        if (!list) anchors.set(nameId, [pos]);
        else if (list[list.length - 1] !== pos) list.push(pos);
      }
    }
  });

  const best = new Map<string, TextMatch>();
  // Windows repeat (one span anchors many names): prepare each span once per schema, share token similarities.
  const prepared = new Map<string, WeightedName>();
  const memo: SimilarityMemo = new Map();
  const table = index.table;
  for (const [nameId, positions] of anchors) {
    const ids = table.vocabIds(nameId);
    const single = ids.length === 1;
    if (single && (table.kind(nameId) === 'weak-aka' || index.vocabulary.tokens[ids[0]!]!.length < 4)) continue;
    // The name as an object only once a window of the text may match it (most anchored names have none).
    let n: IndexedName | undefined;
    const reach = ids.length + WINDOW_SLACK;
    for (const a of positions) {
      const hitPositions: number[] = [];
      const matched = new Set<number>();
      for (let p = Math.max(0, a - reach); p <= Math.min(words.length - 1, a + reach); p++) {
        for (const id of ids) if (hitsAt[p]!.has(id)) {
          matched.add(id);
          hitPositions.push(p);
          break;
        }
      }
      if (matched.size < Math.min(2, ids.length)) continue;
      n ??= index.nameAt(nameId);
      const from = Math.min(...hitPositions);
      let to = Math.max(...hitPositions);
      // A one-word name with a legal form (MY AVIATION COMPANY LIMITED) must be followed by one.
      const needsForm = single && n.weighted.prepared.legalForms.length > 0;
      if (needsForm) to = Math.min(words.length - 1, to + 3);
      const span = { start: words[from]!.start, end: words[to]!.end, text: '' };
      span.text = text.slice(span.start, span.end);
      if (single && !looksLikeName(span.text, n.value)) continue;
      const preparedKey = `${n.entry.schema}\u0000${span.text}`;
      let q = prepared.get(preparedKey);
      if (!q) prepared.set(preparedKey, (q = weighName(prepareName(span.text, n.entry.schema), index.stats)));
      // Score first; the explanation only for windows that pass.
      if (index.rawScore(q, n, undefined, memo) < threshold) continue;
      const m = index.score(q, n, undefined, memo);
      if (m.score < threshold || (needsForm && m.explanation.legalForms.compatible !== true)) continue;
      const key = `${n.entry.listId}\u0000${n.entry.entryId}\u0000${span.start}`;
      const prev = best.get(key);
      if (!prev || m.score > prev.score) best.set(key, { ...m, span });
    }
  }
  // Overlapping spans of one entry: keep the best.
  const sorted = [...best.values()].sort((a, b) => b.score - a.score || a.span.start - b.span.start);
  const kept: TextMatch[] = [];
  for (const m of sorted) {
    const overlaps = kept.some((k) => k.entry.listId === m.entry.listId && k.entry.entryId === m.entry.entryId && k.span.start < m.span.end && m.span.start < k.span.end);
    if (!overlaps) kept.push(m);
  }
  return kept.sort((a, b) => a.span.start - b.span.start || b.score - a.score).slice(0, limit);
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
