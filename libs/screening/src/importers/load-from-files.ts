import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ListSnapshot } from '../model';
import { parseEuFsfXml } from './eu-fsf-xml';
import { parseOfacCsv } from './ofac-csv';
import { parseOpenSanctionsFtm } from './opensanctions-ftm';
import { parseOpenSanctionsTargetsCsv } from './opensanctions-targets-csv';
import { DEFAULT_MAX_BYTES } from './raw-input';
import { parseUkHmtCsv } from './uk-hmt-csv';
import { parseUnXml } from './un-xml';
import { parseUsCslCsv } from './us-csl-csv';
import { ListFormatError } from '../errors';
import { statSync } from 'node:fs';

/** List formats `loadListFromFiles` understands. */
export type ListKind =
  'ofac-sdn' | 'ofac-non-sdn' | 'un-xml' | 'eu-fsf-xml' | 'uk-hmt-csv' | 'us-csl-csv' | 'opensanctions-ftm' | 'opensanctions-targets-csv';

export interface LoadOptions {
  /** Version to record (OFAC CSV needs it; other formats carry their own and this overrides it). */
  version?: string;
  maxBytes?: number;
}

/**
 * Reads list files from disk and parses them. For OFAC kinds pass the folder or the files: the primary
 * file (`sdn.csv` / `cons_prim.csv`) and optionally `alt`, `add`, comments files, recognised by name
 * (`alt.csv`/`cons_alt.csv`, `add.csv`/`cons_add.csv`, `sdn_comments.csv`/`cons_comments.csv`). Other
 * kinds take exactly one path. Files are size-checked before they are read.
 * @throws ListFormatError on a missing primary file, a too large file or malformed content.
 */
export function loadListFromFiles(kind: ListKind, paths: string[], options: LoadOptions = {}): ListSnapshot {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const read = (p: string): Buffer => {
    const size = statSync(p).size;
    if (size > max) throw new ListFormatError(kind, `file ${p} is ${size} bytes, above the limit of ${max}`);
    return readFileSync(p);
  };
  const limits = { maxBytes: max };
  let snapshot: ListSnapshot;
  if (kind === 'ofac-sdn' || kind === 'ofac-non-sdn') {
    const files = expandOfacPaths(paths);
    const pick = (...names: string[]) => files.find((f) => names.includes(basename(f).toLowerCase()));
    const primary = pick('sdn.csv', 'cons_prim.csv');
    if (!primary) throw new ListFormatError(kind, `no sdn.csv or cons_prim.csv among ${paths.join(', ')}`);
    const opt = (p: string | undefined) => (p ? read(p) : undefined);
    snapshot = parseOfacCsv(
      {
        primary: read(primary),
        alt: opt(pick('alt.csv', 'cons_alt.csv')),
        add: opt(pick('add.csv', 'cons_add.csv')),
        comments: opt(pick('sdn_comments.csv', 'cons_comments.csv')),
      },
      { listId: kind, version: options.version ?? 'unknown', maxBytes: max },
    );
  } else {
    if (paths.length !== 1) throw new ListFormatError(kind, `expected one file, got ${paths.length}`);
    const buf = read(paths[0]!);
    switch (kind) {
      case 'un-xml':
        snapshot = parseUnXml(buf, limits);
        break;
      case 'eu-fsf-xml':
        snapshot = parseEuFsfXml(buf, limits);
        break;
      case 'uk-hmt-csv':
        snapshot = parseUkHmtCsv(buf, limits);
        break;
      case 'us-csl-csv':
        snapshot = parseUsCslCsv(buf, limits);
        break;
      case 'opensanctions-ftm':
        snapshot = parseOpenSanctionsFtm(buf, limits);
        break;
      case 'opensanctions-targets-csv':
        snapshot = parseOpenSanctionsTargetsCsv(buf, limits);
        break;
    }
  }
  return options.version ? { ...snapshot, version: options.version } : snapshot;
}

/** A folder expands to the OFAC CSV files inside it. */
function expandOfacPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (existsSync(p) && statSync(p).isDirectory()) {
      for (const n of [
        'sdn.csv',
        'alt.csv',
        'add.csv',
        'sdn_comments.csv',
        'cons_prim.csv',
        'cons_alt.csv',
        'cons_add.csv',
        'cons_comments.csv',
      ])
        if (existsSync(join(p, n))) out.push(join(p, n));
    } else out.push(p);
  }
  return out;
}
