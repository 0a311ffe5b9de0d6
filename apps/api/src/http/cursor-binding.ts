import { createHash } from 'node:crypto';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { map, type Observable } from 'rxjs';
import { RequestValidationException } from './api-exceptions';

/** Query parameters that page a list without defining it: the position, the page size, the read-your-writes wait. */
const PAGING_PARAMETERS = new Set(['cursor', 'limit', 'minPosition']);

/** Characters of the list tag that starts every cursor (base64url of 66 bits of SHA-256). */
export const LIST_TAG_LENGTH = 11;

interface HttpRequest {
  originalUrl: string;
  query?: unknown;
}

/**
 * The tag of the list a request pages: a hash of its path and of its filters (every query parameter but
 * {@link PAGING_PARAMETERS}, sorted, as sent). Two requests tagged alike page the same list.
 */
export function listTag(originalUrl: string): string {
  const url = new URL(originalUrl, 'http://api');
  const filters = [...url.searchParams]
    .filter(([name]) => !PAGING_PARAMETERS.has(name))
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([url.pathname, filters]))
    .digest('base64url')
    .slice(0, LIST_TAG_LENGTH);
}

const takesCursorOf = new WeakMap<object, boolean>();

/**
 * Whether a route handler takes `cursor`: one of its parameters' DTOs validates a `cursor` property. A route that
 * takes none (an export, one list entry) leaves an unknown `cursor` to its DTO's whitelist, a 400 as for any unknown
 * parameter, rather than answering 422 `isCursor` for a parameter it does not document.
 */
function takesCursor(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  let takes = takesCursorOf.get(handler);
  if (takes === undefined) {
    const types = (Reflect.getMetadata('design:paramtypes', context.getClass().prototype, handler.name) ?? []) as unknown[];
    takes = types.some(
      (type) =>
        typeof type === 'function' &&
        getMetadataStorage()
          .getTargetValidationMetadatas(type, '', true, false)
          .some((rule) => rule.propertyName === 'cursor'),
    );
    takesCursorOf.set(handler, takes);
  }
  return takes;
}

const refused = (message: string) => new RequestValidationException([{ path: 'cursor', rule: 'isCursor', message }]);

/**
 * Binds every cursor to the list it pages. A `nextCursor` (of the body, or of a page the body holds, as an entity's
 * `claims`) leaves prefixed with the {@link listTag} of the request; a `cursor` comes back 422 `isCursor` unless it
 * starts with the tag of the request bringing it (same path, same filters), and the list's own decoder then reads the
 * rest (a well-formed position of that list, else 422 `isCursor` too). Without it a ledger's cursor sent to another
 * country's ledger answered an empty page. Only on a route that takes a cursor ({@link takesCursor}).
 */
export class CursorBindingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const tag = listTag(request.originalUrl);
    const query = request.query as Record<string, unknown> | undefined;
    const cursor = query?.cursor;
    if (cursor !== undefined && takesCursor(context)) {
      if (typeof cursor !== 'string' || cursor.length <= LIST_TAG_LENGTH)
        throw refused('cursor must be the nextCursor of a previous page of this list');
      if (!cursor.startsWith(tag))
        throw refused('cursor is the nextCursor of another list: send it with the path and filters of the page it came from');
      // Express 5 parses req.query anew on each read: the list's own cursor is set on this request as a plain value.
      Object.defineProperty(request, 'query', { value: { ...query, cursor: cursor.slice(LIST_TAG_LENGTH) }, writable: true });
    }
    return next.handle().pipe(map((body) => tagCursors(body, tag)));
  }
}

/** `body` with its `nextCursor`s (top level and one level down) prefixed with `tag`. */
function tagCursors(body: unknown, tag: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [key, value] of Object.entries(out)) {
    if (key === 'nextCursor' && typeof value === 'string') out[key] = tag + value;
    else if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof (value as { nextCursor?: unknown }).nextCursor === 'string'
    )
      out[key] = { ...value, nextCursor: tag + (value as { nextCursor: string }).nextCursor };
  }
  return out;
}
