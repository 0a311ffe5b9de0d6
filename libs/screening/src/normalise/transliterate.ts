import { pinyin } from 'pinyin-pro';
import { transliterate as anyToLatin } from 'transliteration';

const HAN_RUN = /\p{Script=Han}+/gu;
// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const NON_ASCII = /[^\x00-\x7f]/;

/** Invisible format characters (zero-width space and joiners, soft hyphen, bidi marks): Unicode category Cf. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * Cyrillic and Greek letters drawn like Latin ones. In a word that mixes them with Latin letters ("Vladimir Рutin"
 * with a Cyrillic Р) they stand for the Latin letter they imitate, not for their own sound (Р → P, not R).
 */
const LATIN_LOOKALIKES: Record<string, string> = Object.fromEntries(
  [
    ['АВЕКМНОРСТУХ', 'ABEKMHOPCTYX'],
    ['аеорсухіјѕԁԛԝ', 'aeopcyxijsdqw'],
    ['ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ', 'ABEZHIKMNOPTYX'],
    ['οικνρτυχ', 'oiknptux'],
  ].flatMap(([from, to]) => [...from].map((c, i) => [c, to[i]!])),
);
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/** Replaces look-alike Cyrillic and Greek letters inside words that also hold Latin letters (see {@link LATIN_LOOKALIKES}). */
export function unmixScripts(input: string): string {
  return input.replace(WORD, (word) => (LATIN.test(word) && CYRILLIC_OR_GREEK.test(word) ? [...word].map((c) => LATIN_LOOKALIKES[c] ?? c).join('') : word));
}

/**
 * Latin (ASCII) rendering of a string in any script, after Unicode NFKC, with invisible format characters removed and
 * look-alike letters in mixed-script words read as Latin ({@link unmixScripts}; both found by a fresh-user review:
 * "Vla\u200bdimir Pu\u200btin" and a Cyrillic Р in "Putin" slipped past screening):
 * - Chinese characters → toneless pinyin syllables separated by spaces (`pinyin-pro`, which also
 *   handles polyphones in context); Japanese kanji are read the same way (consistent, not Japanese);
 * - everything else (Cyrillic, Greek, Arabic/Persian, Hebrew, Georgian, Armenian, Hangul, kana,
 *   Latin diacritics) → `transliteration` (CommonJS); diacritics are dropped, ß → ss, æ → ae.
 * Case is kept; punctuation is left for the caller.
 */
export function toLatin(input: string): string {
  let s = input.normalize('NFKC');
  if (!NON_ASCII.test(s)) return s;
  s = unmixScripts(s.replace(FORMAT_CHARACTERS, ''));
  if (!NON_ASCII.test(s)) return s;
  s = s.replace(HAN_RUN, (run) => ` ${pinyin(run, { toneType: 'none', type: 'array' }).join(' ')} `);
  if (!NON_ASCII.test(s)) return s;
  return anyToLatin(s, { unknown: '' });
}
