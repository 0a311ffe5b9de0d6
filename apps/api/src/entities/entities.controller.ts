import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { entityNameKey, type MergeEntityNamesV1, type SplitEntityNameV1, IsIso3166Alpha2 } from '@tm/domain';
import { readEntityAlerts, readEntityClaims, readEntityCounterparties } from '@tm/read-models';
import { ApiPolled } from '../http/api-responses';
import { MatchesRule } from '../http/pattern-rule';
import { CommandGateway } from '../commands/command-gateway.service';
import { notFound } from '../http/api-exceptions';
import { ErrorBodyDto } from '../http/error-body';
import { idempotencyKeyErrors } from '../http/idempotency-key';
import { links, ROUTES } from '../http/links';
import type { AuthenticatedRequest } from '../auth/principal';
import { EntityParamDto, EntityQueryDto, EntityViewDto, MergeEntitiesDto, SplitEntityDto } from './entities.dto';
import { ENTITY_MATCH_THRESHOLD, entityIdOf, keyOfEntityId } from './entity-resolution';
import { EntityResolver } from './entity-resolver.service';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { readEntityDirectory, type DirectoryEntity, type EntityAlertRow, type OrderedEntity } from '@tm/read-models';
import { RequestValidationException } from '../http/api-exceptions';
import { decodeCursor, pageOf } from '../read-side/pages';
import { PollingQueryDto } from '../read-side/polling.dto';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';

export class EntitiesQueryDto extends PollingQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name, any case', example: 'bingo' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only parties acting for this country (ISO 3166-1 alpha-2)', example: 'CN' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIso3166Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code (e.g. CN)' })
  country?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor: the `nextCursor` of the previous page' })
  @IsOptional()
  @MatchesRule('isCursor', /^[A-Za-z0-9_-]{1,1000}$/, 'cursor must be the nextCursor of a previous page of this list')
  cursor?: string;
}

/** The entity directory's answer (the entries are `DirectoryEntity` of `@tm/read-models`). */
export class EntityDirectoryDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'Named parties: entityId (GET /v1/entities/{entityId}: the entity this name belongs to), name, type, countries, claim and report counts, report ids',
  })
  items: (DirectoryEntity & { entityId: string })[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}

/** The 202 answer of a merge or split. */
const decisionAccepted = {
  type: 'object',
  required: ['commandId', 'aggregateId', 'links'],
  properties: {
    commandId: { type: 'string', format: 'uuid' },
    aggregateId: { type: 'string', format: 'uuid', description: 'The decision id' },
    links: { type: 'object', required: ['command', 'entity'], properties: { command: { type: 'string' }, entity: { type: 'string' } } },
  },
};

/** Every named party the reports mention (companies, bodies, people), with their countries and counts. */
@ApiTags('entities')
@Controller(ROUTES.entities)
export class EntitiesController {
  private readonly logger = new Logger(EntitiesController.name);

  constructor(
    private readonly readSide: ReadSideService,
    private readonly resolver: EntityResolver,
    private readonly gateway: CommandGateway,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Entity directory',
    description:
      'Named parties matching `q` (substring of the normalised name), most mentioned first; a page `{ items, nextCursor }` (pass `nextCursor` back as `cursor`).',
  })
  @ApiOkResponse({ type: EntityDirectoryDto })
  @ApiPolled()
  async search(
    @Query() query: EntitiesQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<EntityDirectoryDto | undefined> {
    const context = await this.readSide.context(query.minPosition);
    // Keyset on the order (claims, most first; then the key): a cursor is the last entry's pair.
    const [afterCount, afterKey] = query.cursor ? decodeCursor(query.cursor, 2) : [null, null];
    if (afterCount !== null && !/^\d{1,15}$/.test(afterCount))
      throw new RequestValidationException([
        { path: 'cursor', rule: 'isCursor', message: 'cursor must be the nextCursor of a previous page of this list' },
      ]);
    const limit = query.limit ?? 50;
    const after: OrderedEntity['order'] | null = afterCount === null ? null : [Number(afterCount), afterKey!];
    const rows = await readEntityDirectory(this.readSide.pool, context.schema, { text: query.q, country: query.country }, after, limit + 1);
    const page = pageOf(rows, limit, (r) => [String(r.order[0]), r.order[1]]);
    return this.readSide.reply(
      request,
      response,
      { items: page.items.map((r) => ({ entityId: entityIdOf(r.entity.key), ...r.entity })), nextCursor: page.nextCursor },
      context,
      query.minPosition !== undefined,
    );
  }

  @Post('merge')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Merge names into one entity (analyst)',
    description:
      'One MergeEntityNames command, recorded as EntityNamesMerged in the event store (stream `entity-decisions`, the analyst and reason in the event): from then on the names are one entity, whatever the matcher says, until a later split. Every name must be in the entity directory (422 `names[i]` rule `inDirectory`). Follow it with GET /v1/commands/:id.',
  })
  @ApiAcceptedResponse({ description: 'The command id; the aggregate is the decision', schema: decisionAccepted })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto })
  async merge(
    @Body() body: MergeEntitiesDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: { id?: unknown } & AuthenticatedRequest,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
  ) {
    const keyErrors = idempotencyKeyErrors(key);
    if (keyErrors.length > 0) throw new RequestValidationException(keyErrors);
    const keys = body.names.map(entityNameKey);
    const errors = keys.flatMap((k, i) =>
      k ? [] : [{ path: `names[${i}]`, rule: 'isNotBlank', message: `names[${i}] must hold a letter or digit` }],
    );
    keys.forEach(
      (k, i) =>
        keys.indexOf(k) !== i &&
        errors.push({
          path: `names[${i}]`,
          rule: 'isDistinct',
          message: `names[${i}] names ${JSON.stringify(k)} again (names are compared as keyed: any case and spacing)`,
        }),
    );
    if (errors.length > 0) throw new RequestValidationException(errors);
    const context = await this.readSide.context();
    const names = await this.resolver.names(context.schema, context.position);
    this.inDirectory(keys, 'names', (k) => names.get(k) !== undefined);
    const fingerprint = { names: keys, reason: body.reason };
    const payload = ({ aggregateId }: { aggregateId: string }): MergeEntityNamesV1 => ({ decisionId: aggregateId, ...fingerprint });
    return this.send('MergeEntityNames', fingerprint, payload, keys[0]!, key, req, res);
  }

  @Post('split')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Split a name off its entity (analyst)',
    description:
      'One SplitEntityName command, recorded as EntityNameSplit in the event store (stream `entity-decisions`): no automatic link joins `name` to the names of `from` (default: every other name of its entity now) until a later merge of them. The names must be in the entity directory (422 `name` or `from[i]`, rule `inDirectory`). Follow it with GET /v1/commands/:id.',
  })
  @ApiAcceptedResponse({ description: 'The command id; the aggregate is the decision', schema: decisionAccepted })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto })
  async split(
    @Body() body: SplitEntityDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: { id?: unknown } & AuthenticatedRequest,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
  ) {
    const keyErrors = idempotencyKeyErrors(key);
    if (keyErrors.length > 0) throw new RequestValidationException(keyErrors);
    const name = entityNameKey(body.name);
    if (!name) throw new RequestValidationException([{ path: 'name', rule: 'isNotBlank', message: 'name must hold a letter or digit' }]);
    const context = await this.readSide.context();
    const names = await this.resolver.names(context.schema, context.position);
    this.inDirectory([name], 'name', (k) => names.get(k) !== undefined);
    let from: string[];
    if (body.from) {
      from = [...new Set(body.from.map(entityNameKey))];
      this.inDirectory(body.from.map(entityNameKey), 'from', (k) => names.get(k) !== undefined);
      if (from.includes(name))
        throw new RequestValidationException([{ path: 'from', rule: 'notSplitName', message: 'from must not hold the name split off' }]);
    } else {
      const entity = await this.resolver.resolve(context.schema, context.position, name);
      from = (entity?.names ?? [])
        .map((n) => n.key)
        .filter((k) => k !== name)
        .slice(0, 100);
      if (from.length === 0)
        throw new RequestValidationException([
          { path: 'name', rule: 'hasOtherNames', message: 'name is the only name of its entity: there is nothing to split it from' },
        ]);
    }
    const fingerprint = { name, from, reason: body.reason };
    const payload = ({ aggregateId }: { aggregateId: string }): SplitEntityNameV1 => ({ decisionId: aggregateId, ...fingerprint });
    return this.send('SplitEntityName', fingerprint, payload, name, key, req, res);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One entity: its names and why they are one, its claims, counterparties, list entries and alerts',
    description:
      "The names of the entity directory resolved as one party (the screening matcher across spellings, scripts and name orders, and the analysts' merges and splits), the evidence of each merge, the claims naming it (a page `{ items, nextCursor }`: pass `claims.nextCursor` back as `cursor`), the parties it shares claims with, the sanctions-list entries its names matched (the entries of its alerts: screening raises one when a report names it or a list changes) and its alerts. Any of its names' ids finds it; `entityId` is its own.",
  })
  @ApiOkResponse({ type: EntityViewDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No name of the directory has this id' })
  @ApiPolled()
  async entity(
    @Param() params: EntityParamDto,
    @Query() query: EntityQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<EntityViewDto | undefined> {
    const key = keyOfEntityId(params.id);
    if (key === undefined)
      throw new RequestValidationException([
        { path: 'id', rule: 'isEntityId', message: 'id must be an entity id: the base64url of a directory name' },
      ]);
    const [afterReport, afterClaim] = query.cursor ? decodeCursor(query.cursor, 2) : [null, null];
    if (query.cursor && (afterReport === null || afterClaim === null))
      throw new RequestValidationException([
        { path: 'cursor', rule: 'isCursor', message: 'cursor must be the claims.nextCursor of a previous answer' },
      ]);
    const context = await this.readSide.context(query.minPosition);
    const entity = await this.resolver.resolve(context.schema, context.position, key);
    if (!entity) throw notFound('id', 'entity', params.id);
    const keys = entity.names.map((n) => n.key);
    const expected = entity.names.reduce((sum, n) => sum + n.claimCount, 0);
    const limit = query.limit ?? 50;
    const [claims, counterparties, alerts] = await Promise.all([
      readEntityClaims(
        this.readSide.pool,
        context.schema,
        keys,
        afterReport === null ? null : [afterReport, afterClaim!],
        limit + 1,
        expected,
      ),
      // One name: the directory's count is the claims' count (several names: a claim may name two of them, so count).
      readEntityCounterparties(this.readSide.pool, context.schema, keys, 100, 1_000, expected, keys.length === 1 ? expected : undefined),
      readEntityAlerts(this.readSide.pool, keys, 100),
    ]);
    const page = pageOf(claims, limit, (c) => [c.reportId, c.claimId]);
    const body: EntityViewDto = {
      entityId: entity.entityId,
      name: entity.names[0]!.name,
      names: entity.names.map((n) => ({ ...n, entityId: entityIdOf(n.key) })),
      evidence: { threshold: ENTITY_MATCH_THRESHOLD, merges: entity.merges, separations: entity.separations, truncated: entity.truncated },
      claimCount: counterparties.claimCount,
      counterparties: counterparties.counterparties,
      counterpartiesSampled: counterparties.sampled,
      listEntries: listEntriesOf(alerts.alerts),
      alertCount: alerts.total,
      alerts: alerts.alerts.map((a) => ({
        ...a,
        links: { self: links.alert(a.alertId), report: links.report(a.reportId), entry: links.listEntry(a.listId, a.entryId) },
      })),
      claims: { items: page.items.map((c) => ({ ...c, links: { report: links.report(c.reportId) } })), nextCursor: page.nextCursor },
      links: { self: links.entity(entity.entityId), merge: links.entityMerge(), split: links.entitySplit() },
    };
    return this.readSide.reply(request, response, body, context, query.minPosition !== undefined);
  }

  /** Refuses (422, `path[i]` rule `inDirectory`) names the directory does not hold. */
  private inDirectory(keys: string[], path: string, known: (key: string) => boolean): void {
    const errors = keys.flatMap((k, i) =>
      known(k)
        ? []
        : [
            {
              path: path === 'name' ? path : `${path}[${i}]`,
              rule: 'inDirectory',
              message: `${path === 'name' ? path : `${path}[${i}]`} (${JSON.stringify(k)}) is not a name of the entity directory`,
            },
          ],
    );
    if (errors.length > 0) throw new RequestValidationException(errors);
  }

  private async send<P>(
    type: 'MergeEntityNames' | 'SplitEntityName',
    fingerprint: unknown,
    payload: (ids: { aggregateId: string }) => P,
    someKey: string,
    idempotencyKey: string | undefined,
    req: { id?: unknown } & AuthenticatedRequest,
    res: { setHeader(name: string, value: string): void },
  ) {
    const correlationId = typeof req.id === 'string' ? req.id : String(req.id ?? '');
    const accepted = await this.gateway.accept({
      type,
      fingerprint,
      payload,
      actor: req.principal?.actor ?? 'anonymous',
      correlationId: correlationId || 'none',
      idempotencyKey,
    });
    const commandLinks = { command: links.command(accepted.commandId), entity: links.entity(entityIdOf(someKey)) };
    res.setHeader('Location', commandLinks.command);
    return { ...accepted, links: commandLinks };
  }
}

/**
 * The list entries of an entity: those its alerts matched (screening's matches of its names, raised when a report
 * named it or a list changed), with their alert count and best score.
 */
function listEntriesOf(alerts: EntityAlertRow[]) {
  const entries = new Map<
    string,
    { listId: string; entryId: string; primaryName: string; programs: string[]; score: number; alertCount: number; links: { self: string } }
  >();
  for (const a of alerts) {
    const id = `${a.listId}\u0000${a.entryId}`;
    const e = entries.get(id);
    if (e) {
      e.alertCount++;
      e.score = Math.max(e.score, a.score);
    } else
      entries.set(id, {
        listId: a.listId,
        entryId: a.entryId,
        primaryName: a.entryName,
        programs: a.programs,
        score: a.score,
        alertCount: 1,
        links: { self: links.listEntry(a.listId, a.entryId) },
      });
  }
  return [...entries.values()].sort(
    (a, b) => b.alertCount - a.alertCount || b.score - a.score || (a.listId + a.entryId < b.listId + b.entryId ? -1 : 1),
  );
}
