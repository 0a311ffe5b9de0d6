import * as nationalities from 'i18n-nationality';
import { LRUCache } from 'lru-cache';
import { countryCode } from '../importers/countries';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package ships its locales as JSON files
nationalities.registerLocale(require('i18n-nationality/langs/en.json'));

const NAME_WORDS = String.raw`(?:[A-Z][\p{L}.-]*\s+){0,3}[A-Z][\p{L}.-]*`;
/** Up to four capitalised words, then a possessive, right before the span: "China's ", "North Korea's ". */
const POSSESSIVE_BEFORE = new RegExp(`(${NAME_WORDS})(?:['’]s|s['’])\\s+$`, 'u');
/** One or two capitalised words right before the span: "Russian ", "North Korean ". */
const WORDS_BEFORE = /((?:[A-Z][\p{L}-]*\s+)?[A-Z][\p{L}-]*)\s+$/u;
/** "of [the] <up to four capitalised words>" right after the span: " of Russia", " of the Russian Federation". */
const OF_AFTER = new RegExp(`^\\s+of\\s+(?:the\\s+)?(${NAME_WORDS})`, 'u');

/** The longest tail (or head) of `words` that `lookup` resolves: "North Korea" before "Korea". */
function resolve(words: string[], lookup: (name: string) => string | undefined, fromEnd: boolean): string | undefined {
  for (let n = words.length; n >= 1; n--) {
    const code = lookup((fromEnd ? words.slice(words.length - n) : words.slice(0, n)).join(' '));
    if (code) return code;
  }
  return undefined;
}

/** `demonym` by word ('' for none): i18n-nationality scans every nationality per call (see `countryCode`). */
const demonyms = new LRUCache<string, string>({ max: 10_000 });

const demonym = (word: string): string | undefined => {
  let code = demonyms.get(word);
  if (code === undefined) demonyms.set(word, (code = nationalities.getAlpha2Code(word, 'en') || ''));
  return code || undefined;
};

/** Country abbreviations news and lists write in capitals ("the DPRK Ministry of …", "the PRC's", "of the UAE"). */
const COUNTRY_ABBREVIATIONS: Record<string, string> = {
  DPRK: 'KP',
  PRC: 'CN',
  ROK: 'KR',
  ROC: 'TW',
  UAE: 'AE',
  UK: 'GB',
  US: 'US',
  USA: 'US',
  KSA: 'SA',
  DRC: 'CD',
  BiH: 'BA',
};

/** A country named by its name or its abbreviation in capitals (the two-letter codes only as `COUNTRY_ABBREVIATIONS` has them). */
const countryNamed = (name: string): string | undefined => COUNTRY_ABBREVIATIONS[name] ?? (name.length > 2 ? countryCode(name) : undefined);

/**
 * True for one word that names a country or its nationality ("Russia", "Iran", "Belarusian"): `i18n-iso-countries`,
 * the lists' own spellings and `i18n-nationality`. Two-letter words are left out ("In", "Us" are no countries here).
 */
export function isCountryWord(word: string): boolean {
  return word.length > 2 && !!(countryCode(word) || demonym(word));
}

/**
 * The country a text says a span belongs to, as an ISO 3166-1 alpha-2 code: a possessive before it ("China's People's
 * Liberation Army"), a nationality adjective before it ("the Russian Defense Ministry", adjectives from
 * `i18n-nationality`, or a country name used as one: "the DPRK Ministry of …"), or "of <country>" after it ("the
 * Ministry of Defence of North Korea"); country names resolved with `i18n-iso-countries`, the lists' own spellings and
 * `COUNTRY_ABBREVIATIONS`. Undefined when the text does not say.
 */
export function countryQualifying(text: string, spanStart: number, spanEnd = spanStart): string | undefined {
  const before = text.slice(Math.max(0, spanStart - 60), spanStart);
  const possessive = POSSESSIVE_BEFORE.exec(before);
  if (possessive) {
    const code = resolve(possessive[1]!.split(/\s+/), countryNamed, true);
    if (code) return code;
  }
  const adjective = WORDS_BEFORE.exec(before);
  if (adjective) {
    // A nationality ("the Russian Defense Ministry") or a country name used as one ("the DPRK Ministry of …").
    const code = resolve(adjective[1]!.split(/\s+/), (w) => demonym(w) ?? countryNamed(w), true);
    if (code) return code;
  }
  const of = OF_AFTER.exec(text.slice(spanEnd, spanEnd + 60));
  return of ? resolve(of[1]!.split(/\s+/), countryNamed, false) : undefined;
}
