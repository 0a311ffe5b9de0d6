import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MatchesRule } from '../http/pattern-rule';
import { RequestValidationException } from '../http/api-exceptions';
import { unstorableText } from '../http/unstorable-text';
import { PollingQueryDto } from './polling.dto';

/** Default and largest page of the ledgers and the timeline. */
export const PAGE_LIMIT = { default: 200, max: 1000 } as const;

/** A list's default and largest page (`?limit=`). */
export interface PageLimits {
  default: number;
  max: number;
}

/** An opaque cursor (base64url, as `encodeCursor` and the lists' own keyset cursors write them), at most 1,000 characters. */
const OPAQUE_CURSOR = /^[A-Za-z0-9_-]{1,1000}$/;

/**
 * The query DTO of a paged list answering `{ items, nextCursor }`: `cursor` (the `nextCursor` of the previous page
 * of the same list; anything else is a 422 `isCursor`: see `CursorBindingInterceptor` and {@link decodeCursor}) and `limit` (an integer in 1..`limits.max`, `limits.default` when absent; 422 `isInt`, `min`,
 * `max`). Extend it with the list's filters: `class XQueryDto extends PageQueryDto({ default: 50, max: 200 }) { … }`.
 * @param cursor the cursor's shape, for a list whose cursors are narrower than {@link OPAQUE_CURSOR}.
 */
export function PageQueryDto(limits: PageLimits, cursor: RegExp = OPAQUE_CURSOR) {
  class PageQuery {
    @ApiPropertyOptional({ description: 'Opaque cursor: the `nextCursor` of the previous page (same filters)' })
    @IsOptional()
    @MatchesRule('isCursor', cursor, 'cursor must be the nextCursor of a previous page of this list')
    cursor?: string;

    @ApiPropertyOptional({ minimum: 1, maximum: limits.max, default: limits.default, description: 'At most this many items per page' })
    @IsOptional()
    @Type(() => Number)
    @IsInt({ message: 'limit must be an integer' })
    @Min(1)
    @Max(limits.max)
    limit?: number;
  }
  return PageQuery;
}

/** `?limit=&cursor=` of a read-side list answering `{ items, nextCursor }` (with the polling parameters). */
export class PagedQueryDto extends IntersectionType(PollingQueryDto, PageQueryDto(PAGE_LIMIT)) {}

/** A page of a list: `nextCursor` is null on the last page, else passed back as `cursor` for the next. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A string PostgreSQL can take as text (an edited cursor holding NUL must be a 422, not a 500). */
const storable = (value: unknown): value is string => typeof value === 'string' && unstorableText(value, 'cursor').length === 0;

/** The sort key of the last item of a page, as an opaque cursor (base64url of its JSON). */
export function encodeCursor(key: (string | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A sort key, `null` for a position a list leaves open (an undated timeline entry's dates, a search's first window). */
export type CursorKey = (string | null)[];

const noNulls = (key: CursorKey) => key.every((v) => v !== null);

/**
 * The sort key a cursor of {@link encodeCursor} holds: `arity` strings (nulls only where `accepts` allows them), the
 * list's tag already checked and removed by `CursorBindingInterceptor`.
 * @param accepts whether the key is a well-formed position of the list; by default, one without nulls.
 * @throws RequestValidationException 422 `isCursor` for anything else (an edited cursor, another list's).
 */
export function decodeCursor(cursor: string, arity: number, accepts: (key: CursorKey) => boolean = noNulls): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((v) => v === null || storable(v)) && accepts(key)) return key as CursorKey;
  } catch {
    // Not JSON: refused below.
  }
  throw new RequestValidationException([
    { path: 'cursor', rule: 'isCursor', message: 'cursor must be the nextCursor of a previous page of this list' },
  ]);
}

/** The first `limit` of `sorted` (read with one more, to know whether a next page exists), and the cursor after them. */
export function pageOf<T>(sorted: T[], limit: number, keyOf: (item: T) => (string | null)[]): Page<T> {
  const items = sorted.slice(0, limit);
  return { items, nextCursor: sorted.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
