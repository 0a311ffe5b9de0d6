import * as isoCountries from 'i18n-iso-countries';
import { LRUCache } from 'lru-cache';
// eslint-disable-next-line @typescript-eslint/no-require-imports
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/**
 * Spellings used by OFAC (`Korea, North`, `Burma`), the UN and the UK lists that `i18n-iso-countries`
 * does not know. Regions that are not countries (West Bank, Gaza) map to PS as OFAC files them.
 */
const LIST_SPELLINGS: Record<string, string> = {
  'korea, north': 'KP',
  "democratic people's republic of korea": 'KP',
  'north korea': 'KP',
  'korea, south': 'KR',
  'south korea': 'KR',
  syria: 'SY',
  burma: 'MM',
  laos: 'LA',
  moldova: 'MD',
  brunei: 'BN',
  macau: 'MO',
  'bahamas, the': 'BS',
  'cote d ivoire': 'CI',
  'congo, democratic republic of the': 'CD',
  'democratic republic of the congo': 'CD',
  'congo, republic of the': 'CG',
  'north macedonia, the republic of': 'MK',
  'man, isle of': 'IM',
  'netherlands antilles': 'CW',
  palestinian: 'PS',
  'west bank': 'PS',
  'region: gaza': 'PS',
  'region: west bank': 'PS',
  'region: northern gaza': 'PS',
  'region: north gaza': 'PS',
  'region: crimea': 'UA',
  'iran (islamic republic of)': 'IR',
  'viet nam': 'VN',
  'united kingdom of great britain and northern ireland': 'GB',
  'china, hong kong special administrative region': 'HK',
  'hong kong': 'HK',
  'british virgin islands': 'VG',
  russia: 'RU',
  'region: russia': 'RU',
  iran: 'IR',
  taiwan: 'TW',
  'the united states': 'US',
  'united states': 'US',
};

/** `countryCode` by name ('' for none), the most recent `COUNTRY_CODES_REMEMBERED`. */
const COUNTRY_CODES_REMEMBERED = 10_000;
const codes = new LRUCache<string, string>({ max: COUNTRY_CODES_REMEMBERED });

/**
 * ISO 3166-1 alpha-2 code (upper case) for a country as written on a list ("Korea, North", "Iran",
 * "RU"), or undefined when it is not a country (e.g. "undetermined", "Region: Kafia Kingi").
 */
export function countryCode(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  // Remembered: i18n-iso-countries scans every country's names per call, and a text scan asks about the same words
  // again and again (a name repeated in a statement: seconds per text before).
  const known = codes.get(name);
  if (known !== undefined) return known || undefined;
  const code = lookUpCountryCode(name);
  codes.set(name, code ?? '');
  return code;
}

function lookUpCountryCode(name: string): string | undefined {
  const raw = name.trim();
  if (!raw || raw === '-0-') return undefined;
  if (/^[A-Za-z]{2}$/.test(raw)) return isoCountries.isValid(raw.toUpperCase()) ? raw.toUpperCase() : undefined;
  const mapped = LIST_SPELLINGS[raw.toLowerCase()];
  if (mapped) return mapped;
  return isoCountries.getAlpha2Code(raw, 'en') ?? undefined;
}

/** Adds `code` to `into` when defined and not yet present (keeps first-seen order). */
export function addCountry(into: string[], name: string | undefined): void {
  const code = countryCode(name);
  if (code && !into.includes(code)) into.push(code);
}
