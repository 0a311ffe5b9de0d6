/**
 * Whether `YYYY-MM-DD` names a day of the proleptic Gregorian calendar in the years 0001–9999 (`2023-02-30` and
 * `0003-02-29` do not; `0004-02-29` does). Date is built with `setUTCFullYear`, as `Date.UTC` and `new Date(text)`
 * read the years 0–99 as 1900–1999. Year 0000 is refused: PostgreSQL's `date` and `timestamptz` have no year 0.
 */
export function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(new Date(0).setUTCFullYear(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
