import { transliterate as anyToLatin } from 'transliteration';
import { armenianToLatin, cyrillicToLatin, georgianToLatin } from './scripts/alphabets';
import { hanToLatin } from './scripts/han';
import { hangulToLatin } from './scripts/hangul';
import { hebrewToLatin } from './scripts/hebrew';
import { kanaToLatin } from './scripts/kana';
import { myanmarToLatin } from './scripts/myanmar';
import { thaiToLatin } from './scripts/thai';

export { consonantSkeleton, sameConsonantSkeleton } from './scripts/abjad';
// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const NON_ASCII = /[^\x00-\x7f]/;

/** Invisible format characters (zero-width space and joiners, soft hyphen, bidi marks): Unicode category Cf. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** A run under a right-to-left override (U+202E), to its pop (U+202C), the next embedding or override, or the end. */
const RIGHT_TO_LEFT_OVERRIDE = /\u202e([^\u202a-\u202e]*)(?:\u202c|(?=[\u202a-\u202e])|$)/gu;
/** Letters of the scripts written right to left, which an override leaves in the order they are read. */
const RIGHT_TO_LEFT_SCRIPT = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * Text as it is displayed under right-to-left overrides: a run of left-to-right letters after U+202E is shown
 * backwards, so "\u202enituP rimidalV" reads "Vladimir Putin" on screen while its characters spell the reverse (a
 * new user's way past screening). A run holding right-to-left letters is left as it is (they are read in their own
 * order either way).
 */
function asDisplayed(input: string): string {
  if (!input.includes('\u202e')) return input;
  return input.replace(RIGHT_TO_LEFT_OVERRIDE, (_, run: string) => (RIGHT_TO_LEFT_SCRIPT.test(run) ? run : [...run].reverse().join('')));
}

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
  return input.replace(WORD, (word) =>
    LATIN.test(word) && CYRILLIC_OR_GREEK.test(word) ? [...word].map((c) => LATIN_LOOKALIKES[c] ?? c).join('') : word,
  );
}

/** Scripts read by a reader of their own (./scripts), each applied to a maximal run of its letters and marks. */
const READERS: Array<[RegExp, (run: string) => string]> = [
  [/[\p{Script=Han}\u3005\u3007]+/gu, hanToLatin],
  [/[\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u30fb\uff65]+/gu, kanaToLatin],
  [/[\p{Script=Hangul}]+/gu, hangulToLatin],
  // Hebrew words keep their geresh (ג' j) and gershayim (בע"מ) marks, which sit between or after letters
  [/\p{Script=Hebrew}+(?:['"\u2019]+\p{Script=Hebrew}*)*/gu, hebrewToLatin],
  [/[\p{Script=Myanmar}]+/gu, myanmarToLatin],
  [/[\p{Script=Thai}]+(?:\s+[\p{Script=Thai}]+)*/gu, thaiToLatin],
  [/[\p{Script=Georgian}]+/gu, georgianToLatin],
  [/[\p{Script=Armenian}]+/gu, armenianToLatin],
  [/[\p{Script=Cyrillic}]+/gu, cyrillicToLatin],
];

/**
 * Latin (ASCII) rendering of a string in any script, after Unicode NFKC, as displayed under right-to-left overrides
 * ({@link asDisplayed}), with invisible format characters removed and
 * look-alike letters in mixed-script words read as Latin ({@link unmixScripts}; both found by a fresh-user review:
 * "Vla\u200bdimir Pu\u200btin" and a Cyrillic Р in "Putin" slipped past screening). Each run of one script is read
 * by its reader and kept apart from its neighbours by spaces:
 * - Han → toneless pinyin syllables separated by spaces (`pinyin-pro`, polyphones in context; Japanese kanji too):
 *   习近平 → "xi jin ping" ({@link hanToLatin});
 * - Hangul → Revised Romanisation syllables separated by spaces (`es-hangul`), a name's surname spelt as usual:
 *   김정은 → "kim jeong eun" ({@link hangulToLatin});
 * - kana → Hepburn without long-vowel marks (`wanakana`): シンゾー → "shinzo" ({@link kanaToLatin});
 * - Hebrew → consonants with the vowel letters ו י א ע read as vowels (hand table): אברהם → "avrhm"
 *   ({@link hebrewToLatin}); compare abjad readings on their consonant skeleton (consonantSkeleton, re-exported here);
 * - Burmese → conventional romanisation by syllable (hand table): အောင် → "aung" ({@link myanmarToLatin});
 * - Thai → RTGS (`any-ascii` after fixing silent letters and vowel order) ({@link thaiToLatin});
 * - Georgian, Armenian, Cyrillic → `any-ascii` (Georgian and Armenian national systems, Armenian ու → u; Cyrillic
 *   close to BGN/PCGN: х kh, ц ts, as lists write it) ({@link georgianToLatin}, {@link armenianToLatin},
 *   {@link cyrillicToLatin});
 * - everything else (Greek, Arabic/Persian consonant skeletons such as محمد → "mhmd", Latin diacritics) →
 *   `transliteration`; diacritics are dropped, ß → ss, æ → ae.
 * Case is kept; punctuation is left for the caller.
 */
export function toLatin(input: string): string {
  let s = input.normalize('NFKC');
  if (!NON_ASCII.test(s)) return s;
  s = unmixScripts(asDisplayed(s).replace(FORMAT_CHARACTERS, ''));
  if (!NON_ASCII.test(s)) return s;
  for (const [run, read] of READERS) s = s.replace(run, (r) => ` ${read(r)} `);
  if (NON_ASCII.test(s)) s = anyToLatin(s, { unknown: '' });
  return s.replace(/ {2,}/g, ' ').trim();
}
