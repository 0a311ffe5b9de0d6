import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFound, RequestValidationException } from '../http/api-exceptions';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-keys.dto';
import { ApiKeysRepository, type StoredApiKey } from './api-keys.repository';
import { Actor } from './principal';

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

/** API keys (admin only): create (the key is shown once), list, revoke. */
@ApiTags('api keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysRepository) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key; the answer holds the key, shown this once' })
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
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  async list(): Promise<ApiKeyDto[]> {
    return (await this.keys.list()).map(toDto);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key at once' })
  @ApiNoContentResponse()
  async revoke(@Param('keyId', new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationException([{ path: 'keyId', rule: 'isUuid', message: 'keyId must be a UUID' }]) })) keyId: string): Promise<void> {
    if (!(await this.keys.revoke(keyId))) throw notFound('keyId', 'API key', keyId);
  }
}
