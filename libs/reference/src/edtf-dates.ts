import edtf, { type ExtDateTime } from 'edtf';
import { LRUCache } from 'lru-cache';

/** Computed bounds of an EDTF date: inclusive ISO dates, `-infinity`/`infinity` for an open or unknown end. */
export interface EdtfBounds {
  edtf: string;
  earliest: string;
  latest: string;
  /** `day`, `month`, `year` for a single date of that precision; `interval` for a span, set or season; `open` when an end is open or unknown. */
  precision: 'day' | 'month' | 'year' | 'interval' | 'open';
}

/** An EDTF string that does not parse or names an impossible day; `message` says why. */
export class InvalidEdtfError extends Error {}

export const OPEN_START = '-infinity';
export const OPEN_END = 'infinity';

/**
 * Seasons as month intervals (meteorological seasons), in place of edtf.js, which maps seasons to calendar
 * quarters: codes 21–24 and 25–28 are the northern-hemisphere spring, summer, autumn, winter; 29–32 the southern
 * ones. Value: first month (1-based) of the three; winter runs into the next year.
 */
const SEASON_FIRST_MONTH: Record<number, number> = {
  21: 3,
  22: 6,
  23: 9,
  24: 12,
  25: 3,
  26: 6,
  27: 9,
  28: 12,
  29: 9,
  30: 12,
  31: 3,
  32: 6,
};

const FOUR_DIGIT_YEAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A year of four unspecified digits: `XXXX`, `XXXX-05`, `XXXX/2023`. */
const UNSPECIFIED_YEAR = /(^|[^\dX])XXXX/;
/** Five or more bare digits: edtf.js reads them as a Unix time in milliseconds (`12345` → 1970-01-01), not as EDTF. */
const BARE_DIGITS = /^\d{5,}$/;
/** A time of day after a calendar day (`T10:00`, `T10:00:00.5+14:00`, `T23:30:00Z`): what {@link parseEdtf} leaves out. */
const TIME_OF_DAY = /(?<=\d{4}-\d{2}-\d{2})T[0-9:.]+(?:Z|[+-]\d{2}(?::?\d{2})?)?/g;
const DATE_TIME = /\d{4}-\d{2}-\d{2}T\d/;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayAfter = (iso: string) => isoDay(Date.parse(`${iso}T00:00:00Z`) + 86_400_000);

function precisionOf(earliest: string, latest: string): EdtfBounds['precision'] {
  if (earliest === latest) return 'day';
  const next = dayAfter(latest);
  if (earliest.slice(8) === '01' && next.slice(8) === '01' && next.slice(0, 7) === nextMonth(earliest.slice(0, 7))) return 'month';
  if (earliest.slice(5) === '01-01' && latest.slice(5) === '12-31' && earliest.slice(0, 4) === latest.slice(0, 4)) return 'year';
  return 'interval';
}

function nextMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number);
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Parses an Extended Date/Time Format string (ISO 8601-2, levels 0–2, with the `edtf` package) and computes its
 * inclusive bounds and precision, e.g. `2023-04` → 2023-04-01…2023-04-30 (month); `[..2023-04]` ("by April 2023")
 * → -infinity…2023-04-30 (open); `2023-02-28/2023-03-02` → interval; `2023-21` (spring) → 2023-03-01…2023-05-31;
 * a year of unspecified digits is the range they span (`20XX` → 2000-01-01…2099-12-31), and so is one of significant
 * digits (`1950S2` → 1900-01-01…1999-12-31), but a wholly unspecified one
 * (`XXXX`, `XXXX-05`) names no year: -infinity…infinity (open), and `XXXX/2023` is `../2023`. A date-time is the day
 * written in it, whatever its offset (`2023-01-01T10:00:00+14:00` → 2023-01-01, day). Year 0000 (1 BC) parses:
 * the report schema refuses claims dated in it (`isStorableDate`), the read models keep ones stored before.
 * @throws InvalidEdtfError for a string that is not EDTF, an impossible calendar day (`2023-02-29`), a season
 *   inside an interval or set (write it as a month interval, `2023-03/2023-05`), or a bound outside the years
 *   0000–9999 (`Y12345`, `-0044`: bounds are ISO days compared as text), or five or more bare digits (`12345`:
 *   no EDTF form; edtf.js would read a Unix time and date it 1970-01-01).
 */
export function parseEdtf(text: string): EdtfBounds {
  const known = typeof text === 'string' ? PARSED.get(text) : undefined;
  if (known) return { ...known };
  const bounds = parseUncached(text);
  PARSED.set(text, bounds);
  return { ...bounds };
}

/**
 * Bounds of the last 10,000 distinct strings that parsed (a string's bounds never change): the read models check every
 * stored claim's date against its EDTF string on every event they apply, and edtf.js's parser (nearley) was about half
 * of a rebuild's Node CPU. Strings that fail are not kept (parsed again, rare).
 */
const PARSED = new LRUCache<string, EdtfBounds>({ max: 10_000 });

function parseUncached(text: string): EdtfBounds {
  if (typeof text !== 'string' || text.length === 0 || text.length > 100)
    throw new InvalidEdtfError('expected an EDTF string of 1–100 characters');
  if (BARE_DIGITS.test(text))
    throw new InvalidEdtfError(
      `"${text}" is no EDTF date: a year has four digits (a longer one is written Y12345, and falls outside the years 0000–9999 this monitor dates events in)`,
    );
  let parsed: ReturnType<typeof edtf>;
  try {
    parsed = edtf(text);
  } catch {
    throw new InvalidEdtfError(`"${text}" is not an EDTF date (ISO 8601-2), e.g. 2023-04, [..2023-04], 2023-02-28/2023-03-02`);
  }
  for (const [day, y, m, d] of text.matchAll(/(\d{4})-(\d{2})-(\d{2})/g)) {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) throw new InvalidEdtfError(`${day} is not a calendar day`);
  }
  // A date-time names the day written in it, in its own offset: 2023-01-01T10:00:00+14:00 is 1 January where it
  // happened (edtf.js gives the instant, which is 31 December in UTC), and one without an offset must not depend on
  // the server's time zone. The bounds are those of the string with its times left out.
  if (DATE_TIME.test(text)) return { ...parseUncached(text.replace(TIME_OF_DAY, '')), edtf: text };
  if (parsed.type === 'Season') {
    const [year, season] = parsed.values as [number, number];
    const firstMonth = SEASON_FIRST_MONTH[season];
    if (firstMonth) {
      const earliest = isoDay(Date.UTC(year, firstMonth - 1, 1));
      const latest = isoDay(Date.UTC(year, firstMonth + 2, 1) - 86_400_000);
      return { edtf: text, earliest, latest, precision: 'interval' };
    }
  } else if (/\d{4}-(2[1-9]|3[0-2])(?!\d)/.test(text)) {
    throw new InvalidEdtfError(`a season inside an interval or set is ambiguous: write it as a month interval, e.g. 2023-03/2023-05`);
  }
  // A year given with significant digits is some year those digits begin (`1950S2`: 1900–1999, estimated 1950);
  // edtf.js bounds it by the estimate alone.
  const significant = /^(\d{4})S(\d+)$/.exec(text);
  if (significant) {
    const digits = significant[1]!.slice(0, Math.min(4, Number(significant[2])));
    const span = (fill: string) => digits + fill.repeat(4 - digits.length);
    const [earliest, latest] = [`${span('0')}-01-01`, `${span('9')}-12-31`];
    return { edtf: text, earliest, latest, precision: earliest.slice(0, 4) === latest.slice(0, 4) ? 'year' : 'interval' };
  }
  // ±Infinity is an open or unknown end; NaN is a year past what a date can hold (Y170000002).
  const range = parsed.type === 'Set' || parsed.type === 'List' ? setRange(parsed) : parsed;
  if (Number.isNaN(range.min) || Number.isNaN(range.max))
    throw new InvalidEdtfError(`"${text}" falls outside the years 0000–9999 this monitor dates events in`);
  const { min, max } = range;
  let earliest = min === null || !Number.isFinite(min) ? OPEN_START : isoDay(min);
  let latest = !Number.isFinite(max) ? OPEN_END : isoDay(max);
  // A year of four unspecified digits (XXXX) names no year: the end it sets is unknown, as `..` says, not year 0000
  // (1 BC, which would count the claim in year 0) or 9999.
  if (UNSPECIFIED_YEAR.test(text)) {
    if (earliest.startsWith('0000-')) earliest = OPEN_START;
    if (latest.startsWith('9999-')) latest = OPEN_END;
  }
  for (const bound of [earliest, latest]) {
    // Bounds are stored and compared as ISO text, which orders correctly only for four-digit years.
    if (bound !== OPEN_START && bound !== OPEN_END && !FOUR_DIGIT_YEAR_DAY.test(bound))
      throw new InvalidEdtfError(`"${text}" falls outside the years 0000–9999 this monitor dates events in`);
  }
  const open = earliest === OPEN_START || latest === OPEN_END;
  const single = parsed.type === 'Date' || parsed.type === 'Year';
  return { edtf: text, earliest, latest, precision: open ? 'open' : single ? precisionOf(earliest, latest) : 'interval' };
}

/**
 * Epoch-millisecond range of an EDTF set (`[a, b]`, one of) or list (`{a, b}`, all of): the earliest start and the
 * latest end of its members, each a date or a range `a..b`, in any order; -Infinity/Infinity for a set open at that
 * end (`[..a]`, `[a..]`). edtf.js's own min/max take the first member's start and the start of the last member's
 * first date (`[2023-01..2023-03]` ended 2023-01-31), so they are not used.
 */
function setRange(set: ExtDateTime): { min: number; max: number } {
  const dates = set.values.flatMap((member) => (Array.isArray(member) ? member : [member])) as ExtDateTime[];
  const starts = dates.map((d) => d.min ?? -Infinity);
  return {
    min: set.earlier ? -Infinity : Math.min(...starts),
    max: set.later ? Infinity : Math.max(...dates.map((d) => d.max)),
  };
}

export function isEdtf(value: unknown): value is string {
  try {
    parseEdtf(value as string);
    return true;
  } catch {
    return false;
  }
}
