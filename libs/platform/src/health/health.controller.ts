import { applyDecorators, Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';

/** Injection token: the readiness checks an app contributes (PostgreSQL, Kafka, …). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * Express tags the answer (a weak `ETag` over the body) and answers 304 to an `If-None-Match` holding it, as on every
 * GET route whose body it sends; documented as the API's routes document it (`ApiEtagged`).
 */
const ApiEtagged = () =>
  applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'ETag of the last answer: 304 when nothing changed' }),
    ApiResponse({
      status: 304,
      description: 'Not modified since the ETag given in If-None-Match (no body)',
      headers: { ETag: { description: 'Hash of the body: send it back in If-None-Match', schema: { type: 'string' } } },
    }),
  );

/**
 * `GET /health/live`: the process answers (restart it when this fails).
 * `GET /health/ready`: every dependency answers (take it out of rotation when this fails); 503 otherwise,
 * with the failing check named in the body (@nestjs/terminus format).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Optional() @Inject(READINESS_CHECKS) private readonly checks: HealthIndicatorFunction[] = [],
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up', description: 'Restart the process when this fails. No API key needed.' })
  @HealthCheck()
  @ApiEtagged()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Kafka answer',
    description: 'Take the process out of rotation when this answers 503 (the failing check is named). No API key needed.',
  })
  @HealthCheck()
  @ApiEtagged()
  ready() {
    return this.health.check(this.checks ?? []);
  }
}
