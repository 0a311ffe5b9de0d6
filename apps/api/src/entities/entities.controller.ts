import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiPolled } from '../http/api-responses';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsISO31661Alpha2, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { readEntityDirectory, type DirectoryEntity, type OrderedEntity } from '@tm/read-models';
import { RequestValidationException } from '../http/api-exceptions';
import { decodeCursor, pageOf } from '../read-side/pages';
import { PollingQueryDto } from '../read-side/polling.dto';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';

export class EntitiesQueryDto extends PollingQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name, any case', example: 'bingo' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only parties acting for this country (ISO 3166-1 alpha-2)', example: 'CN' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code (e.g. CN)' })
  country?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor: the `nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,1000}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

/** The entity directory's answer (the entries are `DirectoryEntity` of `@tm/read-models`). */
export class EntityDirectoryDto {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Named parties: name, type, countries, claim and report counts, report ids' }) items: DirectoryEntity[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}

/** Every named party the reports mention (companies, bodies, people), with their countries and counts. */
@ApiTags('entities')
@Controller('v1/entities')
export class EntitiesController {
  constructor(private readonly readSide: ReadSideService) {}

  @Get()
  @ApiOperation({ summary: 'Entity directory', description: 'Named parties matching `q` (substring of the normalised name), most mentioned first; a page `{ items, nextCursor }` (pass `nextCursor` back as `cursor`).' })
  @ApiOkResponse({ type: EntityDirectoryDto })
  @ApiPolled()
  async search(@Query() query: EntitiesQueryDto, @Req() request: PolledRequest, @Res({ passthrough: true }) response: PolledResponse): Promise<EntityDirectoryDto | undefined> {
    const context = await this.readSide.context(query.minPosition);
    // Keyset on the order (claims, most first; then the key): a cursor is the last entry's pair.
    const [afterCount, afterKey] = query.cursor ? decodeCursor(query.cursor, 2) : [null, null];
    if (afterCount !== null && !/^\d{1,15}$/.test(afterCount)) throw new RequestValidationException([{ path: 'cursor', rule: 'isCursor', message: 'cursor must be the nextCursor of a previous page of this list' }]);
    const limit = query.limit ?? 50;
    const after: OrderedEntity['order'] | null = afterCount === null ? null : [Number(afterCount), afterKey!];
    const rows = await readEntityDirectory(this.readSide.pool, context.schema, { text: query.q, country: query.country }, after, limit + 1);
    const page = pageOf(rows, limit, (r) => [String(r.order[0]), r.order[1]]);
    return this.readSide.reply(request, response, { items: page.items.map((r) => r.entity), nextCursor: page.nextCursor }, context, query.minPosition !== undefined);
  }
}
