import * as isoCountries from 'i18n-iso-countries';
import { referenceRows } from './data-files';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the locale is JSON, loaded as the library documents
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/**
 * The columns of SIPRI's trade-register export from 2025 on (one row per deal × delivery year), in order, from
 * `data/reference/sipri-trade-register-columns.csv` (provenance in `data/PROVENANCE.md`).
 */
export function sipriTradeRegisterColumns(): string[] {
  return referenceRows('sipri-trade-register-columns.csv')
    .filter((r) => r.export_format.startsWith('new_export_2025+'))
    .sort((a, b) => Number(a.position) - Number(b.position))
    .map((r) => r.column);
}

/** The columns of the Kiel Ukraine Support Tracker, in order, from `data/reference/kiel-ust-columns.csv`. */
export function kielTrackerColumns(): string[] {
  return referenceRows('kiel-ust-columns.csv').map((r) => r.column);
}

/** The English short name of an ISO 3166-1 alpha-2 code (`RU` → `Russia`), or the code when it has none (`XK`). */
export function countryNameEn(code: string): string {
  return isoCountries.getName(code, 'en', { select: 'alias' }) ?? isoCountries.getName(code, 'en') ?? code;
}
