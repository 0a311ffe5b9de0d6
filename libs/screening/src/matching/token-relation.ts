/**
 * Which token pairs may be similar at all: the contract between `tokenSimilarity` (which returns 0 for any pair
 * outside it) and `Vocabulary.lookup` (which enumerates every vocabulary token inside it). Because the two agree,
 * the index's candidate generation can prove that a name it never looked at cannot reach a threshold
 * (see `ScreeningIndex.screenName`).
 *
 * Two normalised tokens are related when any of these holds:
 * - equal;
 * - an initial and a word of ≥ 3 letters starting with it (J / John);
 * - the same `phoneticKey` (Husain / Hussain), or the same consonant skeleton of the keys, of ≥
 *   `SKELETON_MIN_LENGTH` consonants (Aleksandr / Alexander, Mohammed / Mhmd read from an abjad);
 * - within `deletionDepth` letter deletions of a common string on each side (typos, swaps, doubled letters:
 *   Adbul / Abdul): the longest common subsequence is at least max(|a| − depth(|a|), |b| − depth(|b|));
 * - a word of 4–5 letters and a word it begins, at least 2 letters longer (Comm / Commendatore): abbreviations that
 *   keep the word's start. Contractions (Mfg, Bros, Svcs) are expanded when names are prepared;
 * - two words of 2 letters sharing one of them in place (Ri / Rx, Al / Xl): one letter replaced, which only a word
 *   the lists never use is forgiven (`querySimilarity`).
 * Numbers are related only when equal.
 */

/** Consonant skeletons this long or longer relate their tokens. */
export const SKELETON_MIN_LENGTH = 4;

/** The consonants of a phonetic key (`phoneticKey` writes every vowel run as `a`): Aleksandr, Alexander → lksndr. */
export function skeletonOf(key: string): string {
  return key.replace(/a/g, '');
}
/** Shortest and longest abbreviation by prefix, and how much longer the full word must be. */
export const PREFIX_MIN = 4;
export const PREFIX_MAX = 5;
export const PREFIX_GAP = 2;

/** Letters that may be deleted from a token of `length` to meet a related token (0: none; numbers: none). */
export function deletionDepth(token: string): number {
  if (token.length < 3 || isDigit(token.charCodeAt(0))) return 0;
  return token.length >= 8 ? 2 : 1;
}

/** True when the pair is related (see the module comment). `keyA`/`keyB`: the tokens' `phoneticKey`s. */
export function areRelated(a: string, b: string, keyA: string, keyB: string): boolean {
  if (a === b) return true;
  // Tokens are all digits or all letters: numbers relate only when equal.
  if (isDigit(a.charCodeAt(0)) || isDigit(b.charCodeAt(0))) return false;
  if (a.length === 1 || b.length === 1) return isInitialOf(a, b) || isInitialOf(b, a);
  if (a.length === 2 && b.length === 2) return isTwoLetterSubstitution(a, b) || keyA === keyB;
  if (keyA === keyB || sameSkeleton(keyA, keyB)) return true;
  if (isPrefixAbbreviation(a, b) || isPrefixAbbreviation(b, a)) return true;
  const da = deletionDepth(a);
  const db = deletionDepth(b);
  if (da === 0 && db === 0) return false;
  const need = Math.max(a.length - da, b.length - db);
  if (Math.min(a.length, b.length) < need || sharedLetters(a, b) < need) return false;
  return longestCommonSubsequence(a, b) >= need;
}

/** Two different 2-letter words that agree in one place (Ri / Rx, Al / Xl). */
export function isTwoLetterSubstitution(a: string, b: string): boolean {
  return a.length === 2 && b.length === 2 && a !== b && (a[0] === b[0] || a[1] === b[1]);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const letterCounts = new Int32Array(128);

/** Size of the multiset intersection of the two tokens' letters: an upper bound of their common subsequence. */
function sharedLetters(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 127]!++;
  let shared = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i) & 127;
    if (letterCounts[c]! > 0) {
      letterCounts[c]!--;
      shared++;
    }
  }
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 127] = 0;
  return shared;
}

/** The keys' consonant skeletons are equal and at least `SKELETON_MIN_LENGTH` long. */
export function sameSkeleton(keyA: string, keyB: string): boolean {
  // Compared in place: this runs for every token pair a comparison meets.
  let i = 0;
  let j = 0;
  let n = 0;
  for (;;) {
    while (i < keyA.length && keyA.charCodeAt(i) === 97) i++;
    while (j < keyB.length && keyB.charCodeAt(j) === 97) j++;
    if (i === keyA.length || j === keyB.length) return i === keyA.length && j === keyB.length && n >= SKELETON_MIN_LENGTH;
    if (keyA.charCodeAt(i++) !== keyB.charCodeAt(j++)) return false;
    n++;
  }
}

/** `initial` is one letter and `word` a word of ≥ 3 letters starting with it. */
export function isInitialOf(initial: string, word: string): boolean {
  return initial.length === 1 && word.length >= 3 && word[0] === initial;
}

/** `short` (4–5 letters, not a number) begins `long`, which is at least `PREFIX_GAP` letters longer. */
export function isPrefixAbbreviation(short: string, long: string): boolean {
  return (
    short.length >= PREFIX_MIN &&
    short.length <= PREFIX_MAX &&
    long.length >= short.length + PREFIX_GAP &&
    long.startsWith(short) &&
    !isDigit(short.charCodeAt(0))
  );
}

let lcsRow = new Int32Array(64);

/** Length of the longest common subsequence (O(|a|·|b|), one reused row). */
export function longestCommonSubsequence(a: string, b: string): number {
  const m = b.length;
  if (lcsRow.length < m + 1) lcsRow = new Int32Array((m + 1) * 2);
  const row = lcsRow;
  row.fill(0, 0, m + 1);
  for (let i = 0; i < a.length; i++) {
    let diag = 0;
    const ca = a.charCodeAt(i);
    for (let j = 1; j <= m; j++) {
      const up = row[j]!;
      row[j] = ca === b.charCodeAt(j - 1) ? diag + 1 : Math.max(up, row[j - 1]!);
      diag = up;
    }
  }
  return row[m]!;
}

/** Every distinct string left by deleting 1 … `depth` letters of `token` (not `token` itself). */
export function deletionStrings(token: string, depth: number): string[] {
  const out = new Set<string>();
  let level = [token];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const s of level) {
      for (let i = 0; i < s.length; i++) {
        if (i > 0 && s[i] === s[i - 1]) continue;
        const t = s.slice(0, i) + s.slice(i + 1);
        if (!out.has(t)) {
          out.add(t);
          next.push(t);
        }
      }
    }
    level = next;
  }
  return [...out];
}
