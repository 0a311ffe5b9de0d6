import { ARABIC_WORD, arabicToLatin } from './scripts/arabic';
import { belarusianAsRussian } from './scripts/belarusian';
import { HEBREW_WORD, hebrewToLatin } from './scripts/hebrew';
import { japaneseReading as readJapanese } from './scripts/japanese';
import { myanmarToLatin } from './scripts/myanmar';
import { normaliseTokens } from './tokens';

/**
 * Second readings of a name written in a script that Latin forms read in more than one way, screened and indexed
 * beside the first (as `PreparedName.variants` marked `reading`):
 * - Hebrew leaves most vowels unwritten; the first reading writes one only after a word's first consonant
 *   (חדאד "hadad"), the second one between every two consonants (כנרת "kanarat" Kinneret, גורביץ' "goravich"
 *   Gurevich): see `hebrewToLatin`;
 * - Arabic script: the first reading (`transliteration`) writes consonants only (محمد "mhmd"), the second reads the
 *   long vowels and places the short ones (محمد "mahamad", التكريتي "al takariti"): see `arabicToLatin`;
 * - Burmese: the first reading spells each syllable as written, the second as Latin forms often spell a word of
 *   several syllables (ရတနာ "ya da nar" Yadanar, ကြယ် "kyel" Kyal): see `myanmarToLatin`;
 * - Belarusian also reaches Latin through Russian (Уладзімір Uladzimir / Vladimir): see `belarusianAsRussian`;
 * - Japanese kanji: the first reading is Chinese pinyin (株式会社霜月水産 "shuang yue"), the second the Japanese one
 *   ("shimotsuki suisan"), only for names marked Japanese (kana, a Japanese legal form or kanji, a 丸 vessel): see
 *   `japaneseReading` in ./scripts/japanese.
 */

/** A run of tokens of the first reading and the same run in the second. */
export interface ReadingSpan {
  first: string[];
  second: string[];
}

const MYANMAR_RUN = /[\p{Script=Myanmar}]+/gu;

/** The runs of `text` whose second reading differs from the first (Hebrew and Arabic words, Burmese runs). */
export function secondReadingSpans(text: string): ReadingSpan[] {
  const out: ReadingSpan[] = [];
  const add = (first: string[], second: string[]) => {
    if (first.length > 0 && second.length > 0 && first.join(' ') !== second.join(' ')) out.push({ first, second });
  };
  for (const [word] of text.matchAll(ARABIC_WORD)) add(normaliseTokens(word), normaliseTokens(arabicToLatin(word)));
  for (const [word] of text.matchAll(HEBREW_WORD)) add(normaliseTokens(hebrewToLatin(word)), normaliseTokens(hebrewToLatin(word, 'all')));
  for (const [run] of text.matchAll(MYANMAR_RUN))
    add(normaliseTokens(myanmarToLatin(run)), normaliseTokens(myanmarToLatin(run, 'compound')));
  return out;
}

/**
 * `tokens` with each span's first reading, where it stands as consecutive tokens, written in its second; the same
 * array when nothing changed. Token for token when both readings have as many tokens (only the tokens `replaceable`
 * allows: a legal form keeps its reading), else the whole span when every token of it is replaceable (its tokens
 * take the first one's role). A run whose words were translated (business words) no longer stands in the tokens and
 * is left as it is.
 */
export function applySecondReadings<T extends { text: string }>(tokens: T[], spans: ReadingSpan[], replaceable: (t: T) => boolean): T[] {
  let out = tokens;
  for (const { first, second } of spans) {
    for (let i = 0; i + first.length <= out.length; i++) {
      if (!first.every((t, k) => out[i + k]!.text === t)) continue;
      const span = out.slice(i, i + first.length);
      let replaced: T[];
      if (first.length === second.length)
        replaced = span.map((t, k) => (replaceable(t) && t.text !== second[k] ? { ...t, text: second[k]! } : t));
      else if (span.every(replaceable)) replaced = second.map((text) => ({ ...span[0]!, text }));
      else replaced = span;
      if (replaced.length !== span.length || replaced.some((t, k) => t !== span[k]))
        out = [...out.slice(0, i), ...replaced, ...out.slice(i + first.length)];
      i += replaced.length - 1;
    }
  }
  return out;
}

/** `text` as a Russian reader would write it when it is Belarusian, else undefined (see `belarusianAsRussian`). */
export function russianReading(text: string): string | undefined {
  return belarusianAsRussian(text);
}

/** `text` with its kanji read in Japanese when it is a Japanese name, else undefined (see ./scripts/japanese). */
export function japaneseReading(text: string, schema?: string): string | undefined {
  return readJapanese(text, schema);
}
