import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { buildMessage, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { isCameoCode } from '@tm/reference';
import { DateFilterBound } from '../http/date-formats';
import type { TimelineEntry } from '@tm/read-models';
import { parameterValidationPipe } from '../read-side/query-validation';
import { CountryParamDto } from '../ledgers/ledger-query.dto';
import { PollingQueryDto } from '../read-side/polling.dto';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';

export class TimelineQueryDto extends PollingQueryDto {
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

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** A country's diplomatic timeline, ordered by the EDTF earliest bound (undated events last). */
@ApiTags('timeline')
@Controller('v1/timeline')
export class TimelineController {
  constructor(private readonly readSide: ReadSideService) {}

  @Get(':country')
  @ApiOperation({ summary: "A country's diplomatic timeline", description: 'Diplomatic events the country took part in, with EDTF date and precision, CAMEO code, quad class and Goldstein score, participants and outcomes. Polling headers as for ledgers.' })
  async timeline(
    @Param(parameterValidationPipe()) params: CountryParamDto,
    @Query(parameterValidationPipe()) query: TimelineQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<{ country: string; entries: TimelineEntry[] } | undefined> {
    const context = await this.readSide.context(query.minPosition);
    const { rows } = await this.readSide.pool.query<{ entry: TimelineEntry }>(
      `SELECT entry FROM ${context.schema}.timeline_entries
       WHERE country = $1 AND ($2::text IS NULL OR latest >= $2) AND ($3::text IS NULL OR earliest <= $3) AND ($4::text IS NULL OR cameo_code LIKE $4 || '%')
       ORDER BY earliest NULLS LAST, latest NULLS LAST, report_id, claim_id LIMIT $5`,
      [params.country, query.from ?? null, query.to ?? null, query.cameo ?? null, query.limit ?? 200],
    );
    return this.readSide.reply(request, response, { country: params.country, entries: rows.map((r) => r.entry) }, context, query.minPosition !== undefined);
  }
}
