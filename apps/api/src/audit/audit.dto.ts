import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { buildMessage, IsIn, IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';
import { AUDIT_OUTCOMES, AUDIT_PATH_MAX } from '@tm/read-models';
import { PageQueryDto } from '../read-side/pages';
import { IsDateBound, isDateBound } from '../http/date-formats';
import { boundTime, lowerBound, upperBound } from './audit-bounds';

/** Default and largest page of `GET /v1/audit`. */
export const AUDIT_PAGE = { default: 100, max: 1000 } as const;

/**
 * `to` not before `from`, each read as the audit log reads it (`from` from its first moment, `to` through its last:
 * `from=2026-12-08&to=2026-12-08` holds), as 422 `notBeforeFrom` like the other date filters of the API (a bound that is
 * itself invalid is left to its own rule).
 */
function NotBeforeFromTime(): PropertyDecorator {
  return ValidateBy({
    name: 'notBeforeFrom',
    validator: {
      validate: (value: unknown, args) => {
        const from = (args?.object as { from?: unknown } | undefined)?.from;
        if (!isDateBound(value) || !isDateBound(from)) return true;
        const [start, end] = [boundTime(lowerBound(from)), boundTime(upperBound(value))];
        return Number.isNaN(start) || Number.isNaN(end) || end >= start;
      },
      defaultMessage: buildMessage(() => '$property must not be before from'),
    },
  });
}

/** `GET /v1/audit` query. */
export class AuditQueryDto extends PageQueryDto(AUDIT_PAGE) {
  @ApiPropertyOptional({
    description: 'Only requests made with this API key (`keyId` of `POST /v1/api-keys`, or `bootstrap-admin`)',
    example: 'bootstrap-admin',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  keyId?: string;

  @ApiPropertyOptional({ description: 'Only requests to this route template, as Express writes it', example: '/v1/reports/:id' })
  @IsOptional()
  @Matches(/^\/[\x21-\x7e]{0,499}$/, {
    message: 'route must be a route template starting with / (printable ASCII, at most 500 characters), e.g. /v1/reports/:id',
  })
  route?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES, description: 'Only requests with this outcome' })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: string;

  @ApiPropertyOptional({
    description: 'Only requests that arrived at or after this time (YYYY, YYYY-MM, YYYY-MM-DD or a date-time; UTC unless a zone is given)',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsDateBound()
  from?: string;

  @ApiPropertyOptional({
    description: 'Only requests that arrived at or before this time (a year, month or day includes all of it; not before `from`)',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsDateBound()
  @NotBeforeFromTime()
  to?: string;
}

class AuditEntryDto {
  @ApiProperty({ description: 'Position in the log (a bigint, as text)', example: '1042' }) auditId: string;
  @ApiProperty({ format: 'date-time', description: 'When the request arrived' }) at: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The API key (a revoked or expired one included), or null when none or an unknown one was presented',
  })
  keyId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The key's name at the time" }) keyName: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The key's role at the time: viewer, analyst or admin" }) keyRole:
    string | null;
  @ApiProperty({ example: 'POST' }) method: string;
  @ApiProperty({ type: String, nullable: true, description: 'The route template; null when no route matched', example: '/v1/reports/:id' })
  route: string | null;
  @ApiProperty({
    maxLength: AUDIT_PATH_MAX,
    description: `The path requested, without the query string, cut at ${AUDIT_PATH_MAX} characters`,
  })
  path: string;
  @ApiProperty({ description: 'The HTTP status answered', example: 200 }) status: number;
  @ApiProperty({
    enum: AUDIT_OUTCOMES,
    description: 'allowed, or refused by access control: unauthenticated (401), forbidden (403), rate-limited (429)',
  })
  outcome: string;
  @ApiProperty({ type: String, nullable: true, description: 'The x-correlation-id of the request' }) correlationId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The client's address (the TCP peer's)" }) clientAddress: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'Requests, newest first' }) items: AuditEntryDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as `cursor` (same filters) for the next page; null on the last page',
  })
  nextCursor: string | null;
}
