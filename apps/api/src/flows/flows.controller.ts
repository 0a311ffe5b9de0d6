import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  flowKeyString,
  readFlowChanges,
  readFlowChangeSteps,
  readFlows,
  readFlowsAsOf,
  type ClaimStatus,
  type FlowChange,
  type FlowRow,
} from '@tm/read-models';
import { ApiPolled } from '../http/api-responses';
import { RequestValidationException } from '../http/api-exceptions';
import { ROUTES } from '../http/links';
import { decodeCursor, PAGE_LIMIT, pageOf, type Page } from '../read-side/pages';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';
import { asOfTarget } from '../read-side/as-of-target';
import { FlowChangePageDto, FlowPageDto } from './flows.dto';
import { FlowChangesQueryDto, FlowsQueryDto } from './flows-query.dto';

/** A page of flows and the global position it reflects. */
export interface FlowPage extends Page<FlowRow> {
  position: number;
}

/** A page of the positions at which transfer claims changed. */
export interface FlowChangePage extends Page<FlowChange> {
  country: string | null;
  /** With `steps`: how many positions there are in all. */
  total?: number;
}

/** Counts and quantities of reported transfers per supplier × recipient × category × stage × year. */
@ApiTags('ledgers')
@Controller(ROUTES.flows)
export class FlowsController {
  constructor(private readonly readSide: ReadSideService) {}

  @Get()
  @ApiOperation({
    summary: 'Transfer flows: claims and quantities per supplier × recipient × category × stage × year',
    description:
      'A page `{ items, nextCursor, position }` of flows ordered by supplier, recipient, category, stage and year (pass `nextCursor` back as `cursor`; null on the last page). Each transfer claim counts once, in the year of its earliest reported date (null when undated), with its quantity summed per unit as the ledgers sum it. Claims of every status but `retracted` count unless `status` is given. `asOf` answers the claims as known when the event store held the events up to that position or moment (read from the claim-state history, equal to a fold of the store), as the ledgers do; `position` is the global position the answer reflects. Headers: `ETag`, `X-Projection-Position`, `X-Projection-Version`.',
  })
  @ApiOkResponse({ type: FlowPageDto })
  @ApiPolled()
  async flows(
    @Query() query: FlowsQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<FlowPage | undefined> {
    if (query.direction !== undefined && query.country === undefined) {
      throw new RequestValidationException([
        { path: 'direction', rule: 'requiresCountry', message: 'direction needs country: the side of which country' },
      ]);
    }
    const after =
      query.cursor === undefined ? null : decodeCursor(query.cursor, 1, ([key]) => key !== null && key.split('|').length === 5)[0];
    const context = await this.readSide.context(query.minPosition);
    const filter = { ...query, status: query.status as ClaimStatus | undefined };
    const answer =
      query.asOf !== undefined
        ? await readFlowsAsOf(this.readSide.pool, asOfTarget(query.asOf), filter)
        : await readFlows(this.readSide.pool, context.schema, filter, context.position);
    const rows = after === null ? answer.rows : answer.rows.filter((row) => flowKeyString(row) > after);
    const page = pageOf(rows, query.limit ?? PAGE_LIMIT.default, (row) => [flowKeyString(row)]);
    return this.readSide.reply(request, response, { ...page, position: answer.position }, context, query.minPosition !== undefined);
  }

  @Get('changes')
  @ApiOperation({
    summary: 'The global positions at which transfer claims changed: the `asOf` steps of flows and ledgers',
    description:
      'A page `{ country, items, nextCursor }` of the global positions, oldest first, of the events that changed a transfer claim (of `country`, as supplier or recipient, when given) as the projection has applied them, each with the time the event store recorded it: submitted, amended, graded by evidence, retracted. They are where `asOf` answers of that country\'s flows and ledger change: `asOf` at a position answers as at the last of them at or before it, and before the first one nothing (the dashboard\'s "as known at" slider steps through them). Claim states a read-models version kept from before it kept history (see `asOf`) give every event of their report instead. Headers: `ETag`, `X-Projection-Position`, `X-Projection-Version`.',
  })
  @ApiOkResponse({ type: FlowChangePageDto })
  @ApiPolled()
  async changes(
    @Query() query: FlowChangesQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<FlowChangePage | undefined> {
    const after = query.cursor === undefined ? null : Number(decodeCursor(query.cursor, 1, ([p]) => p !== null && /^\d{1,15}$/.test(p))[0]);
    const context = await this.readSide.context(query.minPosition);
    let page: Page<FlowChange> & { total?: number };
    if (query.steps !== undefined) {
      const { items, total } = await readFlowChangeSteps(this.readSide.pool, context.schema, query.country, after, query.steps);
      page = { items, nextCursor: null, total };
    } else {
      const limit = query.limit ?? PAGE_LIMIT.default;
      const rows = await readFlowChanges(this.readSide.pool, context.schema, query.country, after, limit + 1);
      page = pageOf(rows, limit, (row) => [String(row.position)]);
    }
    return this.readSide.reply(request, response, { country: query.country ?? null, ...page }, context, query.minPosition !== undefined);
  }
}
