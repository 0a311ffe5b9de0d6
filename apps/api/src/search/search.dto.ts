import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PagedQueryDto } from '../read-side/pages';
import { ReportListQueryDto } from '../report-views/report-views.controller';
import { MinCjkTermLength } from './cjk-term';

/**
 * `GET /v1/search`: the words, and the report list's filters (country, publisher, status, sourceReliability,
 * from, to: same rules, same messages), its page size (1–100, default 20) and an opaque cursor.
 */
export class SearchQueryDto extends IntersectionType(
  PickType(ReportListQueryDto, ['country', 'publisher', 'status', 'sourceReliability', 'from', 'to', 'limit', 'minPosition'] as const),
  PickType(PagedQueryDto, ['cursor'] as const),
) {
  @ApiProperty({
    description:
      'What to find, as in a web search engine: words (stemmed: `drones` finds `drone`), "quoted phrases", `or`, `-word` to exclude. A term holding Chinese, Japanese or Korean characters is found as a substring of the text (NFC; no stemming, `-term` excludes, not joined by `or`) and needs two such characters, or three characters in all: one such character (`中`) is 422 minCjkTermLength',
    example: 'kamikaze drones',
    minLength: 1,
    maxLength: 200,
  })
  @IsString()
  @Length(1, 200)
  @Matches(/[\p{L}\p{N}]/u, { message: 'q must hold a letter or a digit' })
  @MinCjkTermLength()
  q: string;

  @ApiPropertyOptional({
    enum: ['report', 'claim'],
    description: 'Only reports (title, publisher, text) or only claims (with their evidence)',
  })
  @IsOptional()
  @IsIn(['report', 'claim'])
  kind?: 'report' | 'claim';
}

/** One hit (`SearchHit` of `@tm/read-models`). */
export class SearchHitDto {
  @ApiProperty({ description: 'The report (the hit, or the report of the claim hit)' }) reportId: string;
  @ApiPropertyOptional({ description: 'Present when the hit is a claim' }) claimId?: string;
  @ApiProperty({
    example: 0.4,
    description:
      'ts_rank_cd of the hit for the query: higher is better (title and claim text weigh more than publisher, report text and evidence)',
  })
  rank: number;
  @ApiProperty({
    example: 'Der Spiegel: China and Russia negotiate drone deliveries',
    description: "The title of the report's source (the hit's report)",
  })
  title: string;
  @ApiProperty({
    example: '<b>kamikaze</b> <b>drones</b> · ZT-180 · Xi’an Bingo Intelligent Aviation Technology',
    description:
      'Best fragments as HTML: the stored text escaped (&, <, >), each match in <b>…</b>, fragments joined by " … ". A report\'s text is its title and text; a claim\'s the words analysts wrote in the claim and its evidence (item description and designation, statement, names of parties, outcomes, topics, place, date as phrased, evidence statements and sources) joined by " · ", not its codes, enum values, ids or dates: a claim found only by one of these (`Aircraft`, `delivered`) has a headline without a match',
  })
  headline: string;
}

export class SearchPageDto {
  @ApiProperty({
    type: [SearchHitDto],
    description:
      'Hits in windows of 1,000 matches taken in report id then claim id order (a report before its claims); within a window best rank first, then by report id and claim id',
  })
  items: SearchHitDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as `cursor` (with the same q and filters) for the next page; null on the last page',
  })
  nextCursor: string | null;
}
