import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { searchReadModels, type SearchAfter, type SearchHit } from '@tm/read-models';
import { ApiPolled } from '../http/api-responses';
import { RequestValidationException } from '../http/api-exceptions';
import { ROUTES } from '../http/links';
import { decodeCursor, encodeCursor, type Page } from '../read-side/pages';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';
import { SearchPageDto, SearchQueryDto } from './search.dto';

/** A rank as PostgreSQL prints a `real` that `ts_rank_cd` gives (0, or between 1e-30 and 1e10). */
const RANK = /^(0|\d{1,10}(\.\d{1,12})?(e[-+]?\d{1,2})?)$/;

/**
 * Where the page a search cursor names starts: `[window report id, window claim id, rank, report id, claim id]`
 * (the window null for the first). An edited one is 422 `isCursor` (not a PostgreSQL error on `::real`).
 */
function searchAfter(cursor: string): SearchAfter {
  const [windowReportId, windowClaimId, rank, reportId, claimId] = decodeCursor(cursor, 5, () => true); // nulls and ranges checked below
  const value = Number(rank);
  if (
    rank === null ||
    reportId === null ||
    claimId === null ||
    (windowReportId === null) !== (windowClaimId === null) ||
    !RANK.test(rank) ||
    !(value === 0 || (value >= 1e-30 && value <= 1e10))
  ) {
    throw new RequestValidationException([
      { path: 'cursor', rule: 'isCursor', message: 'cursor must be the nextCursor of a previous page of this list' },
    ]);
  }
  return {
    window: windowReportId === null || windowClaimId === null ? null : [windowReportId, windowClaimId],
    hit: [rank, reportId, claimId],
  };
}

/** The cursor of the page after a hit (see {@link searchAfter}). */
function cursorAfter(key: SearchAfter): string {
  return encodeCursor([...(key.window ?? [null, null]), ...(key.hit ?? [null, null, null])]);
}

/** Full-text search over reports and claims. */
@ApiTags('reports')
@Controller(ROUTES.search)
export class SearchController {
  constructor(private readonly readSide: ReadSideService) {}

  @Get()
  @ApiOperation({
    summary: 'Full-text search over reports and claims, ranked, with highlights',
    description:
      'A page `{ items: [{ reportId, claimId?, rank, title, headline }], nextCursor }` of hits for `q` (PostgreSQL full-text search, English stemming, GIN-indexed); filters combine with the words (AND). Matches are ranked in windows of 1,000 taken in report id then claim id order, best first within a window (a query with at most 1,000 matches is ranked as a whole); following `nextCursor` gives every match once. A report matches on its title, publisher and text; a claim on its item, parties, places, outcomes and evidence. Headers: `ETag`, `X-Projection-Position`, `X-Projection-Version`.',
  })
  @ApiOkResponse({ type: SearchPageDto })
  @ApiPolled()
  async search(
    @Query() query: SearchQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<Page<SearchHit> | undefined> {
    const after = query.cursor === undefined ? null : searchAfter(query.cursor);
    const limit = query.limit ?? 20;
    const context = await this.readSide.context(query.minPosition);
    const found = await searchReadModels(this.readSide.pool, context.schema, query.q, query, limit, after);
    const page = found.slice(0, limit);
    const body = { items: page.map((f) => f.hit), nextCursor: found.length > limit ? cursorAfter(page[page.length - 1].key) : null };
    return this.readSide.reply(request, response, body, context, query.minPosition !== undefined);
  }
}
