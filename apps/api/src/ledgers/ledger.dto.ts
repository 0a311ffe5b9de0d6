import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shapes of a ledger answer (the rows are `LedgerRow` of `@tm/read-models`). */
export class QuantityTotalDto {
  @ApiProperty({ example: 'units' }) unit: string;
  @ApiProperty({ example: 100 }) min: number;
  @ApiProperty({ example: 100 }) max: number;
  @ApiProperty({ example: 1 }) claims: number;
  @ApiProperty({ description: 'true when an "at least" quantity was summed' }) openEnded: boolean;
}

export class MoneyTotalDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: 1500000 }) amount: number;
}

export class LedgerRowDto {
  @ApiProperty({ example: 'RU' }) country: string;
  @ApiProperty({ enum: ['supplier', 'recipient'] }) direction: string;
  @ApiProperty({ example: 'CN' }) counterparty: string;
  @ApiProperty({ enum: ['military', 'dual-use', 'economic', 'humanitarian'] }) assistanceType: string;
  @ApiProperty({ example: 'aircraft' }) itemCategory: string;
  @ApiProperty({ example: 'under-negotiation' }) stage: string;
  @ApiProperty({ enum: ['active', 'disputed', 'denied', 'retracted'] }) status: string;
  @ApiProperty() claimCount: number;
  @ApiProperty({ type: [QuantityTotalDto] }) quantities: QuantityTotalDto[];
  @ApiProperty({ type: [MoneyTotalDto] }) values: MoneyTotalDto[];
  @ApiPropertyOptional({ example: '2023-01-01' }) earliest?: string;
  @ApiPropertyOptional({ example: '2023-04-30' }) latest?: string;
  @ApiProperty({ minimum: 1, maximum: 6 }) bestCredibility: number;
  @ApiProperty({ minimum: 1, maximum: 6 }) worstCredibility: number;
  @ApiProperty({ description: 'Distinct publishers backing the claims' }) independentSources: number;
  @ApiProperty({ type: [String], example: ['2'] }) chplTiers: string[];
  @ApiProperty({ type: [String], description: 'Item descriptions (designations), distinct, sorted' }) items: string[];
  @ApiProperty({ type: [String], description: 'Named parties on either side, distinct, sorted' }) entities: string[];
  @ApiProperty({ type: [String], description: 'Reports behind the row, sorted' }) reportIds: string[];
  @ApiProperty({ type: [String], example: ['r-1/c1'], description: '`<reportId>/<claimId>` of every claim in the row, sorted' })
  claimRefs: string[];
}

export class AsOfDto {
  @ApiProperty({ example: '2023-03-01T00:00:00Z' }) requested: string;
  @ApiProperty({ description: 'Global position of the last event known at that moment' }) globalPosition: number;
  @ApiPropertyOptional() recordedAt?: string;
  @ApiProperty({ description: 'Report events the event store held up to that event (those the projection refuses included)' })
  eventsFolded: number;
}

export class LedgerAnswerDto {
  @ApiProperty({ example: 'RU' }) country: string;
  @ApiProperty({ type: [LedgerRowDto], description: 'The rows of this page, in ledger key order' }) items: LedgerRowDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
  @ApiPropertyOptional({ type: AsOfDto }) asOf?: AsOfDto;
}
