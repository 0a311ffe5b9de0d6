import { parseEdtf } from './edtf-dates';

/** A year or a month (01–12: EDTF's 21–32 are seasons) as a date filter bound: it names the whole period. */
const YEAR_OR_MONTH = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

/**
 * The first moment a date filter's lower bound (`from`) admits: the first day of a year (`2023` → `2023-01-01`) or
 * month (`2023-02` → `2023-02-01`); a day or a date-time is returned as written. Bounds outside the years 0000–9999
 * or naming no real month are returned unchanged (validation refuses them).
 */
export function periodStart(bound: string): string {
  return YEAR_OR_MONTH.test(bound) ? (boundsOf(bound)?.earliest ?? bound) : bound;
}

/**
 * The last day a date filter's upper bound (`to`) admits, inclusive: the last day of a year (`2022` → `2022-12-31`)
 * or month (`2023-02` → `2023-02-28`, `2024-02` → `2024-02-29`); a day or a date-time is returned as written.
 */
export function periodEnd(bound: string): string {
  return YEAR_OR_MONTH.test(bound) ? (boundsOf(bound)?.latest ?? bound) : bound;
}

/**
 * A date filter bound on day-dated data (reported event dates, publication days): the ISO day (`YYYY-MM-DD`) the
 * period starts (`side` `from`) or ends (`to`) on; a date-time counts as the calendar day it names.
 */
export function dayBound(bound: string, side: 'from' | 'to'): string {
  return (side === 'from' ? periodStart(bound) : periodEnd(bound)).slice(0, 10);
}

function boundsOf(bound: string): { earliest: string; latest: string } | undefined {
  try {
    return parseEdtf(bound);
  } catch {
    return undefined;
  }
}
