import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { buildMessage, IsOptional, ValidateBy } from 'class-validator';
import { isCameoCode } from '@tm/reference';
import { DateFilterBound } from '../http/date-formats';
import { ApiPolled } from '../http/api-responses';
import type { TimelineEntry } from '@tm/read-models';
import { parameterValidationPipe } from '../read-side/query-validation';
import { CountryParamDto } from '../ledgers/ledger-query.dto';
import { decodeCursor, PAGE_LIMIT, pageOf, PagedQueryDto, type Page } from '../read-side/pages';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';

export class TimelineQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ description: 'Events whose EDTF latest bound is in this period or later (ISO date: YYYY, YYYY-MM or YYYY-MM-DD; a year or month from its first day)' })
  @DateFilterBound('from')
  from?: string;

  @ApiPropertyOptional({ description: 'Events whose EDTF earliest bound is in this period or earlier (ISO date: YYYY, YYYY-MM or YYYY-MM-DD; a year or month through its last day; not before `from`)' })
  @DateFilterBound('to')
  to?: string;

  @ApiPropertyOptional({ description: 'A CAMEO event code (GDELT CAMEO 1.1b3): a root such as `04` (consult) takes its sub-codes too (`042`, `043`…)', example: '04' })
  @IsOptional()
  @ValidateBy({ name: 'isCameoCode', validator: { validate: isCameoCode, defaultMessage: buildMessage(() => '$property must be a known CAMEO event code (e.g. 04 consult, 042 make a visit, 057 sign an agreement)') } })
  cameo?: string;
}

/** A page of a country's timeline (the entries are `TimelineEntry` of `@tm/read-models`). */
export class TimelineAnswerDto {
  @ApiProperty({ example: 'BY' }) country: string;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Timeline entries of this page: EDTF date, CAMEO code, quad class, Goldstein score, participants, outcomes' }) items: TimelineEntry[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

/** The timeline's order: by the EDTF earliest then latest bound (undated last), then report and claim id. */
const TIMELINE_ORDER = `earliest IS NULL, coalesce(earliest, ''), latest IS NULL, coalesce(latest, ''), report_id, claim_id`;

interface TimelineRow {
  entry: TimelineEntry;
  earliest: string | null;
  latest: string | null;
  report_id: string;
  claim_id: string;
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
    @Param(parameterValidationPipe()) params: CountryParamDto,
    @Query(parameterValidationPipe()) query: TimelineQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<({ country: string } & Page<TimelineEntry>) | undefined> {
    const context = await this.readSide.context(query.minPosition);
    const limit = query.limit ?? PAGE_LIMIT.default;
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, 4);
    const { rows } = await this.readSide.pool.query<TimelineRow>(
      `SELECT entry, earliest, latest, report_id, claim_id FROM ${context.schema}.timeline_entries
       WHERE country = $1 AND ($2::text IS NULL OR latest >= $2) AND ($3::text IS NULL OR earliest <= $3) AND ($4::text IS NULL OR cameo_code LIKE $4 || '%')
         AND ($6::boolean IS NULL OR (${TIMELINE_ORDER}) > ($6::boolean, coalesce($7::text, ''), $8::boolean, coalesce($9::text, ''), $10::text, $11::text))
       ORDER BY ${TIMELINE_ORDER} LIMIT $5`,
      [params.country, query.from ?? null, query.to ?? null, query.cameo ?? null, limit + 1, after ? after[0] === null : null, after?.[0] ?? null, after ? after[1] === null : null, after?.[1] ?? null, after?.[2] ?? null, after?.[3] ?? null],
    );
    const page = pageOf(rows, limit, (r) => [r.earliest, r.latest, r.report_id, r.claim_id]);
    return this.readSide.reply(request, response, { country: params.country, items: page.items.map((r) => r.entry), nextCursor: page.nextCursor }, context, query.minPosition !== undefined);
  }
}
