import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { ApiEtagged } from '../openapi/not-modified';

/** Injection token: the readiness checks an app contributes (PostgreSQL, Kafka, …). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

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
