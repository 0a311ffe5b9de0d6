import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsIso3166Alpha2 } from '@tm/domain';
import { FLOW_DIRECTIONS } from '@tm/read-models';
import { PairLedgerQueryDto } from '../ledgers/ledger-query.dto';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

/**
 * `GET /v1/flows` filters: the ledgers' category, stage, status, credibility, reported-date and `asOf` parameters
 * (same rules, same messages), and a country on a side.
 */
export class FlowsQueryDto extends PickType(PairLedgerQueryDto, [
  'category',
  'stage',
  'status',
  'minCredibility',
  'from',
  'to',
  'asOf',
  'cursor',
  'limit',
  'minPosition',
] as const) {
  @ApiPropertyOptional({
    description: 'Only flows this country (ISO 3166-1 alpha-2, any case) takes part in, on the side `direction` says',
    example: 'RU',
  })
  @IsOptional()
  @Transform(upper)
  @IsIso3166Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code (e.g. CN, RU)' })
  country?: string;

  @ApiPropertyOptional({
    enum: FLOW_DIRECTIONS,
    default: 'both',
    description: '`country` as supplier, as recipient, or either; needs `country`',
  })
  @IsOptional()
  @IsIn(FLOW_DIRECTIONS)
  direction?: (typeof FLOW_DIRECTIONS)[number];
}

/** `GET /v1/flows/changes`: a country (optional) and a page. */
export class FlowChangesQueryDto extends PickType(PairLedgerQueryDto, ['cursor', 'limit', 'minPosition'] as const) {
  @ApiPropertyOptional({
    description: 'Only changes of transfer claims this country (ISO 3166-1 alpha-2, any case) takes part in, as supplier or recipient',
    example: 'CN',
  })
  @IsOptional()
  @Transform(upper)
  @IsIso3166Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code (e.g. CN, RU)' })
  country?: string;

  @ApiPropertyOptional({
    minimum: 2,
    maximum: 1000,
    description:
      'At most this many positions, spread evenly over all the changes after `cursor` (the first and the last always), in one answer (`nextCursor` null, `total` counting them all): the steps of a slider. Without it, pages of `limit`',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'steps must be an integer' })
  @Min(2)
  @Max(1000)
  steps?: number;
}
