import { jaroWinkler } from './jaro-winkler';
import { phoneticKey } from './phonetic';
import { isOneEdit } from '../normalise/one-edit';
import { areRelated, isPrefixAbbreviation, isTwoLetterSubstitution, sameSkeleton } from './token-relation';

export { isOneEdit };

/** Similarity given to two different spellings with the same `phoneticKey`. */
export const PHONETIC_SIMILARITY = 0.92;
/** Phonetic keys this long agree only for the same name, however differently spelt. */
export const LONG_KEY = 7;
/** Same phonetic key (shorter than `LONG_KEY`) but Jaro-Winkler below 0.85. */
export const LOOSE_PHONETIC_SIMILARITY = 0.75;
/** Similarity given to an abbreviation that begins its word (Comm/Commendatore, Ind/Industria). */
export const ABBREVIATION_SIMILARITY = 0.8;
/** Similarity of an initial to a word starting with it (Qualizza R. / Qualizza Renzo). */
export const INITIAL_SIMILARITY = 0.7;
/** Jaro-Winkler below this counts as no similarity; between it and 1 the score rises linearly. */
export const JW_FLOOR = 0.8;
/**
 * `tokenSimilarity` for personal names, forgiving typing errors: at least `ONE_EDIT_SIMILARITY` when both tokens
 * have ≥ `ONE_EDIT_MIN_LENGTH` letters and are one edit apart (`isOneEdit`), `TYPING_ERROR_SIMILARITY` for two
 * neighbours swapped or a letter doubled in words of ≥ 4 letters, `SKELETON_SIMILARITY` for words whose phonetic
 * keys have the same consonants. Personal names only: in company and vessel names one letter usually makes another word (Exports/Experts,
 * Mining/Dining, Lefkada/Lefkosia), which the evaluation pairs count as different parties. Every pair it lifts is
 * related (`areRelated`), so the index still finds it.
 */
export function typoSimilarity(a: string, b: string, keyA?: string, keyB?: string): number {
  return similarity(a, b, keyA ?? phoneticKey(a), keyB ?? phoneticKey(b), true, false);
}

/**
 * Similarity of a query token `a` to a listed token `b`: `typoSimilarity` for personal names, `tokenSimilarity`
 * otherwise, and, when `a` is a word the lists never use (`unknown`), one edit anywhere is forgiven whatever the
 * schema: `ONE_EDIT_SIMILARITY` for words of ≥ 4 letters, `SHORT_EDIT_SIMILARITY` for 3 (Mxning / Mining, Kxm /
 * Kim), `TWO_LETTER_EDIT_SIMILARITY` for one letter replaced in a word of 2 (Rx / Ri, xL / Al). A listed word one
 * letter from another listed word is another word (Mining / Dining); an unknown one is most likely a listed word
 * mistyped. Never below `typoSimilarity`'s related-pair rule: the index still finds every pair.
 */
export function querySimilarity(a: string, b: string, keyA: string, keyB: string, personal: boolean, unknown: boolean): number {
  return similarity(a, b, keyA, keyB, personal, unknown);
}

/** Similarity of an unknown 3-letter query word one edit from a listed word. */
export const SHORT_EDIT_SIMILARITY = 0.8;
/**
 * Similarity of an unknown 2-letter query word with one letter of a listed 2-letter word replaced: half the word
 * differs, so less than `SHORT_EDIT_SIMILARITY`; the rest of the name carries the match (Rx Chong Chol / Ri Chong
 * Chol, xL Lami / Al Lami).
 */
export const TWO_LETTER_EDIT_SIMILARITY = 0.75;

/**
 * Similarity of two long words one typing error apart (one letter replaced, inserted, deleted, or two
 * neighbours swapped), wherever the error is: Jaro-Winkler punishes an error near the start hard
 * (Vxrobyev/Vorobyev 0.41, Fxrnandez/Fernandez 0.67) although it is as likely as one at the end.
 */
export const ONE_EDIT_SIMILARITY = 0.85;
/** Both words must have at least this many letters for `ONE_EDIT_SIMILARITY`: in short words one letter makes another name (Kang/King, Hing/Shing). */
export const ONE_EDIT_MIN_LENGTH = 6;

/**
 * Similarity in [0, 1] of two normalised tokens, steep on purpose: one changed letter in a short
 * word (Shing/Hing, Exports/Imports) keeps little similarity, spelling variants keep much.
 * - equal → 1; an initial and a word it starts → `INITIAL_SIMILARITY`; numbers → 1 only when equal; tokens of ≤ 2 letters → 1 only when equal;
 * - plural/singular or short words differing in a final consonant → `SUFFIX_VARIANT_SIMILARITY`;
 * - same `phoneticKey` → `PHONETIC_SIMILARITY` (`LOOSE_PHONETIC_SIMILARITY` when JW < 0.85);
 * - else `(JW − JW_FLOOR) / (1 − JW_FLOOR)` (Jaro-Winkler rescaled, 0 below the floor), at least
 *   `ABBREVIATION_SIMILARITY` when one token begins the other (Comm/Commendatore);
 * - 0 for every pair that `areRelated` (token-relation.ts) does not relate: the index enumerates exactly those.
 * For personal names see `typoSimilarity`.
 * `keys` may pass precomputed phonetic keys.
 */
export function tokenSimilarity(a: string, b: string, keyA?: string, keyB?: string): number {
  return similarity(a, b, keyA ?? phoneticKey(a), keyB ?? phoneticKey(b), false, false);
}

/** `tokenSimilarity`, with `typoSimilarity`'s lifts when `personal` and `querySimilarity`'s when `unknown`. */
function similarity(a: string, b: string, ka: string, kb: string, personal: boolean, unknown: boolean): number {
  if (a === b) return 1;
  if (!areRelated(a, b, ka, kb)) return 0;
  if (a.length === 1 || b.length === 1) return INITIAL_SIMILARITY; // related: an initial and its word
  if (unknown && isTwoLetterSubstitution(a, b)) return TWO_LETTER_EDIT_SIMILARITY;
  // Each lift below only raises the organisational similarity, so that the most forgiving mode bounds the others.
  let s = organisationalSimilarity(a, b, ka, kb);
  if (personal) s = Math.max(s, personalLift(a, b, ka, kb));
  // A plural or a changed final consonant stays another word (Lixin / Lixing, Hsin / Hsing), known or not.
  if (unknown && a.length >= 3 && b.length >= 3 && isOneEdit(a, b) && !isSuffixVariant(a, b))
    s = Math.max(s, Math.min(a.length, b.length) >= 4 ? ONE_EDIT_SIMILARITY : SHORT_EDIT_SIMILARITY);
  return s;
}

/** `tokenSimilarity` of two related tokens of ≥ 2 letters. */
function organisationalSimilarity(a: string, b: string, ka: string, kb: string): number {
  if (a.length <= 2 || b.length <= 2) return 0;
  if (isSuffixVariant(a, b)) return SUFFIX_VARIANT_SIMILARITY;
  const jw = jaroWinkler(a, b);
  // Same key but little else in common (Putin/Petion) is a weaker sign than Husain/Hussain.
  // A long key agreeing is strong whatever the spelling (Khotintsev / Hotincev: JW only sees the digraphs differ).
  let s =
    ka === kb
      ? jw >= 0.85 || ka.length >= LONG_KEY
        ? PHONETIC_SIMILARITY
        : LOOSE_PHONETIC_SIMILARITY
      : jw <= JW_FLOOR
        ? 0
        : Math.min((jw - JW_FLOOR) / (1 - JW_FLOOR), 0.99);
  if (s < ABBREVIATION_SIMILARITY && (isPrefixAbbreviation(a, b) || isPrefixAbbreviation(b, a))) s = ABBREVIATION_SIMILARITY;
  return s;
}

/** What a personal name forgives beyond `organisationalSimilarity` (0 when nothing). */
function personalLift(a: string, b: string, ka: string, kb: string): number {
  // Short syllables (Korean, Chinese names) keep a doubled letter or a swap after the first letter as a typo: Yyu/Yu, Sko/Sok.
  if (Math.min(a.length, b.length) <= 3) return isShortTypingError(a, b) ? TYPING_ERROR_SIMILARITY : 0;
  if (a.length >= ONE_EDIT_MIN_LENGTH && b.length >= ONE_EDIT_MIN_LENGTH && isOneEdit(a, b)) return ONE_EDIT_SIMILARITY;
  // Two neighbours swapped or a letter doubled is a typing error, not another name (Adbul/Abdul, Slaim/Salim, Watbann).
  if (isTypingError(a, b)) return TYPING_ERROR_SIMILARITY;
  // Romanisation variants that differ only in vowels (Aleksandr/Alexander), and abjad readings without them.
  return sameSkeleton(ka, kb) ? SKELETON_SIMILARITY : 0;
}

/** Similarity of a swapped pair of neighbouring letters or a doubled letter in words of ≥ 4 letters. */
export const TYPING_ERROR_SIMILARITY = 0.85;
/** Similarity of personal-name words with the same consonant skeleton (`sameSkeleton`). */
export const SKELETON_SIMILARITY = 0.8;

/** Two neighbouring letters swapped (Amhad/Ahmad), or one letter doubled or undoubled (Yyu/Yu, Mustafa/Musstafa). */
export function isTypingError(a: string, b: string): boolean {
  if (a.length === b.length) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  // long[i] is the extra letter: a doubling when it repeats a neighbour.
  return (long[i] === long[i - 1] || long[i] === long[i + 1]) && long.slice(i + 1) === short.slice(i);
}

/** A letter doubled in a word of 2–3 letters, or two letters after the first swapped in a word of 3. */
function isShortTypingError(a: string, b: string): boolean {
  if (a.length === b.length) return a.length === 3 && a[0] === b[0] && a[1] === b[2] && a[2] === b[1];
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 2 && long.length === short.length + 1 && isTypingError(short, long);
}

/** Similarity of a word and its plural, or of short words differing in a final letter. */
export const SUFFIX_VARIANT_SIMILARITY = 0.5;

/**
 * True for a plural/singular pair (STAR/STARS, Fraternité/Fraternités: sister ships and sibling
 * companies are named so) or short words (≤ 6 letters) differing only by one final consonant
 * (Lixin/Lixing, Hsin/Hsing are different Chinese syllables).
 */
export function isSuffixVariant(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1 || !long.startsWith(short)) return false;
  return long.endsWith('s') || (short.length <= 6 && !/[aeiouy]$/.test(long));
}
