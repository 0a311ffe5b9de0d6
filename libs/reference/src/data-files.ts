import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

let root: string | undefined;

/** The repository root: the nearest ancestor of this file holding `package.json` and `data/` (also from `dist/`). */
function repositoryRoot(): string {
  if (root) return root;
  for (let dir = resolve(__dirname); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`no package.json with a data/ folder above ${__dirname}`);
  }
}

const cache = new Map<string, Record<string, string>[]>();

/**
 * Rows of `data/reference/<file>` (CSV with a header line) as objects keyed by column name, read once and cached.
 * Provenance of every file: `data/PROVENANCE.md`.
 */
export function referenceRows(file: string): Record<string, string>[] {
  let rows = cache.get(file);
  if (!rows) {
    rows = parse(readFileSync(join(repositoryRoot(), 'data', 'reference', file), 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
    }) as Record<string, string>[];
    cache.set(file, rows);
  }
  return rows;
}
