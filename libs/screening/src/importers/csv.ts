import { parse } from 'csv-parse/sync';
import { ListFormatError } from '../errors';

/**
 * Parses CSV text into rows of trimmed strings. Quotes inside fields are tolerated (OFAC remarks
 * contain stray quotes); rows may have differing column counts (checked by the caller).
 * @throws ListFormatError with the line number when the CSV cannot be tokenised.
 */
export function parseCsvRows(format: string, text: string): string[][] {
  try {
    return parse(text, {
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as string[][];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new ListFormatError(format, `CSV could not be parsed: ${e.message ?? String(err)}`, e.lines ? `line ${e.lines}` : undefined);
  }
}

/** OFAC null marker `-0-` (written `-0- ` with a trailing space) and blanks become undefined. */
export function ofacValue(field: string | undefined): string | undefined {
  const v = (field ?? '').trim();
  return v === '' || v === '-0-' ? undefined : v;
}
