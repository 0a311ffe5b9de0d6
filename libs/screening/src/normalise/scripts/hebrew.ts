/**
 * Latin reading of unpointed Hebrew, as Israeli names are usually romanised (popular Israeli romanisation, close to
 * the Academy of the Hebrew Language's 2006 simplified rules), with the vowel letters read as vowels. Hand table:
 * `any-ascii` and `transliteration` read every letter as a consonant, so the vowel letter ו becomes "v" (הובלות →
 * "hvvlvt" for Hovalot, גורביץ' → "gvrvyts" for Gurevich), which no vowel-dropping skeleton can repair; the academic
 * `hebrew-transliteration` needs vowel points, which names lack. Vowels that are not written stay unwritten: compare
 * the result on its consonant skeleton ({@link consonantSkeleton} in ./abjad).
 */

/** Letters read the same wherever they stand. */
const LETTERS: Readonly<Record<string, string>> = {
  ג: 'g',
  ד: 'd',
  ה: 'h',
  ז: 'z',
  ח: 'h',
  ט: 't',
  ל: 'l',
  מ: 'm',
  ם: 'm',
  נ: 'n',
  ן: 'n',
  ס: 's',
  צ: 'ts',
  ץ: 'ts',
  ק: 'k',
  ר: 'r',
  ש: 'sh',
  ת: 't',
  ך: 'kh',
  ף: 'f',
};
/** Begadkefat letters: hard at the start of a word, soft after a vowel (unwritten, so: anywhere else). */
const HARD_SOFT: Readonly<Record<string, [string, string]>> = { ב: ['b', 'v'], כ: ['k', 'kh'], פ: ['p', 'f'] };
/** A letter with a geresh writes a foreign sound: ג' j (Jerusalem), ז' zh, צ' / ץ' ch (Gurevich), ת' th. */
const GERESH: Readonly<Record<string, string>> = { ג: 'j', ז: 'zh', צ: 'ch', ץ: 'ch', ת: 'th' };
const GERESH_MARK = /['\u05f3\u2019]/;
/** A Hebrew word with its geresh and gershayim marks. */
export const HEBREW_WORD = /[\u0591-\u05f2]+(?:['"\u05f3\u05f4\u2019]+[\u0591-\u05f2]*)*/g;

/**
 * Where a reading writes the vowel that unpointed Hebrew leaves unwritten between two consonants: `initial` only
 * after a word's first consonant (Hebrew has no word-initial cluster: חדאד Haddad, נחמיאס Nakhmias, כנרת Kinneret);
 * `all` between every two consonants (כנרת "kanarat", גורביץ' "goravich", the spelling of Latin forms that write
 * every vowel). The vowel is written `a`: phonetic keys write every vowel as one, so only its place counts.
 */
export type HebrewVowels = 'initial' | 'all';

/** Reads one word of Hebrew letters (points and cantillation marks are ignored). */
function readWord(word: string, vowels: HebrewVowels): string {
  const letters = [...word.replace(/[\u0591-\u05c7]/g, '')];
  // Each letter's reading and whether it is a consonant (a vowel letter read as a vowel is not).
  const parts: Array<{ text: string; consonant: boolean }> = [];
  const push = (text: string, consonant = true) => parts.push({ text, consonant });
  for (let i = 0; i < letters.length; i++) {
    const c = letters[i]!;
    const next = letters[i + 1];
    if (next !== undefined && GERESH_MARK.test(next) && GERESH[c]) {
      push(GERESH[c]);
      i++;
    } else if (GERESH_MARK.test(c) || c === '"' || c === '\u05f4') {
      // a stray geresh, or gershayim marking an acronym (בע"מ → "bam")
      continue;
    } else if (c === 'ו') {
      // וו is the consonant v; a word-initial ו is "and" or a v; elsewhere ו is the vowel o/u.
      if (next === 'ו') {
        push('v');
        i++;
      } else if (i === 0) push('v');
      else push('o', false);
    } else if (c === 'י') {
      // יי and a word-initial י are the consonant y; elsewhere י is the vowel i/e.
      if (next === 'י') {
        if (i === 0) push('y');
        else push('ai', false);
        i++;
      } else if (i === 0) push('y');
      else push('i', false);
    } else if (HARD_SOFT[c]) push(HARD_SOFT[c]![i === 0 ? 0 : 1]);
    else if (c === 'ה' && i === letters.length - 1 && i > 0)
      push('a', false); // final ה is a vowel (Moshe, Yehuda)
    else if (c === 'א' || c === 'ע') push('a', false);
    else push(LETTERS[c] ?? c);
  }
  let out = '';
  parts.forEach((p, k) => {
    const prev = parts[k - 1];
    if (prev?.consonant && p.consonant && (vowels === 'all' || k === 1)) out += 'a';
    out += p.text;
  });
  return out;
}

/**
 * Latin reading of a run of Hebrew text, word by word (see the module comment), the unwritten vowel placed as
 * `vowels` says: כנרת דון → "kanrt don" (`initial`, the default) or "kanarat don" (`all`), אברהם → "avrhm".
 */
export function hebrewToLatin(run: string, vowels: HebrewVowels = 'initial'): string {
  return run.replace(HEBREW_WORD, (w) => readWord(w, vowels));
}
