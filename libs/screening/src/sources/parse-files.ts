import { ListFormatError } from '../errors';
import { applyOpenSanctionsDelta } from '../importers/opensanctions-delta';
import { parseEuFsfXml } from '../importers/eu-fsf-xml';
import { parseOfacCsv } from '../importers/ofac-csv';
import { parseOpenSanctionsFtm } from '../importers/opensanctions-ftm';
import { parseOpenSanctionsTargetsCsv } from '../importers/opensanctions-targets-csv';
import { parseUkHmtCsv } from '../importers/uk-hmt-csv';
import { parseUnXml } from '../importers/un-xml';
import { parseUsCslCsv } from '../importers/us-csl-csv';
import type { ListId, ListSnapshot } from '../model';
import type { FetchedFile } from './fetch-source';

/** Importer formats an import command may name. */
export const LIST_FORMATS = [
  'ofac-sdn',
  'ofac-non-sdn',
  'un-xml',
  'eu-fsf-xml',
  'uk-hmt-csv',
  'us-csl-csv',
  'opensanctions-ftm',
  'opensanctions-targets-csv',
  'opensanctions-delta',
] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** The list each format produces entries of. */
export const LIST_OF_FORMAT: Record<ListFormat, ListId> = {
  'ofac-sdn': 'ofac-sdn',
  'ofac-non-sdn': 'ofac-non-sdn',
  'un-xml': 'un',
  'eu-fsf-xml': 'eu-fsf',
  'uk-hmt-csv': 'uk-hmt',
  'us-csl-csv': 'us-csl',
  'opensanctions-ftm': 'opensanctions',
  'opensanctions-targets-csv': 'opensanctions',
  'opensanctions-delta': 'opensanctions',
};

/**
 * The format of an import when the command names none: the list's own official format; for OpenSanctions, by the
 * file name (`*.csv` → `targets.simple.csv`, `*delta*` → delta file, else FtM JSON lines).
 */
export function defaultFormat(listId: ListId, firstSource: string): ListFormat {
  switch (listId) {
    case 'ofac-sdn':
      return 'ofac-sdn';
    case 'ofac-non-sdn':
      return 'ofac-non-sdn';
    case 'un':
      return 'un-xml';
    case 'eu-fsf':
      return 'eu-fsf-xml';
    case 'uk-hmt':
      return 'uk-hmt-csv';
    case 'us-csl':
      return 'us-csl-csv';
    case 'opensanctions': {
      const name = firstSource.toLowerCase();
      if (name.includes('delta')) return 'opensanctions-delta';
      return name.endsWith('.csv') ? 'opensanctions-targets-csv' : 'opensanctions-ftm';
    }
  }
}

export interface ParseFilesOptions {
  /** Version to record; default the version the file carries, else the newest file date, else today (UTC). */
  version?: string;
  maxBytes?: number;
  /** The version in force, for a delta format (applied on top of it). */
  base?: ListSnapshot;
}

/**
 * Parses the files of one import with the format's importer. OFAC formats pick their files by name (`sdn.csv` /
 * `cons_prim.csv` required; `alt`, `add`, comments optional); other formats take the one file that is not a
 * README/licence (several candidates are refused). The content hash covers the bytes of the files used.
 * @throws ListFormatError when a file is missing, malformed, unsafe or too large.
 */
export function parseListFiles(format: ListFormat, files: FetchedFile[], options: ParseFilesOptions = {}): ListSnapshot {
  const limits = { maxBytes: options.maxBytes };
  const dated = files
    .map((f) => f.date)
    .filter((d): d is string => !!d)
    .sort();
  const fallbackVersion = dated[dated.length - 1] ?? new Date().toISOString().slice(0, 10);
  if (format === 'ofac-sdn' || format === 'ofac-non-sdn') {
    const pick = (...names: string[]) => files.find((f) => names.includes(f.name.toLowerCase()))?.bytes;
    const primary = pick('sdn.csv', 'cons_prim.csv');
    if (!primary)
      throw new ListFormatError(format, `no sdn.csv or cons_prim.csv among ${files.map((f) => f.name).join(', ') || 'no files'}`);
    return parseOfacCsv(
      {
        primary,
        alt: pick('alt.csv', 'cons_alt.csv'),
        add: pick('add.csv', 'cons_add.csv'),
        comments: pick('sdn_comments.csv', 'cons_comments.csv'),
      },
      { listId: format, version: options.version ?? fallbackVersion, maxBytes: options.maxBytes },
    );
  }
  const candidates = files.filter((f) => !/^(readme|licen[cs]e|provenance)/i.test(f.name));
  if (candidates.length !== 1)
    throw new ListFormatError(format, `expected one list file, got ${candidates.length} (${candidates.map((f) => f.name).join(', ')})`);
  const bytes = candidates[0]!.bytes;
  let snapshot: ListSnapshot;
  switch (format) {
    case 'un-xml':
      snapshot = parseUnXml(bytes, limits);
      break;
    case 'eu-fsf-xml':
      snapshot = parseEuFsfXml(bytes, limits);
      break;
    case 'uk-hmt-csv':
      snapshot = parseUkHmtCsv(bytes, limits);
      break;
    case 'us-csl-csv':
      snapshot = parseUsCslCsv(bytes, limits);
      break;
    case 'opensanctions-ftm':
      snapshot = parseOpenSanctionsFtm(bytes, limits);
      break;
    case 'opensanctions-targets-csv':
      snapshot = parseOpenSanctionsTargetsCsv(bytes, limits);
      break;
    case 'opensanctions-delta':
      snapshot = applyOpenSanctionsDelta(options.base, bytes, options.version ?? fallbackVersion, limits);
      break;
  }
  if (options.version) return { ...snapshot, version: options.version };
  return snapshot.version === 'unknown' ? { ...snapshot, version: fallbackVersion } : snapshot;
}
