import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from '@tm/screening';

/** Rows of `data/eval/<file>` as objects keyed by the header; undefined when the file is absent. */
export function readEvalCsv(file: string): Array<Record<string, string>> | undefined {
  const path = dataPath('eval', file);
  if (!existsSync(path)) return undefined;
  return parse(readFileSync(path), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
}

/** Text of `data/eval/<file>`; undefined when the file is absent. */
export function readEvalText(file: string): string | undefined {
  const path = dataPath('eval', file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
