import { stringify } from 'csv-stringify/sync';

/**
 * CSV text (RFC 4180, header row first) of `rows` in `columns`. A cell that begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading `'` (csv-stringify's `escape_formulas`), so that a spreadsheet shows report text
 * such as `=HYPERLINK(…)` as text instead of running it (OWASP, "CSV injection").
 */
export function toCsv(rows: readonly object[], columns: readonly string[] | { key: string; header: string }[]): string {
  return stringify(rows as object[], { header: true, columns: columns as string[], escape_formulas: true });
}
