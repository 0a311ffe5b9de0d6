import { pinyin } from 'pinyin-pro';
import { transliterate as anyToLatin } from 'transliteration';

const HAN_RUN = /\p{Script=Han}+/gu;
// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Latin (ASCII) rendering of a string in any script, after Unicode NFKC:
 * - Chinese characters → toneless pinyin syllables separated by spaces (`pinyin-pro`, which also
 *   handles polyphones in context); Japanese kanji are read the same way (consistent, not Japanese);
 * - everything else (Cyrillic, Greek, Arabic/Persian, Hebrew, Georgian, Armenian, Hangul, kana,
 *   Latin diacritics) → `transliteration` (CommonJS); diacritics are dropped, ß → ss, æ → ae.
 * Case is kept; punctuation is left for the caller.
 */
export function toLatin(input: string): string {
  let s = input.normalize('NFKC');
  if (!NON_ASCII.test(s)) return s;
  s = s.replace(HAN_RUN, (run) => ` ${pinyin(run, { toneType: 'none', type: 'array' }).join(' ')} `);
  if (!NON_ASCII.test(s)) return s;
  return anyToLatin(s, { unknown: '' });
}
