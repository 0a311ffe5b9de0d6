import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { readListEntryHistory, searchListEntries } from '@tm/read-models';
import { notFound } from '../http/api-exceptions';
import { ApiEtagged } from '../http/api-responses';
import { ErrorBodyDto } from '../http/error-body';
import { links, ROUTES } from '../http/links';
import { NoQueryParameters } from '../http/no-query';
import { decodeCursor, encodeCursor } from '../read-side/pages';
import { ListEntriesQueryDto, ListEntryHistoryDto, ListEntryPageDto, ListEntryParamDto, ListParamDto } from './list-entries.dto';

/** A list's entries: search those in force, and one entry with its versions and alerts. */
@ApiTags('sanctions-lists')
@Controller(ROUTES.sanctionsLists)
export class ListEntriesController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get(':listId/entries')
  @ApiOperation({
    summary: "Search a list's entries in force",
    description:
      'A page `{ items, nextCursor }` of the entries whose names contain `q` (any case and Unicode compatibility form: both sides in NFKC, so a full-width letter or a ligature finds its plain form and the reverse; every entry without it), by entry id.',
  })
  @ApiOkResponse({ type: ListEntryPageDto })
  @ApiEtagged()
  async entries(@Param() params: ListParamDto, @Query() query: ListEntriesQueryDto): Promise<ListEntryPageDto> {
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, 1)[0];
    const limit = query.limit ?? 50;
    const found = await searchListEntries(this.pool, params.listId, query.q, limit, after);
    const page = found.slice(0, limit);
    return {
      items: page.map((e) => ({ ...e, links: { self: links.listEntry(e.listId, e.entryId) } })),
      nextCursor: found.length > limit ? encodeCursor([page[page.length - 1].entryId]) : null,
    };
  }

  @Get(':listId/entries/:entryId')
  @ApiOperation({
    summary: 'One list entry: in force or not, every version it had, and the alerts it raised',
    description:
      "Designations, amendments and delistings from the list's event stream, oldest first; the entry in force (null once delisted); its alerts, newest first.",
  })
  @ApiOkResponse({ type: ListEntryHistoryDto })
  @ApiEtagged()
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'The list never held this entry' })
  async entry(@Param() params: ListEntryParamDto, @NoQueryParameters() _query: undefined): Promise<ListEntryHistoryDto> {
    const history = await readListEntryHistory(this.pool, params.listId, params.entryId);
    if (!history) throw notFound('entryId', `${params.listId} entry`, params.entryId);
    return {
      ...history,
      alerts: history.alerts.map((a) => ({ ...a, links: { self: links.alert(a.alertId), report: links.report(a.reportId) } })),
    };
  }
}
