import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ALERT_KINDS, MAX_ALERTS_PER_REVIEW, IsIso3166Alpha2 } from '@tm/domain';
import { InstantFilterStart } from '../http/date-formats';
import { CanonicalUuid } from '../http/uuid';
import { PageQueryDto } from '../read-side/pages';

export const ALERT_STATUSES = ['open', 'acknowledged', 'confirmed', 'dismissed', 'superseded'] as const;
export const REVIEW_STATUSES = ['acknowledged', 'confirmed', 'dismissed'] as const;

/** Default and largest page of `GET /v1/alerts` and `GET /v1/alert-groups`. */
export const ALERT_PAGE = { default: 50, max: 200 } as const;

/** Query of `GET /v1/alerts`: the filters, `cursor` and `limit`. */
export class AlertsQueryDto extends PageQueryDto(ALERT_PAGE) {
  @ApiPropertyOptional({
    enum: ALERT_KINDS,
    description:
      'What the alert rests on: a name match, ownership or control by listed parties, a possible diversion, a front company or misdeclared goods',
  })
  @IsOptional()
  @IsIn(ALERT_KINDS)
  kind?: string;

  @ApiPropertyOptional({ enum: ALERT_STATUSES })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'List id, e.g. `ofac-sdn`' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,32}$/, { message: 'list must be a list id such as ofac-sdn' })
  list?: string;

  @ApiPropertyOptional({ description: 'Sanctions program, e.g. `RUSSIA-EO14024`' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  program?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country of the claim or of the list entry' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIso3166Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code' })
  country?: string;

  @ApiPropertyOptional({ description: 'Lowest score, in [0, 1]' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'minScore must be a number' })
  @Min(0)
  @Max(1)
  minScore?: number;

  @ApiPropertyOptional({
    description:
      'Alerts raised at or after this moment (ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or a date-time; a year, month or day from its start, UTC)',
  })
  @InstantFilterStart()
  since?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "One report's alerts (its id, any case): the dashboard's report page" })
  @IsOptional()
  @IsUUID('all', { message: 'report must be a UUID' })
  @CanonicalUuid()
  report?: string;
}

/** Body of `POST /v1/alerts/:id/review`. */
export class ReviewAlertDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsIn(REVIEW_STATUSES)
  status: 'acknowledged' | 'confirmed' | 'dismissed';

  @ApiPropertyOptional({ description: 'Why (kept in the AlertReviewed event: the audit trail)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

/** Body of `POST /v1/alerts/review`: one status and reason for every alert named, applied all or nothing. */
export class ReviewAlertsDto extends ReviewAlertDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_ALERTS_PER_REVIEW,
    uniqueItems: true,
    description: `1 to ${MAX_ALERTS_PER_REVIEW} distinct alert ids`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ALERTS_PER_REVIEW)
  @ArrayUnique(undefined, { message: 'alertIds must not repeat an alert id' })
  @IsUUID('all', { each: true, message: 'each of alertIds must be a UUID' })
  @CanonicalUuid()
  alertIds: string[];
}
