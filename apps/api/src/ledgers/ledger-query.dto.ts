import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO31661Alpha2, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { TRANSFER_STAGES } from '@tm/domain';
import { PollingQueryDto } from '../read-side/polling.dto';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

/** ISO 3166-1 alpha-2 route parameter. */
export class CountryParamDto {
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code (e.g. CN, RU)' })
  country: string;
}

export class SupplierRecipientParamDto {
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'supplier must be an ISO 3166-1 alpha-2 country code (e.g. IR)' })
  supplier: string;

  @Transform(upper)
  @IsISO31661Alpha2({ message: 'recipient must be an ISO 3166-1 alpha-2 country code (e.g. RU)' })
  recipient: string;
}

/** Filters shared by both ledger endpoints. */
export class PairLedgerQueryDto extends PollingQueryDto {
  @ApiPropertyOptional({ description: 'Item category (SIPRI category slug such as `aircraft`, or a derived one such as `navigation-and-radar`)', example: 'aircraft' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/i, { message: 'category must be a category slug (letters, digits, dashes)' })
  category?: string;

  @ApiPropertyOptional({ enum: TRANSFER_STAGES })
  @IsOptional()
  @IsIn(TRANSFER_STAGES)
  stage?: string;

  @ApiPropertyOptional({ enum: ['active', 'disputed', 'denied', 'retracted'] })
  @IsOptional()
  @IsIn(['active', 'disputed', 'denied', 'retracted'])
  status?: string;

  @ApiPropertyOptional({ enum: ['military', 'dual-use', 'economic', 'humanitarian'] })
  @IsOptional()
  @IsIn(['military', 'dual-use', 'economic', 'humanitarian'])
  assistanceType?: string;

  @ApiPropertyOptional({ description: 'Only claims at least this credible (Admiralty information credibility 1–6, 1 best)', minimum: 1, maximum: 6 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  minCredibility?: number;

  @ApiPropertyOptional({ description: 'Only claims whose reported dates reach this day or later (ISO date)', example: '2022-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Only claims whose reported dates start on this day or earlier (ISO date)', example: '2023-12-31' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'The ledger as known at a past moment: an ISO 8601 time, or a global position (integer); folded from the event store', example: '2023-03-01T00:00:00Z' })
  @IsOptional()
  @Matches(/^(\d{1,15}|\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)$/, { message: 'asOf must be an ISO 8601 time or a global position (an integer of at most 15 digits)' })
  asOf?: string;
}

/** `GET /v1/ledgers/:country` filters. */
export class LedgerQueryDto extends PairLedgerQueryDto {
  @ApiPropertyOptional({ enum: ['supplier', 'recipient'], description: 'The country as supplier or as recipient' })
  @IsOptional()
  @IsIn(['supplier', 'recipient'])
  direction?: string;

  @ApiPropertyOptional({ description: 'The other country, ISO 3166-1 alpha-2', example: 'RU' })
  @IsOptional()
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'counterparty must be an ISO 3166-1 alpha-2 country code (e.g. RU)' })
  counterparty?: string;
}
