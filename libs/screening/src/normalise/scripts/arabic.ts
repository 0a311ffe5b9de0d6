/**
 * Latin reading of Arabic-script names (Arabic, Persian, Urdu letters) with the vowels that the script leaves
 * unwritten placed between every two consonants, as Latin forms write them: محمد "mahamad" (Muhammad), حسين
 * "hasin" (Hussein), صدام "sadam" (Saddam), التكريتي "al takariti" (al-Tikriti). Hand table, like ./hebrew: the
 * libraries read every letter as a consonant and ا و ي as letters (عزت ابراهيم "aazt brhym"), while the long
 * vowels ا و ي are what Latin forms write as a, u, i. The placed vowel is `a`; phonetic keys write every vowel
 * alike, so only its place counts. The article ال is written "al" apart from its word (Lists: AL-TIKRITI).
 */

/** Consonants. */
const CONSONANTS: Readonly<Record<string, string>> = {
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ک: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ھ: 'h',
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ٹ: 't',
  ڈ: 'd',
  ڑ: 'r',
  ں: 'n',
};
/** Letters read as a vowel wherever they stand (alef and its hamza forms, ain, alef maqsura, ta marbuta). */
const VOWELS: Readonly<Record<string, string>> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ع: 'a',
  ى: 'a',
  ة: 'a',
  ئ: 'i',
  ؤ: 'u',
  ء: '',
  ے: 'e',
};
/** Letters that are a consonant at the start of a word and a long vowel elsewhere. */
const GLIDES: Readonly<Record<string, [string, string]>> = { و: ['w', 'u'], ي: ['y', 'i'], ی: ['y', 'i'] };

/** An Arabic-script word (letters and marks). */
export const ARABIC_WORD = /[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]+/g;

/** Reads one word (see the module comment); harakat and tatweel are ignored. */
function readWord(word: string): string {
  let letters = [...word.replace(/[\u064b-\u065f\u0670\u0640]/g, '')];
  let article = '';
  if (letters.length > 3 && letters[0] === 'ا' && letters[1] === 'ل') {
    article = 'al ';
    letters = letters.slice(2);
  }
  const parts: Array<{ text: string; consonant: boolean }> = [];
  letters.forEach((c, i) => {
    if (CONSONANTS[c] !== undefined) parts.push({ text: CONSONANTS[c]!, consonant: true });
    else if (VOWELS[c] !== undefined) {
      if (VOWELS[c]) parts.push({ text: VOWELS[c]!, consonant: false });
    } else if (GLIDES[c]) {
      const consonant = i === 0 || (parts[parts.length - 1] !== undefined && !parts[parts.length - 1]!.consonant);
      parts.push({ text: GLIDES[c]![consonant ? 0 : 1], consonant });
    }
  });
  let out = '';
  parts.forEach((p, k) => {
    if (parts[k - 1]?.consonant && p.consonant) out += 'a';
    out += p.text;
  });
  return article + out;
}

/** Latin reading of Arabic-script text, word by word (see the module comment); other characters are kept. */
export function arabicToLatin(text: string): string {
  return text.replace(ARABIC_WORD, (w) => readWord(w));
}
