import { countryCode } from '@tm/screening';

/** Up to four capitalised words, then a possessive: "China's ", "North Korea's ", "the United States' ". */
const POSSESSIVE_BEFORE = /((?:[A-Z][\p{L}.-]*\s+){0,3}[A-Z][\p{L}.-]*)(?:['’]s|s['’])\s+$/u;

/**
 * The country a text names right before a span, as a possessive ("China's People's Liberation Army"), as an
 * ISO 3166-1 alpha-2 code (names resolved with `i18n-iso-countries` and the lists' own spellings); undefined when
 * the span is not qualified so. Longest country name wins ("North Korea's" is KP, not "Korea's").
 */
export function countryQualifying(text: string, spanStart: number): string | undefined {
  const before = text.slice(Math.max(0, spanStart - 60), spanStart);
  const found = POSSESSIVE_BEFORE.exec(before);
  if (!found) return undefined;
  const words = found[1].split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const code = countryCode(words.slice(i).join(' '));
    if (code) return code;
  }
  return undefined;
}
