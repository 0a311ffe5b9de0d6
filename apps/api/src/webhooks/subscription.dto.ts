import { ALERT_KINDS, IsIso3166Alpha2 } from '@tm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../read-side/pages';
import { IsCalendarDateTime } from '../http/date-formats';
import { CanonicalUuid } from '../http/uuid';
import { LIST_IDS } from '@tm/screening';
import { WEBHOOK_EVENT_TYPES } from '@tm/webhooks';

const upper = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)) : value;

/** Which alerts a subscription receives; an absent or empty filter does not restrict. */
export class SubscriptionFiltersDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['RU', 'BY'],
    description: 'Alerts involving any of these countries (ISO 3166-1 alpha-2)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @Transform(upper)
  @IsIso3166Alpha2({ each: true, message: 'each value in countries must be an ISO 3166-1 alpha-2 country code (e.g. RU)' })
  countries?: string[];

  @ApiPropertyOptional({
    enum: LIST_IDS,
    isArray: true,
    example: ['ofac-sdn'],
    description: 'Alerts on entries of any of these sanctions lists (list ids as in GET /v1/sanctions-lists)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsIn(LIST_IDS, { each: true, message: `each value in lists must be a list id: one of ${LIST_IDS.join(', ')}` })
  lists?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['RUSSIA-EO14024'],
    description: 'Alerts on entries under any of these sanctions programs',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  programs?: string[];

  @ApiPropertyOptional({
    enum: ALERT_KINDS,
    isArray: true,
    example: ['ownership', 'possible-diversion'],
    description:
      'Alerts of any of these kinds (`name-match`, `ownership`, `possible-diversion`, `front-company`, `misdeclared-goods`); empty or absent: every kind',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @IsIn(ALERT_KINDS, { each: true, message: `each value in kinds must be an alert kind: one of ${ALERT_KINDS.join(', ')}` })
  kinds?: string[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    example: 0.9,
    description: 'Alerts with a match score at least this (reviews and supersessions follow their alert)',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minScore?: number;
}

export class CreateSubscriptionDto {
  @ApiProperty({
    example: 'https://alerts.example.org/hooks/transfer-monitor',
    description: 'http(s) URL; private, loopback and link-local targets are refused',
  })
  @IsString()
  @MaxLength(2_000)
  url: string;

  @ApiPropertyOptional({ example: 'Compliance desk' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true, description: 'Default: all of them' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `each value in eventTypes must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  eventTypes?: string[];

  @ApiPropertyOptional({ type: SubscriptionFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubscriptionFiltersDto)
  filters?: SubscriptionFiltersDto;
}

/** Every field optional; `filters`, when given, replaces the filters as a whole. */
export class UpdateSubscriptionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  url?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `each value in eventTypes must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  eventTypes?: string[];

  @ApiPropertyOptional({ type: SubscriptionFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubscriptionFiltersDto)
  filters?: SubscriptionFiltersDto;
}

export class RedeliverSinceDto {
  @ApiProperty({ example: '2024-05-01T00:00:00Z', description: 'Redeliver every failed delivery created at or after this time' })
  @IsCalendarDateTime()
  since: string;
}

export class SubscriptionIdParamDto {
  @ApiProperty({ format: 'uuid', description: 'The subscription id' })
  @CanonicalUuid()
  @IsUUID()
  id: string;
}

export class DeliveryIdParamDto extends SubscriptionIdParamDto {
  @ApiProperty({ format: 'uuid', description: 'The delivery id' })
  @CanonicalUuid()
  @IsUUID()
  deliveryId: string;
}

/** Default and largest page of a subscription's deliveries. */
export const DELIVERIES_PAGE = { default: 20, max: 100 } as const;

/** `GET /v1/webhooks/subscriptions/:id/deliveries` query; its cursor is `<attempt ms>_<delivery id>`. */
export class DeliveryListQueryDto extends PageQueryDto(DELIVERIES_PAGE, /^\d{1,19}_[0-9a-f-]{36}$/) {
  @ApiPropertyOptional({ enum: ['scheduled', 'succeeded', 'failed'] })
  @IsOptional()
  @IsIn(['scheduled', 'succeeded', 'failed'])
  state?: string;
}

/** A subscription as the API shows it; the secret is never part of it. */
export interface SubscriptionView {
  subscriptionId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  filters: { countries: string[]; lists: string[]; programs: string[]; kinds: string[]; minScore: number | null };
  /** `active`, `paused` (by the subscriber) or `disabled` (by the notifier: see `disabledReason`). */
  status: 'active' | 'paused' | 'disabled';
  disabledReason: string | null;
  disabledAt: string | null;
  /** During a rotation's grace period: when the previous secret stops signing. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AttemptView {
  attemptedAt: string;
  statusCode: number | null;
  latencyMs: number;
  outcome: string;
  error: string | null;
  responseExcerpt: string | null;
}

export interface DeliveryView {
  deliveryId: string;
  /** The `webhook-id`, the same on every attempt. */
  messageId: string;
  eventType: string;
  alertId: string;
  state: 'scheduled' | 'succeeded' | 'failed';
  nextAttemptAt: string | null;
  attemptCount: number;
  createdAt: string;
  completedAt: string | null;
  attempts: AttemptView[];
}
