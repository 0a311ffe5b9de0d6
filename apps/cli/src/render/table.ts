import Table from 'cli-table3';

/** A plain table for the terminal (no colours, so piped output and logs stay readable). */
export function renderTable(head: string[], rows: (string | number)[][], colWidths?: (number | null)[]): string {
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true, ...(colWidths ? { colWidths } : {}) });
  for (const row of rows) table.push(row.map((cell) => String(cell)));
  return table.toString();
}

/** `a..b` for date bounds (EDTF style: `..b` open start, `a..` open end), one value when both bounds agree. */
export function dateRange(earliest?: string, latest?: string): string {
  const open = (value?: string) => (!value || /infinity/.test(value) ? '' : value);
  if (!earliest && !latest) return '';
  if (earliest === latest) return open(earliest);
  return `${open(earliest)}..${open(latest)}`;
}
