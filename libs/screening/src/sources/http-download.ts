import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { guardedAgent, isAddressRefused } from '@tm/platform';
import { ListSourceError } from './confined-path';

export interface DownloadOptions {
  /** Largest body read (after decompression), in bytes. */
  maxBytes: number;
  /** Time allowed for the whole download, redirects included, in ms. */
  timeoutMs: number;
  /** Non-public addresses and ranges that may be connected to (see `addressRefusal` in @tm/platform). */
  allowedAddresses: readonly string[];
}

/** A downloaded body and the final response's `Last-Modified` header. */
export interface Downloaded {
  bytes: Buffer;
  lastModified?: string;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DECODERS: Record<string, (() => Transform) | undefined> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};
/** Appended to address refusals: how an operator lets a non-public list server through. */
export const ALLOW_LIST_HINT = 'SANCTIONS_DOWNLOAD_ALLOWED_ADDRESSES lets chosen addresses through';

/**
 * GETs `url` over node:http(s), every connection (redirects included, at most 5, each to an http(s) URL) through the
 * SSRF guard of @tm/platform, which refuses non-public addresses not in `allowedAddresses` after DNS.
 * A gzip, deflate or br body is decoded; the size cap applies to the decoded bytes.
 * @returns the body, or undefined for a 404 when `required` is false
 * @throws ListSourceError `publicAddress` (address refused), `httpUrl` (redirect to another scheme), `timeout`,
 *   `maxBytes`, `download` (connection error, HTTP status other than 2xx, too many redirects)
 */
export async function httpDownload(url: URL, options: DownloadOptions, required: boolean): Promise<Downloaded | undefined> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const response = await get(current, options, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(status) && location) {
      response.destroy();
      if (redirects === MAX_REDIRECTS) throw new ListSourceError('download', `${url} redirected more than ${MAX_REDIRECTS} times`);
      current = redirectTarget(current, location);
      continue;
    }
    if (!required && status === 404) {
      response.destroy();
      return undefined;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new ListSourceError('download', `${current} answered HTTP ${status}`);
    }
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (!response.headers['content-encoding'] && declared > options.maxBytes) {
      response.destroy();
      throw new ListSourceError('maxBytes', `${current} is ${declared} bytes, above the limit of ${options.maxBytes}`);
    }
    const bytes = await readCapped(current, response, options, signal);
    const lastModified = response.headers['last-modified'];
    return { bytes, ...(lastModified ? { lastModified } : {}) };
  }
}

/** The absolute URL a `Location` header points to, when it is http(s). @throws ListSourceError `httpUrl` */
function redirectTarget(from: URL, location: string): URL {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new ListSourceError('httpUrl', `${from} redirected to ${location}, not a valid URL`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new ListSourceError('httpUrl', `${from} redirected to a ${target.protocol} URL; only http(s) is followed`);
  if (target.username || target.password) throw new ListSourceError('httpUrl', `${from} redirected to a URL with credentials`);
  return target;
}

function get(url: URL, options: DownloadOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: 'GET',
      agent: guardedAgent(url, options.allowedAddresses),
      signal,
      headers: { 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'transfer-monitor-lists/1' },
    });
    req.on('response', resolve);
    req.on('error', (error) => {
      if (isAddressRefused(error)) reject(new ListSourceError('publicAddress', `${url}: ${error.message} (${ALLOW_LIST_HINT})`));
      else if (signal.aborted) reject(new ListSourceError('timeout', `${url} did not answer within ${options.timeoutMs} ms`));
      else
        reject(new ListSourceError('download', `${url} could not be fetched: ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    });
    req.end();
  });
}

async function readCapped(url: URL, response: IncomingMessage, options: DownloadOptions, signal: AbortSignal): Promise<Buffer> {
  const body = decoded(url, response);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxBytes) throw new ListSourceError('maxBytes', `${url} sent more than the limit of ${options.maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ListSourceError) throw error;
    if (signal.aborted) throw new ListSourceError('timeout', `${url} did not finish within ${options.timeoutMs} ms`);
    throw new ListSourceError('download', `${url} broke off: ${(error as Error).message}`);
  } finally {
    response.destroy();
    if (body !== response) body.destroy();
  }
  return Buffer.concat(chunks);
}

function decoded(url: URL, response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding === 'identity') return response;
  const decoder = DECODERS[encoding];
  if (!decoder) {
    response.destroy();
    throw new ListSourceError('download', `${url} sent content-encoding ${encoding}, which is not supported`);
  }
  const stream = decoder();
  // An error on the response (aborted, reset) must reach the reader of the decoded stream.
  response.on('error', (error) => stream.destroy(error));
  return response.pipe(stream);
}
