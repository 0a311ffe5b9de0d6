import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { TRANSFER_STAGES, IsIso3166Alpha2 } from '@tm/domain';
import { DateFilterBound, IsAsOf } from '../http/date-formats';
import { PagedQueryDto } from '../read-side/pages';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

/** ISO 3166-1 alpha-2 route parameter. */
export class CountryParamDto {
  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code, any case', example: 'CN' })
  @Transform(upper)
  @IsIso3166Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code (e.g. CN, RU)' })
  country: string;
}

export class SupplierRecipientParamDto {
  @ApiProperty({ description: 'The supplying country (ISO 3166-1 alpha-2, any case)', example: 'IR' })
  @Transform(upper)
  @IsIso3166Alpha2({ message: 'supplier must be an ISO 3166-1 alpha-2 country code (e.g. IR)' })
  supplier: string;

  @ApiProperty({ description: 'The receiving country (ISO 3166-1 alpha-2, any case)', example: 'RU' })
  @Transform(upper)
  @IsIso3166Alpha2({ message: 'recipient must be an ISO 3166-1 alpha-2 country code (e.g. RU)' })
  recipient: string;
}

/** Filters shared by both ledger endpoints. */
export class PairLedgerQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({
    description: 'Item category (SIPRI category slug such as `aircraft`, or a derived one such as `navigation-and-radar`)',
    example: 'aircraft',
  })
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

  @ApiPropertyOptional({
    description: 'Only claims at least this credible (Admiralty information credibility 1–6, 1 best)',
    minimum: 1,
    maximum: 6,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  minCredibility?: number;

  @ApiPropertyOptional({
    description:
      'Only claims whose reported dates reach this period or later (ISO date: YYYY, YYYY-MM or YYYY-MM-DD; a year or month from its first day)',
    example: '2022-01-01',
  })
  @DateFilterBound('from')
  from?: string;

  @ApiPropertyOptional({
    description:
      'Only claims whose reported dates start in this period or earlier (ISO date: YYYY, YYYY-MM or YYYY-MM-DD; a year or month through its last day: `2022` is through 2022-12-31; not before `from`)',
    example: '2023-12-31',
  })
  @DateFilterBound('to')
  to?: string;

  @ApiPropertyOptional({
    description:
      'The ledger as it was known (recorded) at a past moment, folded from the event store: a global position (digits only: `2023` is position 2023, not the year) or an ISO 8601 date or date-time of recording (knowledge time, not the date of the reported events)',
    example: '2023-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsAsOf()
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
  @IsIso3166Alpha2({ message: 'counterparty must be an ISO 3166-1 alpha-2 country code (e.g. RU)' })
  counterparty?: string;
}
