/**
 * Small word lists used to give name tokens their role. Sources: field practice of screening engines
 * (moov-io/watchman stopwords, rigour name prefixes) and the failure modes listed in docs/DOMAIN.md.
 */

/** Connectors and particles that carry no identity ("&", "et", "de", "bin", "al"…), weight ≈ 0. */
export const CONNECTORS = new Set([
  'and',
  'und',
  'et',
  'e',
  'y',
  'i',
  'en',
  'og',
  'och',
  'of',
  'the',
  'de',
  'del',
  'della',
  'dello',
  'dei',
  'des',
  'di',
  'da',
  'do',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'les',
  'el',
  'al',
  'an',
  'bin',
  'ibn',
  'bint',
  'ben',
  'van',
  'von',
  'der',
  'den',
  'het',
  'wa',
  'z',
  'w',
  'na',
  'a',
  'in',
  'for',
  'on',
  'at',
  'by',
  'to',
]);

/** Vessel name prefixes (rigour OBJ_NAME_PREFIXES plus ship-type abbreviations, normalised). */
export const VESSEL_PREFIXES = new Set(['mv', 'mt', 'ms', 'ss', 'msv', 'tb', 'nm', 'fv', 'my', 'sy', 'the']);
/** Prefixes that mark a vessel whatever the declared schema (MY, MS, SS also start company names). */
export const UNAMBIGUOUS_VESSEL_PREFIXES = new Set(['mv', 'mt', 'msv', 'tb', 'nm', 'fv']);

/** Payment-message labels that precede a party name in exports ("MESSRS.", "ORDERING CUSTOMER:"). */
export const MESSAGE_PREFIXES = new Set(['messrs', 'mssrs', 'attn', 'beneficiary', 'shipper', 'consignee']);

/** English number words, so "Shipping Three" and "Shipping 3" compare as numbers. */
export const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  first: '1',
  second: '2',
  third: '3',
};

/** Roman numerals recognised at the end of a name (Sino Iron II), as digits. */
export const ROMAN_NUMERALS: Record<string, string> = {
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  vi: '6',
  vii: '7',
  viii: '8',
  ix: '9',
  x: '10',
  xi: '11',
  xii: '12',
};

/**
 * Organisation words so common across lists and trade registers that they never identify a party
 * alone (DOMAIN.md: "a generic token (LLC, CORP, TRADING, GROUP…) carrying a match"). Frequent list
 * tokens are added to this at index build time.
 */
export const GENERIC_ORG_WORDS = new Set([
  'trading',
  'trade',
  'traders',
  'group',
  'groupe',
  'international',
  'intl',
  'general',
  'global',
  'holding',
  'holdings',
  'industries',
  'industry',
  'industrial',
  'services',
  'service',
  'enterprise',
  'enterprises',
  'import',
  'export',
  'investment',
  'investments',
  'development',
  'technology',
  'technologies',
  'national',
  'company',
  'corporation',
  'limited',
  'commercial',
  'shipping',
  'logistics',
  'marine',
  'maritime',
  'bank',
  'management',
  'solutions',
  'products',
  'supply',
  'supplies',
  'freight',
  'transport',
  'systems',
  'engineering',
  'consulting',
  'partners',
  'associates',
  'brothers',
  'bros',
  'sons',
  'united',
  'new',
  'first',
  'world',
  'center',
  'centre',
  'foundation',
]);

/** Patronymic endings (Russian, Ukrainian, Belarusian, Turkic): such tokens weigh less. */
export const PATRONYMIC = /(?:ovich|evich|ovych|ievich|yevich|avich|ovna|evna|ivna|ichna|avna|oglu|ogly|kyzy|uly)$/;
