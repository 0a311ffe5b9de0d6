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
  ג: 'g', ד: 'd', ה: 'h', ז: 'z', ח: 'h', ט: 't', ל: 'l', מ: 'm', ם: 'm', נ: 'n', ן: 'n', ס: 's', ע: 'a', צ: 'ts',
  ץ: 'ts', ק: 'k', ר: 'r', ש: 'sh', ת: 't', א: 'a', ך: 'kh', ף: 'f',
};
/** Begadkefat letters: hard at the start of a word, soft after a vowel (unwritten, so: anywhere else). */
const HARD_SOFT: Readonly<Record<string, [string, string]>> = { ב: ['b', 'v'], כ: ['k', 'kh'], פ: ['p', 'f'] };
/** A letter with a geresh writes a foreign sound: ג' j (Jerusalem), ז' zh, צ' / ץ' ch (Gurevich), ת' th. */
const GERESH: Readonly<Record<string, string>> = { ג: 'j', ז: 'zh', צ: 'ch', ץ: 'ch', ת: 'th' };
const GERESH_MARK = /['\u05f3\u2019]/;

/** Reads one word of Hebrew letters (points and cantillation marks are ignored). */
function readWord(word: string): string {
  const letters = [...word.replace(/[\u0591-\u05c7]/g, '')];
  let out = '';
  for (let i = 0; i < letters.length; i++) {
    const c = letters[i]!;
    const next = letters[i + 1];
    if (next !== undefined && GERESH_MARK.test(next) && GERESH[c]) {
      out += GERESH[c];
      i++;
    } else if (GERESH_MARK.test(c) || c === '"' || c === '\u05f4') {
      // a stray geresh, or gershayim marking an acronym (בע"מ → "bam")
      continue;
    } else if (c === 'ו') {
      // וו is the consonant v; a word-initial ו is "and" or a v; elsewhere ו is the vowel o/u.
      if (next === 'ו') {
        out += 'v';
        i++;
      } else out += i === 0 ? 'v' : 'o';
    } else if (c === 'י') {
      // יי and a word-initial י are the consonant y; elsewhere י is the vowel i/e.
      if (next === 'י') {
        out += i === 0 ? 'y' : 'ai';
        i++;
      } else out += i === 0 ? 'y' : 'i';
    } else if (HARD_SOFT[c]) out += HARD_SOFT[c]![i === 0 ? 0 : 1];
    else if (c === 'ה' && i === letters.length - 1 && i > 0) out += 'a'; // final ה is a vowel (Moshe, Yehuda)
    else out += LETTERS[c] ?? c;
  }
  return out;
}

/** Latin reading of a run of Hebrew text, word by word (see the module comment): כנרת דון → "knrt don", אברהם → "avrhm". */
export function hebrewToLatin(run: string): string {
  return run.replace(/[\u0591-\u05f2]+(?:['"\u05f3\u05f4\u2019]+[\u0591-\u05f2]*)*/g, (w) => readWord(w));
}
