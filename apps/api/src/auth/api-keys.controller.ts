import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFound, RequestValidationException } from '../http/api-exceptions';
import { uuidParam } from '../http/uuid';
import { decodeCursor, pageOf } from '../read-side/pages';
import { API_KEYS_PAGE, ApiKeyDto, ApiKeyPageDto, ApiKeysQueryDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-keys.dto';
import { ApiKeysRepository, type StoredApiKey } from './api-keys.repository';
import { Actor } from './principal';
import { ApiEtagged } from '../http/api-responses';

function toDto(key: StoredApiKey): ApiKeyDto {
  return {
    keyId: key.keyId,
    prefix: key.prefix,
    name: key.name,
    role: key.role,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}

/** `created_at::text` of PostgreSQL (ISO style, UTC): the time half of an API key list cursor. */
const CREATED_AT_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** API keys (admin only): create (the key is shown once), list, revoke. */
@ApiTags('api keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysRepository) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description: 'The answer holds the key (`tm_<prefix>_<secret>`), shown this once; only its hash is stored.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(@Body() body: CreateApiKeyDto, @Actor() actor: string): Promise<CreatedApiKeyDto> {
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : undefined;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new RequestValidationException([{ path: 'expiresAt', rule: 'isInFuture', message: 'expiresAt must be in the future' }]);
    }
    const { stored, key } = await this.keys.create({ name: body.name, role: body.role, expiresAt, createdBy: actor });
    return { ...toDto(stored), key };
  }

  @Get()
  @ApiOperation({
    summary: 'List API keys (never the keys themselves)',
    description: 'Oldest first, in pages: `{ items, nextCursor }` (pass `nextCursor` back as `cursor`; null on the last page).',
  })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiEtagged()
  async list(@Query() query: ApiKeysQueryDto): Promise<ApiKeyPageDto> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 2);
    // The cursor goes into SQL as a timestamp and a UUID: anything else would be a database error, not a 422.
    if (after && !(CREATED_AT_TEXT.test(after[0] ?? '') && isUUID(after[1] ?? '')))
      throw new RequestValidationException([
        { path: 'cursor', rule: 'isCursor', message: 'cursor must be the nextCursor of a previous page of this list' },
      ]);
    const limit = query.limit ?? API_KEYS_PAGE.default;
    const rows = await this.keys.list({ limit: limit + 1, ...(after ? { after: { createdAtText: after[0]!, keyId: after[1]! } } : {}) });
    const page = pageOf(rows, limit, (row) => [row.createdAtText, row.keyId]);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key', description: 'At once: the next request with it is answered 401.' })
  @ApiNoContentResponse()
  async revoke(@Param('keyId', uuidParam('keyId')) keyId: string): Promise<void> {
    if (!(await this.keys.revoke(keyId))) throw notFound('keyId', 'API key', keyId);
  }
}
