/**
 * The dashboard's API client: the key is kept for the browser session (this tab's sessionStorage, never localStorage;
 * the open tabs pass it on to a new one, see key-share.ts), every
 * GET revalidates with If-None-Match against the ETag of the last answer for that path (a 304 reuses it), and the
 * global position of the read models (`X-Projection-Position`) of the last answer is published to the page.
 */
import { readPages, type PagesRead } from './paging';

const KEY_ITEM = 'tm.apiKey';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}

/** Keeps `key` for this tab's session; null forgets it, and the answers read with it. */
export function storeKey(key: string | null): void {
  if (key === null) {
    sessionStorage.removeItem(KEY_ITEM);
    cache.clear();
  } else sessionStorage.setItem(KEY_ITEM, key);
}

/** An answer that is not 2xx/304: the API's error body `{ statusCode, message, errors }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Cached {
  etag: string;
  body: unknown;
}

const cache = new Map<string, Cached>();
const positionListeners = new Set<(position: number) => void>();
let lastPosition: number | null = null;

/** Calls `listener` with each new global position an answer reflects; returns the unsubscribe function. */
export function onPosition(listener: (position: number) => void): () => void {
  positionListeners.add(listener);
  if (lastPosition !== null) listener(lastPosition);
  return () => positionListeners.delete(listener);
}

function notePosition(response: Response): void {
  const header = response.headers.get('X-Projection-Position');
  if (header === null || !/^\d+$/.test(header)) return;
  lastPosition = Number(header);
  for (const listener of positionListeners) listener(lastPosition);
}

async function failure(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { message?: unknown; errors?: { path: string; message: string }[] };
    if (body.errors?.length) message = body.errors.map((e) => e.message).join('; ');
    else if (typeof body.message === 'string') message = body.message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = storedKey();
  return { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extra };
}

/** GET `path` (e.g. `/v1/ledgers/CN?limit=1000`); unchanged answers come from the ETag cache. */
export async function get<T>(path: string): Promise<T> {
  const cached = cache.get(path);
  const response = await fetch(path, { cache: 'no-store', headers: headers(cached ? { 'If-None-Match': cached.etag } : {}) });
  notePosition(response);
  if (response.status === 304 && cached) return cached.body as T;
  if (!response.ok) throw await failure(response);
  const body = (await response.json()) as T;
  const etag = response.headers.get('ETag');
  if (etag) cache.set(path, { etag, body });
  return body;
}

/** Every page of a `{ items, nextCursor }` list, following the cursors (at most `maxPages`; `more` when a cursor was left). */
export function getAll<T>(path: string, maxPages: number): Promise<PagesRead<T>> {
  return readPages<T>(get, path, maxPages);
}

/** POST a JSON body; answers the parsed body (commands answer 202 with a command id). */
export async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** Builds a query string from the defined, non-empty values. */
export function query(values: Record<string, string | number | undefined>): string {
  const parts = Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
