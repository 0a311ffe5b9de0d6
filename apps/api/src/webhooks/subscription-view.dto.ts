import { ApiProperty } from '@nestjs/swagger';

class SubscriptionFiltersViewDto {
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ type: [String] }) lists: string[];
  @ApiProperty({ type: [String] }) programs: string[];
  @ApiProperty({ type: [String], description: 'Alert kinds; empty: every kind' }) kinds: string[];
  @ApiProperty({ type: Number, nullable: true }) minScore: number | null;
}

/** A subscription as the API shows it (`SubscriptionView`); never its secret. */
export class SubscriptionViewDto {
  @ApiProperty({ format: 'uuid' }) subscriptionId: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [String] }) eventTypes: string[];
  @ApiProperty({ type: SubscriptionFiltersViewDto }) filters: SubscriptionFiltersViewDto;
  @ApiProperty({ enum: ['active', 'paused', 'disabled'], description: '`disabled` by the notifier: see disabledReason' }) status: string;
  @ApiProperty({ type: String, nullable: true }) disabledReason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) disabledAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'During a rotation: when the previous secret stops signing',
  })
  previousSecretExpiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** A new subscription, with its signing secret shown this once. */
export class CreatedSubscriptionDto extends SubscriptionViewDto {
  @ApiProperty({ example: 'whsec_…' }) secret: string;
}

/** Every subscription. */
export class SubscriptionListDto {
  @ApiProperty({ type: [SubscriptionViewDto] }) items: SubscriptionViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every subscription is in this one page' }) nextCursor: null;
}

/** A rotated secret. */
export class RotatedSecretDto {
  @ApiProperty({ example: 'whsec_…' }) secret: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) previousSecretExpiresAt: string | null;
}

class AttemptViewDto {
  @ApiProperty({ format: 'date-time' }) attemptedAt: string;
  @ApiProperty({ type: Number, nullable: true }) statusCode: number | null;
  @ApiProperty({ description: 'Milliseconds' }) latencyMs: number;
  @ApiProperty() outcome: string;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, nullable: true }) responseExcerpt: string | null;
}

class DeliveryViewDto {
  @ApiProperty({ format: 'uuid' }) deliveryId: string;
  @ApiProperty({ description: 'The `webhook-id`, the same on every attempt' }) messageId: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ description: 'The alert the delivery reports' }) alertId: string;
  @ApiProperty({ enum: ['scheduled', 'succeeded', 'failed'] }) state: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextAttemptAt: string | null;
  @ApiProperty() attemptCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: [AttemptViewDto] }) attempts: AttemptViewDto[];
}

/** A page of deliveries. */
export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryViewDto] }) items: DeliveryViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

/** One delivery scheduled again. */
export class RedeliveryDto {
  @ApiProperty({ format: 'uuid' }) deliveryId: string;
  @ApiProperty({ enum: ['scheduled'] }) state: string;
}

/** How many failed deliveries were scheduled again. */
export class RedeliveredCountDto {
  @ApiProperty() redelivered: number;
}
