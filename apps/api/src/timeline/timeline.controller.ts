import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { buildMessage, IsOptional, ValidateBy } from 'class-validator';
import { isCameoCode } from '@tm/reference';
import { DateFilterBound } from '../http/date-formats';
import { ApiPolled } from '../http/api-responses';
import { readTimeline, type OrderedTimelineEntry, type TimelineEntry } from '@tm/read-models';
import { CountryParamDto } from '../ledgers/ledger-query.dto';
import { decodeCursor, PAGE_LIMIT, pageOf, PagedQueryDto, type Page } from '../read-side/pages';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';

export class TimelineQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({
    description:
      'Events whose EDTF latest bound is in this period or later (ISO date: YYYY, YYYY-MM or YYYY-MM-DD; a year or month from its first day)',
  })
  @DateFilterBound('from')
  from?: string;

  @ApiPropertyOptional({
    description:
      'Events whose EDTF earliest bound is in this period or earlier (ISO date: YYYY, YYYY-MM or YYYY-MM-DD; a year or month through its last day; not before `from`)',
  })
  @DateFilterBound('to')
  to?: string;

  @ApiPropertyOptional({
    description: 'A CAMEO event code (GDELT CAMEO 1.1b3): a root such as `04` (consult) takes its sub-codes too (`042`, `043`…)',
    example: '04',
  })
  @IsOptional()
  @ValidateBy({
    name: 'isCameoCode',
    validator: {
      validate: isCameoCode,
      defaultMessage: buildMessage(
        () => '$property must be a known CAMEO event code (e.g. 04 consult, 042 make a visit, 057 sign an agreement)',
      ),
    },
  })
  cameo?: string;
}

/** A page of a country's timeline (the entries are `TimelineEntry` of `@tm/read-models`). */
export class TimelineAnswerDto {
  @ApiProperty({ example: 'BY' }) country: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Timeline entries of this page: EDTF date, CAMEO code, quad class, Goldstein score, participants, outcomes',
  })
  items: TimelineEntry[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

/** A country's diplomatic timeline, ordered by the EDTF earliest bound (undated events last), in pages. */
@ApiTags('timeline')
@Controller('v1/timeline')
export class TimelineController {
  constructor(private readonly readSide: ReadSideService) {}

  @Get(':country')
  @ApiOperation({
    summary: "A country's diplomatic timeline",
    description:
      'Diplomatic events the country took part in, with EDTF date and precision, CAMEO code, quad class and Goldstein score, participants and outcomes, oldest first. A page: `{ country, items, nextCursor }` (pass `nextCursor` back as `cursor`; null on the last page). Polling headers as for ledgers.',
  })
  @ApiOkResponse({ type: TimelineAnswerDto })
  @ApiPolled()
  async timeline(
    @Param() params: CountryParamDto,
    @Query() query: TimelineQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<({ country: string } & Page<TimelineEntry>) | undefined> {
    const context = await this.readSide.context(query.minPosition);
    const limit = query.limit ?? PAGE_LIMIT.default;
    const after =
      query.cursor === undefined
        ? null
        : (decodeCursor(
            query.cursor,
            4,
            ([, , reportId, claimId]) => reportId !== null && claimId !== null,
          ) as OrderedTimelineEntry['order']);
    const rows = await readTimeline(
      this.readSide.pool,
      context.schema,
      { country: params.country, from: query.from, to: query.to, cameo: query.cameo },
      after,
      limit + 1,
    );
    const page = pageOf(rows, limit, (r) => r.order);
    return this.readSide.reply(
      request,
      response,
      { country: params.country, items: page.items.map((r) => r.entry), nextCursor: page.nextCursor },
      context,
      query.minPosition !== undefined,
    );
  }
}
