import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { RequestValidationException } from '../http/api-exceptions';
import { unstorableText } from '../http/unstorable-text';
import { PollingQueryDto } from './polling.dto';

/** Default and largest page of the ledgers and the timeline. */
export const PAGE_LIMIT = { default: 200, max: 1000 } as const;

/** `?limit=&cursor=` of a read-side list answering `{ items, nextCursor }` (with the polling parameters). */
export class PagedQueryDto extends PollingQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor: the `nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,1000}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_LIMIT.max, default: PAGE_LIMIT.default, description: 'At most this many items per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT.max)
  limit?: number;
}

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

/**
 * The sort key a cursor of {@link encodeCursor} holds: `arity` strings or nulls.
 * @throws RequestValidationException 422 `isCursor` for anything else (a cursor of another list, an edited one).
 */
export function decodeCursor(cursor: string, arity: number): (string | null)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((v) => v === null || storable(v))) return key as (string | null)[];
  } catch {
    // Not JSON: refused below.
  }
  throw new RequestValidationException([{ path: 'cursor', rule: 'isCursor', message: 'cursor must be the nextCursor of a previous page of this list' }]);
}

/** The first `limit` of `sorted` (read with one more, to know whether a next page exists), and the cursor after them. */
export function pageOf<T>(sorted: T[], limit: number, keyOf: (item: T) => (string | null)[]): Page<T> {
  const items = sorted.slice(0, limit);
  return { items, nextCursor: sorted.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
