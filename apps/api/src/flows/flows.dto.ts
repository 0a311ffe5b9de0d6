import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TRANSFER_STAGES } from '@tm/domain';
import { QuantityTotalDto } from '../ledgers/ledger.dto';

/** OpenAPI shape of one flow (`FlowRow` of `@tm/read-models`). */
export class FlowDto {
  @ApiProperty({ example: 'CN', description: 'Supplying country, ISO 3166-1 alpha-2' }) supplier: string;
  @ApiProperty({ example: 'RU', description: 'Receiving country, ISO 3166-1 alpha-2' }) recipient: string;
  @ApiProperty({ example: 'aircraft', description: 'Item category slug, as in the ledgers' }) category: string;
  @ApiProperty({ enum: TRANSFER_STAGES }) stage: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2023,
    description: "Year of the claims' earliest reported date; null for undated claims",
  })
  year: number | null;
  @ApiProperty({ example: 2, description: 'Transfer claims in the flow' }) claims: number;
  @ApiProperty({
    type: [QuantityTotalDto],
    description: 'Quantities summed per unit (sorted by unit; `<unit>/month` for rates); empty when no claim gave one',
  })
  quantity: QuantityTotalDto[];
}

/** A page of flows. */
export class FlowPageDto {
  @ApiProperty({ type: [FlowDto], description: 'The flows of this page, ordered by supplier, recipient, category, stage, year' })
  items: FlowDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
  @ApiProperty({ example: 42, description: 'Global position of the last event the answer reflects (the projection, or the `asOf` moment)' })
  position: number;
}

/** A global position at which transfer claims changed (`FlowChange` of `@tm/read-models`). */
export class FlowChangeDto {
  @ApiProperty({ example: 16429, description: 'Global position of the event that changed a transfer claim: an `asOf` value' })
  position: number;
  @ApiProperty({ format: 'date-time', description: 'When the event store recorded that event (knowledge time)' })
  recordedAt: string;
}

/** A page of the positions at which transfer claims changed, oldest first. */
export class FlowChangePageDto {
  @ApiProperty({ type: String, nullable: true, example: 'CN', description: 'The country asked for; null for every country' })
  country: string | null;
  @ApiProperty({ type: [FlowChangeDto], description: 'The positions of this page, oldest first' })
  items: FlowChangeDto[];
  @ApiPropertyOptional({
    description: 'With `steps`: how many positions changed in all (after `cursor`), of which `items` is an even spread',
  })
  total?: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}
