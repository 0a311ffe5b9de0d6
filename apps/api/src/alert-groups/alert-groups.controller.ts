import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { isCalendarDay } from '@tm/reference';
import { readAlertGroups, type AlertGroup, type AlertGroupAfter } from '@tm/read-models';
import { RequestValidationException } from '../http/api-exceptions';
import { ApiEtagged } from '../http/api-responses';
import { links, ROUTES } from '../http/links';
import { decodeCursor, encodeCursor, type Page } from '../read-side/pages';
import { AlertGroupPageDto, AlertGroupsQueryDto } from './alert-groups.dto';

/**
 * A group's latest raise as its cursor holds it: the UTC instant as PostgreSQL prints it (`0050-06-01 12:00:00.5+00`),
 * years 0001-9999 (read by PostgreSQL, not by JS Date, which takes the years 0-99 for 1900-1999).
 */
const PG_UTC_TIMESTAMPTZ = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?\+00$/;

/** The sort key a group cursor holds; an edited one is 422 `isCursor` (not a PostgreSQL error on `::timestamptz`). */
function groupAfter(cursor: string): AlertGroupAfter {
  const [at, key1, key2] = decodeCursor(cursor, 3);
  const day = PG_UTC_TIMESTAMPTZ.exec(at ?? '')?.[1];
  if (at === null || key1 === null || key2 === null || !day || !isCalendarDay(day)) {
    throw new RequestValidationException([
      { path: 'cursor', rule: 'isCursor', message: 'cursor must be the nextCursor of a previous page of this list' },
    ]);
  }
  return [at, key1, key2];
}

/** An alert group as served: with links to its report and its alerts. */
export type AlertGroupView = AlertGroup & { links: { report?: string; alerts: string[] } };

/** Alerts grouped per report or per list entry: the review queue's view. */
@ApiTags('alerts')
@Controller(ROUTES.alertGroups)
export class AlertGroupsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @ApiOperation({
    summary: 'Alerts grouped per report or per list entry, latest raised first',
    description:
      "A page `{ items, nextCursor }` of groups (`by=report`: every alert a report raised; `by=entry`: every alert a list entry raised), each with its alert count, counts per status, highest score, latest raise, alert ids (highest score first) and links. Takes `GET /v1/alerts`' filters (applied to the alerts before grouping).",
  })
  @ApiOkResponse({ type: AlertGroupPageDto })
  @ApiEtagged()
  async groups(@Query() query: AlertGroupsQueryDto): Promise<Page<AlertGroupView>> {
    const after = query.cursor === undefined ? null : groupAfter(query.cursor);
    const limit = query.limit ?? 50;
    const found = await readAlertGroups(this.pool, query.by, query, limit, after);
    const page = found.slice(0, limit);
    return {
      items: page.map(({ group }) => ({
        ...group,
        links: { ...(group.reportId ? { report: links.report(group.reportId) } : {}), alerts: group.alertIds.map(links.alert) },
      })),
      nextCursor: found.length > limit ? encodeCursor(page[page.length - 1].key) : null,
    };
  }
}
