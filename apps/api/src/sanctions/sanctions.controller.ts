import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import type { ImportSanctionsListV1 } from '@tm/domain';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { readSanctionsLists } from '@tm/read-models';
import {
  checkListUrl,
  confinedPath,
  defaultFormat,
  isUrlSource,
  LIST_IDS,
  LIST_OF_FORMAT,
  ListSourceError,
  type ListFormat,
  type ListId,
} from '@tm/screening';
import { CommandGateway } from '../commands/command-gateway.service';
import { RequestValidationException } from '../http/api-exceptions';
import { idempotencyKeyErrors } from '../http/idempotency-key';
import { ErrorBodyDto } from '../http/error-body';
import type { FieldErrorDto } from '../http/error-body';
import { ImportSanctionsListDto, SanctionsListsDto } from './sanctions.dto';
import type { AuthenticatedRequest } from '../auth/principal';
import { links, ROUTES } from '../http/links';
import { ApiEtagged } from '../http/api-responses';

/**
 * Sanctions lists: imports as commands (202 + command id; the processor fetches, parses and appends the delta) and
 * the versions in force. File sources are confined to `SANCTIONS_IMPORT_DIR` (`..` and links out are refused with
 * 422 `insideImportFolder`); URL sources must be http(s) (`httpUrl`) on a host that resolves (`resolvableHost`) to
 * public addresses or ones in `SANCTIONS_DOWNLOAD_ALLOWED_ADDRESSES` (`publicAddress`); the processor checks the
 * address again when it connects.
 */
@ApiTags('sanctions-lists')
@Controller(ROUTES.sanctionsLists)
export class SanctionsListsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly gateway: CommandGateway,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every list and the version in force',
    description:
      'Each supported list, imported or not: the version in force, its content hash, entry counts, the last delta and the last failed import.',
  })
  @ApiOkResponse({ type: SanctionsListsDto })
  @ApiEtagged()
  async list(): Promise<SanctionsListsDto> {
    const byId = new Map((await readSanctionsLists(this.pool)).map((l) => [l.listId, l]));
    return {
      items: LIST_IDS.map((listId) => {
        const l = byId.get(listId);
        return {
          listId,
          entries: l?.entryCount ?? 0,
          ...(l?.version
            ? {
                version: l.version,
                contentHash: l.contentHash ?? undefined,
                source: l.source ?? undefined,
                importedAt: l.importedAt?.toISOString(),
              }
            : {}),
          ...(l?.lastCounts ? { lastCounts: l.lastCounts } : {}),
          ...(l?.lastFailure ? { lastFailure: l.lastFailure } : {}),
        };
      }),
      nextCursor: null, // every supported list, in one page
    };
  }

  @Post(':listId/imports')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Import a version of a list',
    description:
      'From an official URL or a file in the import folder. A command: the processor fetches, parses and appends the delta; see GET /v1/commands/:id.',
  })
  @ApiParam({ name: 'listId', enum: LIST_IDS })
  @ApiAcceptedResponse({
    description: 'Accepted; the aggregate is the list',
    schema: {
      type: 'object',
      required: ['commandId', 'aggregateId', 'links'],
      properties: {
        commandId: { type: 'string', format: 'uuid' },
        aggregateId: { type: 'string', description: 'The list id' },
        links: { type: 'object', required: ['command', 'list'], properties: { command: { type: 'string' }, list: { type: 'string' } } },
      },
    },
  })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyDto,
    description:
      'Unknown list, format of another list, path outside the import folder, non-http URL, URL host that does not resolve or resolves to a non-public address',
  })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto })
  async import(
    @Param('listId') listId: string,
    @Body() body: ImportSanctionsListDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: { id?: unknown } & AuthenticatedRequest,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
  ) {
    const errors: FieldErrorDto[] = [];
    if (!LIST_IDS.includes(listId as ListId))
      errors.push({ path: 'listId', rule: 'isIn', message: `listId must be one of ${LIST_IDS.join(', ')}` });
    const sources = [body.source, ...(body.additionalSources ?? [])];
    for (const [i, source] of sources.entries()) {
      const path = i === 0 ? 'source' : `additionalSources[${i - 1}]`;
      try {
        if (isUrlSource(source)) await checkListUrl(source, this.env.SANCTIONS_DOWNLOAD_ALLOWED_ADDRESSES);
        else confinedPath(this.env.SANCTIONS_IMPORT_DIR, source);
      } catch (error) {
        if (!(error instanceof ListSourceError)) throw error;
        errors.push({ path, rule: error.rule, message: error.message });
      }
    }
    if (errors.length === 0) {
      const format = (body.format ?? defaultFormat(listId as ListId, body.source)) as ListFormat;
      if (LIST_OF_FORMAT[format] !== listId)
        errors.push({
          path: 'format',
          rule: 'formatOfList',
          message: `format ${format} holds list ${LIST_OF_FORMAT[format]}, not ${listId}`,
        });
    }
    errors.push(...idempotencyKeyErrors(key));
    if (errors.length) throw new RequestValidationException(errors);
    const payload: ImportSanctionsListV1 = {
      listId,
      sources,
      ...(body.format ? { format: body.format } : {}),
      ...(body.version ? { version: body.version } : {}),
      ...(body.allowOlder ? { allowOlder: true } : {}),
    };
    const correlationId = typeof req.id === 'string' ? req.id : String(req.id ?? '');
    const accepted = await this.gateway.accept({
      type: 'ImportSanctionsList',
      aggregateId: listId,
      fingerprint: payload,
      payload: () => payload,
      actor: req.principal?.actor ?? 'anonymous',
      correlationId: correlationId || 'none',
      idempotencyKey: key,
    });
    const commandLinks = { command: links.command(accepted.commandId), list: links.sanctionsLists() };
    res.setHeader('Location', commandLinks.command);
    return { ...accepted, links: commandLinks };
  }
}
