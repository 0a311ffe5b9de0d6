import { readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { hostRefusal } from '@tm/platform';
import { confinedPath, isUrlSource, ListSourceError } from './confined-path';
import { ALLOW_LIST_HINT, httpDownload } from './http-download';

/** One list file as received. `date` is the file's modification date or the HTTP `Last-Modified` date (ISO day). */
export interface FetchedFile {
  name: string;
  bytes: Buffer;
  date?: string;
}

export interface FetchOptions {
  /** Folder that file sources must lie in. */
  importDir: string;
  /** Largest file read or downloaded, in bytes. */
  maxBytes: number;
  /** Time allowed per download, in ms. */
  timeoutMs: number;
  /**
   * Non-public IP addresses and CIDR ranges downloads may connect to (`SANCTIONS_DOWNLOAD_ALLOWED_ADDRESSES`, as
   * parsed by `parseAllowedAddresses` of @tm/platform); default none: private, loopback, link-local… are refused.
   */
  allowedAddresses?: readonly string[];
}

/** OFAC files that may sit next to `sdn.csv` / `cons_prim.csv` at the same URL base. */
const OFAC_SIBLINGS: Record<string, string[]> = {
  'sdn.csv': ['alt.csv', 'add.csv', 'sdn_comments.csv'],
  'cons_prim.csv': ['cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'],
};

/**
 * Reads the sources of one import: files inside `importDir` (a folder stands for the files in it), or http(s) URLs
 * downloaded with a timeout and a size cap, only from public addresses or allowed ones (checked at connect time,
 * redirects included). For an OFAC URL ending in `sdn.csv` / `cons_prim.csv` the sibling
 * files (`alt.csv`, `add.csv`, comments) are fetched from the same folder when `withOfacSiblings` is set; a
 * missing sibling (404) is skipped.
 * @throws ListSourceError naming the rule broken (outside the folder, scheme, address, size, timeout, HTTP status).
 */
export async function fetchListSources(sources: string[], options: FetchOptions, withOfacSiblings = false): Promise<FetchedFile[]> {
  const files: FetchedFile[] = [];
  for (const source of sources) {
    if (isUrlSource(source)) {
      const url = parseHttpUrl(source);
      files.push(await download(url, options, true));
      const siblings = withOfacSiblings ? (OFAC_SIBLINGS[basename(url.pathname).toLowerCase()] ?? []) : [];
      for (const s of siblings) {
        const file = await download(new URL(s, url), options, false);
        if (file) files.push(file);
      }
      continue;
    }
    const path = confinedPath(options.importDir, source);
    const paths = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((n) => !n.startsWith('.'))
          .sort()
          .map((n) => join(path, n))
          .filter((p) => statSync(p).isFile())
      : [path];
    for (const p of paths) files.push(await readCapped(p, options.maxBytes));
  }
  return files;
}

/**
 * Checks a URL source when an import is requested: http(s), then every address its host resolves to (public, or in
 * `allowed`). The download checks again at connect time (DNS may change, the server may redirect).
 * @throws ListSourceError `httpUrl`, `resolvableHost` or `publicAddress`
 */
export async function checkListUrl(source: string, allowed: readonly string[]): Promise<URL> {
  const url = parseHttpUrl(source);
  const refusal = await hostRefusal(url.hostname, allowed);
  if (refusal)
    throw new ListSourceError(
      refusal.rule,
      `${source}: ${refusal.message}${refusal.rule === 'publicAddress' ? ` (${ALLOW_LIST_HINT})` : ''}`,
    );
  return url;
}

/** The URL if it is http(s) and well formed. @throws ListSourceError `httpUrl`. */
export function parseHttpUrl(source: string): URL {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new ListSourceError('httpUrl', `${source} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ListSourceError('httpUrl', `${url.protocol} URLs are not allowed; use http(s)`);
  if (url.username || url.password) throw new ListSourceError('httpUrl', 'URLs with credentials are not allowed');
  return url;
}

async function readCapped(path: string, maxBytes: number): Promise<FetchedFile> {
  const stat = statSync(path);
  if (stat.size > maxBytes)
    throw new ListSourceError('maxBytes', `${basename(path)} is ${stat.size} bytes, above the limit of ${maxBytes}`);
  const handle = await open(path, 'r');
  try {
    return { name: basename(path), bytes: await handle.readFile(), date: stat.mtime.toISOString().slice(0, 10) };
  } finally {
    await handle.close();
  }
}

async function download(url: URL, options: FetchOptions, required: true): Promise<FetchedFile>;
async function download(url: URL, options: FetchOptions, required: false): Promise<FetchedFile | undefined>;
async function download(url: URL, options: FetchOptions, required: boolean): Promise<FetchedFile | undefined> {
  const downloaded = await httpDownload(
    url,
    { maxBytes: options.maxBytes, timeoutMs: options.timeoutMs, allowedAddresses: options.allowedAddresses ?? [] },
    required,
  );
  if (!downloaded) return undefined;
  const { lastModified } = downloaded;
  const date = lastModified && !Number.isNaN(Date.parse(lastModified)) ? new Date(lastModified).toISOString().slice(0, 10) : undefined;
  return { name: basename(url.pathname) || url.hostname, bytes: downloaded.bytes, ...(date ? { date } : {}) };
}
