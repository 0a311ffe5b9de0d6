import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { readAuditLog, type AuditOutcome, type AuditPosition } from '@tm/read-models';
import { RequestValidationException } from '../http/api-exceptions';
import { ApiEtagged } from '../http/api-responses';
import { decodeCursor, pageOf } from '../read-side/pages';
import { lowerBound, upperBound } from './audit-bounds';
import { AUDIT_PAGE, AuditPageDto, AuditQueryDto } from './audit.dto';

/** The audit log: who called what and when, refused attempts included. */
@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @ApiOperation({
    summary: 'The audit log: every request to /v1, refused ones included',
    description:
      'A page `{ items, nextCursor }` of requests, newest first: key, route template, status and outcome (401, 403 and 429 included). Written in batches a fraction of a second after the answer. Never holds keys or bodies. Admin only.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiEtagged()
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const after = query.cursor === undefined ? null : positionOf(decodeCursor(query.cursor, 2));
    const limit = query.limit ?? AUDIT_PAGE.default;
    const filter = {
      keyId: query.keyId,
      route: query.route,
      outcome: query.outcome as AuditOutcome | undefined,
      from: query.from && lowerBound(query.from),
      to: query.to && upperBound(query.to),
    };
    const found = await readAuditLog(this.pool, filter, after, limit + 1);
    return pageOf(found, limit, (e) => [e.at, e.auditId]);
  }
}

/** A cursor's `[at, auditId]`. @throws RequestValidationException 422 `isCursor` for an edited one, as {@link decodeCursor} does */
function positionOf(key: (string | null)[]): AuditPosition {
  const [at, auditId] = key;
  if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof auditId === 'string' && /^\d{1,18}$/.test(auditId))
    return [at, auditId];
  throw new RequestValidationException([
    { path: 'cursor', rule: 'isCursor', message: 'cursor must be the nextCursor of a previous page of this list' },
  ]);
}
