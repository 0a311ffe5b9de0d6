import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsIso3166Alpha2 } from '@tm/domain';
import { readReports, readReportView, type ReportState } from '@tm/read-models';
import { notFound } from '../http/api-exceptions';
import { CanonicalUuid } from '../http/uuid';
import { MatchesRule } from '../http/pattern-rule';
import { DateFilterBound } from '../http/date-formats';
import { PollingQueryDto } from '../read-side/polling.dto';
import { MinCjkTermLength } from '../search/cjk-term';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';
import { ROUTES } from '../http/links';
import { ApiPolled } from '../http/api-responses';
import { ReportPageDto, ReportViewDto } from './report-view.dto';
import { readReportScreening, type ReportScreening } from './report-screening';

export class ReportListQueryDto extends PollingQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`)' })
  @IsOptional()
  @MatchesRule('isCursor', /^\d{1,19}$/, 'cursor must be the nextCursor of a previous page of this list')
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Reports with a claim involving this country (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIso3166Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code (e.g. CN)' })
  country?: string;

  @ApiPropertyOptional({
    description:
      'Search words: reports whose text or one of whose claims matches them, read as by GET /v1/search (stemmed English words, "quoted phrases", or, -word; Chinese, Japanese or Korean terms as substrings, of two such characters or three characters at least, else 422 minCjkTermLength); the list\'s order stays newest first',
    example: 'drones',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @MinCjkTermLength()
  q?: string;

  @ApiPropertyOptional({ description: 'Part of the publisher name, any case', example: 'spiegel' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  publisher?: string;

  @ApiPropertyOptional({ enum: ['active', 'retracted'] })
  @IsOptional()
  @IsIn(['active', 'retracted'])
  status?: string;

  @ApiPropertyOptional({ enum: ['A', 'B', 'C', 'D', 'E', 'F'], description: 'Admiralty source reliability' })
  @IsOptional()
  @IsIn(['A', 'B', 'C', 'D', 'E', 'F'])
  sourceReliability?: string;

  @ApiPropertyOptional({
    description: 'Published in this period or later (ISO date: YYYY, YYYY-MM or YYYY-MM-DD; a year or month from its first day)',
  })
  @DateFilterBound('from')
  from?: string;

  @ApiPropertyOptional({
    description:
      'Published in this period or earlier (ISO date: YYYY, YYYY-MM or YYYY-MM-DD; a year or month through its last day; not before `from`)',
  })
  @DateFilterBound('to')
  to?: string;
}

export class ReportIdParamDto {
  @ApiProperty({ format: 'uuid', description: 'The report id' })
  @CanonicalUuid()
  @IsUUID(undefined, { message: 'id must be a UUID (a report id)' })
  id: string;
}

/** A report in a list. */
export interface ReportSummary {
  reportId: string;
  publisher: string;
  title: string;
  publishedOn: string;
  sourceReliability: string;
  status: string;
  claimCount: number;
  countries: string[];
  submittedAt: string;
}

/** Report views: the list (newest first, cursor pagination) and one report with its claims, grading and evidence. */
@ApiTags('reports')
@Controller(ROUTES.reports)
export class ReportViewsController {
  constructor(private readonly readSide: ReadSideService) {}

  @Get()
  @ApiOperation({
    summary: 'Reports, newest first',
    description:
      'Filters combine (`q`: search words over the report and its claims, as GET /v1/search). Cursor pagination: pass `nextCursor` back as `cursor`. Polling headers as for ledgers.',
  })
  @ApiOkResponse({ type: ReportPageDto })
  @ApiPolled()
  async list(
    @Query() query: ReportListQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<{ items: ReportSummary[]; nextCursor: string | null } | undefined> {
    const context = await this.readSide.context(query.minPosition);
    const limit = query.limit ?? 20;
    const { q, country, publisher, status, sourceReliability, from, to } = query;
    const rows = await readReports(
      this.readSide.pool,
      context.schema,
      { q, country, publisher, status, sourceReliability, from, to },
      query.cursor ?? null,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const body = {
      items: page.map(({ state, claimCount, countries }) => ({
        reportId: state.reportId,
        publisher: state.source.publisher,
        title: state.source.title,
        publishedOn: state.source.publishedOn,
        sourceReliability: state.sourceReliability,
        status: state.status,
        claimCount,
        countries,
        submittedAt: state.submittedAt,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].submittedPosition : null,
    };
    return this.readSide.reply(request, response, body, context, query.minPosition !== undefined);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One report with its claims as they now stand',
    description:
      'Source and Admiralty grading, each claim with status (active/disputed/denied/retracted), current credibility, evidence, independent publishers and amendments; `screening` says which version the screening app has screened (its alerts are all listed once `screening.version` reaches `version`).',
  })
  @ApiOkResponse({ type: ReportViewDto })
  @ApiPolled()
  @ApiNotFoundResponse({ description: 'No report with this id (yet: use ?minPosition after a write)' })
  async get(
    @Param() params: ReportIdParamDto,
    @Query() query: PollingQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<(ReportState & { screening: ReportScreening | null }) | undefined> {
    const context = await this.readSide.context(query.minPosition);
    const state = await readReportView(this.readSide.pool, context.schema, params.id);
    if (!state) throw notFound('id', 'report', params.id);
    const screening = await readReportScreening(this.readSide.pool, params.id);
    return this.readSide.reply(request, response, { ...state, screening }, context, query.minPosition !== undefined);
  }
}
