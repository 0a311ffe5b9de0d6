import { InvalidEdtfError, OPEN_END, OPEN_START, parseEdtf } from '@tm/reference';

/**
 * What the event store and the read models can hold, in one place: the report schema refuses other values at the
 * API's door and in the processor, and the read models' fold refuses an event holding one (stored before these
 * bounds), so that an accepted report is stored and shown as sent.
 */

/**
 * Largest quantity or monetary amount a claim may state (10^15): above any real count or budget, and small enough that
 * ledger sums (exact decimals, `ExactSum` of the read models) stay of bounded size.
 */
export const MAX_QUANTITY_OR_AMOUNT = 1e15;

/**
 * Days a `YYYY-MM-DD` field may name: the read models keep a source's `publishedOn` in a PostgreSQL `date`, which has
 * no year 0 (`'0000-01-01'` is refused: "date/time field value out of range"), and compare days as ISO text, which
 * orders rightly only for four-digit years. So 0001-01-01 … 9999-12-31.
 */
export const STORABLE_DAYS = { first: '0001-01-01', last: '9999-12-31' } as const;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a `YYYY-MM-DD` string within {@link STORABLE_DAYS} (not whether the day exists: `isEdtf` says so). */
export function isStorableDay(value: unknown): value is string {
  return typeof value === 'string' && ISO_DAY.test(value) && value >= STORABLE_DAYS.first && value <= STORABLE_DAYS.last;
}

/**
 * Whether an EDTF date's bounds are open or days within {@link STORABLE_DAYS}: a claim dated in year 0000 (1 BC: `0000`,
 * `0000/2023`, `0XXX`) would be counted in year 0 and cannot be named by a date filter. A string that does not parse
 * passes (`isEdtf` refuses it). An unknown year, `XXXX`, is open at both ends and passes.
 */
export function isStorableEdtf(value: unknown): boolean {
  let bounds: { earliest: string; latest: string };
  try {
    bounds = parseEdtf(value as string);
  } catch (error) {
    if (error instanceof InvalidEdtfError) return true;
    throw error;
  }
  return [bounds.earliest, bounds.latest].every((b) => b === OPEN_START || b === OPEN_END || isStorableDay(b));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why PostgreSQL cannot store `text`, or null: `text` and `jsonb` refuse U+0000 (`noNulCharacter`) and `jsonb` refuses a
 * lone UTF-16 surrogate (`isWellFormedUnicode`).
 */
export function unstorableTextRule(text: string): 'noNulCharacter' | 'isWellFormedUnicode' | null {
  if (text.includes('\u0000')) return 'noNulCharacter';
  if (LONE_SURROGATE.test(text)) return 'isWellFormedUnicode';
  return null;
}
