/** One page of a `{ items, nextCursor }` list as the API answers it. */
export type Page<T> = { items: T[]; nextCursor: string | null } & Record<string, unknown>;

/** The rows of a list as read: every page up to a cap, the first page's other fields, `more` when a cursor was left. */
export interface PagesRead<T> {
  items: T[];
  first: Record<string, unknown>;
  more: boolean;
}

/**
 * Every page of the list at `path` asked with `get`, following the cursors (at most `maxPages`). Kept apart from the
 * API client (which needs the browser's sessionStorage) so that it runs in a unit test with a fake `get`.
 */
export async function readPages<T>(get: (path: string) => Promise<Page<T>>, path: string, maxPages: number): Promise<PagesRead<T>> {
  const items: T[] = [];
  let first: Record<string, unknown> | undefined;
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const answer: Page<T> = await get(cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);
    first ??= answer;
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return { items, first: first ?? {}, more: cursor !== null };
}
