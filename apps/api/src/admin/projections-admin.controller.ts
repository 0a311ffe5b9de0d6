import { ConflictException, Controller, Get, HttpCode, Inject, Logger, NotFoundException, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsString } from 'class-validator';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import {
  listProjectionVersions,
  READ_MODELS_PROJECTION,
  RebuildInProgressError,
  RebuildService,
  type ProjectionVersion,
} from '@tm/read-models';
import { ApiEtagged } from '../http/api-responses';

export class ProjectionNameParamDto {
  @ApiProperty({ enum: [READ_MODELS_PROJECTION], description: 'The projection' })
  @IsString()
  name: string;
}

/** One version of a projection (`ProjectionVersion` of `@tm/read-models`, times as ISO strings). */
export class ProjectionVersionDto {
  @ApiProperty({ example: READ_MODELS_PROJECTION }) projection: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'The PostgreSQL schema holding its tables' }) schemaName: string;
  @ApiProperty({ enum: ['building', 'active', 'retired', 'failed'] }) status: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) activatedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
  @ApiProperty({ description: 'Events applied so far' }) eventsRead: number;
  @ApiPropertyOptional({ description: 'Why a building version stopped' }) error?: string;
}

/** A projection's versions. */
export class ProjectionVersionsDto {
  @ApiProperty({ example: READ_MODELS_PROJECTION }) projection: string;
  @ApiProperty({ type: [ProjectionVersionDto] }) versions: ProjectionVersionDto[];
}

/** Projection versions and rebuilds. */
@ApiTags('admin')
@Controller('v1/admin/projections')
export class ProjectionsAdminController {
  private readonly logger = new Logger(ProjectionsAdminController.name);

  constructor(
    private readonly rebuilds: RebuildService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get(':name')
  @ApiOperation({
    summary: "A projection's versions",
    description: 'Every version (active, building, retired) with its progress in events read, and why a building one stopped (`error`).',
  })
  @ApiOkResponse({ type: ProjectionVersionsDto })
  @ApiEtagged()
  @ApiNotFoundResponse({ description: 'Unknown projection' })
  async versions(@Param() params: ProjectionNameParamDto): Promise<{ projection: string; versions: ProjectionVersion[] }> {
    this.known(params.name);
    return { projection: params.name, versions: await listProjectionVersions(this.pool) };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild a projection from global position 0',
    description:
      'Fills a new version while the active one serves, then switches. Resumes a rebuild left building by a stopped process. Follow progress with GET /v1/admin/projections/:name.',
  })
  @ApiAcceptedResponse({ type: ProjectionVersionDto, description: 'The version being built' })
  @ApiConflictResponse({ description: 'A rebuild is already running' })
  @ApiNotFoundResponse({ description: 'Unknown projection' })
  async rebuild(@Param() params: ProjectionNameParamDto): Promise<ProjectionVersion> {
    this.known(params.name);
    if (this.rebuilds.isRunning) throw rebuildRunning('a rebuild is already running');
    let version = await this.rebuilds.building();
    if (!version) {
      try {
        version = await this.rebuilds.begin();
      } catch (error) {
        if (error instanceof RebuildInProgressError) throw rebuildRunning(error.message);
        throw error;
      }
    }
    this.rebuilds.run(version).catch((error: unknown) => this.logger.error(error));
    return version;
  }

  private known(name: string): void {
    if (name !== READ_MODELS_PROJECTION)
      throw new NotFoundException({
        message: `unknown projection ${name}; known: ${READ_MODELS_PROJECTION}`,
        errors: [{ path: 'name', rule: 'isIn', message: `name must be ${READ_MODELS_PROJECTION}` }],
      });
  }
}

/** 409 in the API's error body: one rebuild at a time (follow it with GET /v1/admin/projections/:name). */
function rebuildRunning(message: string): ConflictException {
  return new ConflictException({
    message,
    errors: [{ path: 'name', rule: 'noRebuildRunning', message: `${message}; follow it with GET /v1/admin/projections/read-models` }],
  });
}
