import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { readAlertGroups, type AlertGroup, type AlertGroupAfter } from '@tm/read-models';
import { RequestValidationException } from '../http/api-exceptions';
import { links, ROUTES } from '../http/links';
import { decodeCursor, encodeCursor, type Page } from '../read-side/pages';
import { AlertGroupPageDto, AlertGroupsQueryDto } from './alert-groups.dto';

/** A timestamptz as PostgreSQL prints it (`2026-12-06 18:00:00.123456+00`), years 1000-9999. */
const PG_TIMESTAMPTZ = /^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** Whether `YYYY-MM-DD` names a day that exists (not 2026-02-30). */
function isCalendarDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

/** The sort key a group cursor holds; an edited one is 422 `isCursor` (not a PostgreSQL error on `::timestamptz`). */
function groupAfter(cursor: string): AlertGroupAfter {
  const [at, key1, key2] = decodeCursor(cursor, 3);
  if (at === null || key1 === null || key2 === null || !PG_TIMESTAMPTZ.test(at) || !isCalendarDay(at.slice(0, 10))) {
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
