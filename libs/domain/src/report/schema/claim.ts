import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsNumber, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import {
  ASSISTANCE_TYPES,
  CLAIM_KINDS,
  DECLARED_USES,
  QUANTITY_QUALIFIERS,
  TRANSFER_STAGES,
  type AssistanceType,
  type DeclaredUse,
  type InformationCredibility,
  type QuantityQualifier,
  type TransferStage,
} from '../model';
import { MAX_QUANTITY_OR_AMOUNT } from '../storage-bounds';
import { DiffersFromSupplier, FitsEventType, IsStorableDate, NotBelowMin, WithinRange } from './claim-rules';
import { NestedObject, NestedObjects } from './nested';
import { PartyDto, ParticipantDto, PlaceDto } from './party';
import {
  IsCameoCode,
  IsDiplomaticEventType,
  IsDualUseCategory,
  IsEdtf,
  IsEuMilitaryListCategory,
  IsHsCode,
  IsInformationCredibility,
  IsIso4217,
  IsSipriCategory,
} from './code-rules';
import { UnlessAbsent } from './name-rules';

/** A date as reported: EDTF plus the source's words; bounds and precision are computed by the processor. */
export class ReportedDateDto {
  @ApiProperty({
    example: '[..2023-04]',
    description:
      'EDTF (ISO 8601-2); seasons as month intervals, e.g. 2023-03/2023-05; years 0001–9999 (no year 0000); an unknown year is XXXX (open at both ends)',
  })
  @IsString()
  @IsEdtf()
  @IsStorableDate()
  edtf: string;

  @ApiPropertyOptional({ example: 'by April 2023' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 500)
  phrase?: string;
}

export class ItemDto {
  @ApiProperty({ example: 'kamikaze (loitering strike) drones' })
  @IsString()
  @Length(1, 2000)
  description: string;

  @ApiPropertyOptional({ example: 'ZT-180' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 200)
  designation?: string;

  @ApiPropertyOptional({ example: 'Aircraft' })
  @UnlessAbsent()
  @IsSipriCategory()
  sipriCategory?: string;

  @ApiPropertyOptional({ example: '880730', description: 'HS code (6–10 digits); its HS-6 and CHPL tier are looked up' })
  @UnlessAbsent()
  @IsString()
  @IsHsCode()
  hsCode?: string;

  @ApiPropertyOptional({ example: 'ML10' })
  @UnlessAbsent()
  @IsEuMilitaryListCategory()
  euMilitaryListCategory?: string;

  @ApiPropertyOptional({ example: '7' })
  @UnlessAbsent()
  @IsDualUseCategory()
  dualUseCategory?: string;

  @ApiPropertyOptional({
    enum: DECLARED_USES,
    example: 'civil-aviation',
    description:
      "What the shipment's papers declare the item to be, when the source says (isIn). Declared `civilian` or `civil-aviation` while the item's EU Military List or SIPRI category, its HS-6 (chapter 93, 8710, 8906.10) or the claim's `assistanceType: military` says military: a `misdeclared-goods` alert.",
  })
  @UnlessAbsent()
  @IsIn(DECLARED_USES)
  declaredAs?: DeclaredUse;
}

export class QuantityDto {
  @ApiPropertyOptional({ example: 100, maximum: MAX_QUANTITY_OR_AMOUNT })
  @UnlessAbsent()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_QUANTITY_OR_AMOUNT)
  @WithinRange()
  value?: number;

  @ApiPropertyOptional({ maximum: MAX_QUANTITY_OR_AMOUNT })
  @UnlessAbsent()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_QUANTITY_OR_AMOUNT)
  min?: number;

  @ApiPropertyOptional({ maximum: MAX_QUANTITY_OR_AMOUNT })
  @UnlessAbsent()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_QUANTITY_OR_AMOUNT)
  @NotBelowMin()
  max?: number;

  @ApiProperty({ example: 'units' })
  @IsString()
  @Length(1, 50)
  unit: string;

  @ApiProperty({ enum: QUANTITY_QUALIFIERS })
  @IsIn(QUANTITY_QUALIFIERS)
  qualifier: QuantityQualifier;
}

export class MonetaryValueDto {
  @ApiProperty({ example: 1_000_000, maximum: MAX_QUANTITY_OR_AMOUNT })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_QUANTITY_OR_AMOUNT)
  amount: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  @IsString()
  @IsIso4217()
  currency: string;
}

/** What every claim has; also the shape an unknown `kind` falls back to, so that `kind` is reported. */
export class ClaimDto {
  @ApiProperty({ enum: CLAIM_KINDS })
  @IsIn(CLAIM_KINDS)
  kind: (typeof CLAIM_KINDS)[number];

  @ApiProperty({
    example: 'bingo-zt180-prototypes',
    description:
      'Unique within the report (422 uniqueClaimIds), ids equal under Unicode NFC counting as one; amendments and evidence may name it in either form',
  })
  @IsString()
  @Length(1, 100)
  claimId: string;

  @ApiProperty({
    enum: [1, 2, 3, 4, 5, 6],
    description: 'Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged',
  })
  @IsInformationCredibility()
  credibility: InformationCredibility;

  @ApiPropertyOptional({ type: ReportedDateDto })
  @UnlessAbsent()
  @NestedObject(() => ReportedDateDto)
  date?: ReportedDateDto;

  @ApiPropertyOptional({ description: "The source's words the claim is extracted from" })
  @UnlessAbsent()
  @IsString()
  @Length(1, 5000)
  statement?: string;
}

/** A claim that something passed (or will pass) from a supplier to a recipient. */
export class TransferClaimDto extends ClaimDto {
  @ApiProperty({ enum: ['transfer'] })
  declare kind: 'transfer';

  @ApiProperty({ type: PartyDto })
  @IsDefined()
  @NestedObject(() => PartyDto)
  supplier: PartyDto;

  @ApiProperty({ type: PartyDto })
  @IsDefined()
  @NestedObject(() => PartyDto)
  @DiffersFromSupplier()
  recipient: PartyDto;

  @ApiPropertyOptional({ type: [PartyDto] })
  @UnlessAbsent()
  @IsArray()
  @ArrayMaxSize(20)
  @NestedObjects(() => PartyDto)
  intermediaries?: PartyDto[];

  @ApiPropertyOptional({ type: PartyDto })
  @UnlessAbsent()
  @NestedObject(() => PartyDto)
  endUser?: PartyDto;

  @ApiProperty({ enum: ASSISTANCE_TYPES })
  @IsIn(ASSISTANCE_TYPES)
  assistanceType: AssistanceType;

  @ApiProperty({ type: ItemDto })
  @IsDefined()
  @NestedObject(() => ItemDto)
  item: ItemDto;

  @ApiPropertyOptional({ type: QuantityDto })
  @UnlessAbsent()
  @NestedObject(() => QuantityDto)
  quantity?: QuantityDto;

  @ApiPropertyOptional({ type: MonetaryValueDto })
  @UnlessAbsent()
  @NestedObject(() => MonetaryValueDto)
  value?: MonetaryValueDto;

  @ApiProperty({ enum: TRANSFER_STAGES })
  @IsIn(TRANSFER_STAGES)
  stage: TransferStage;

  @ApiPropertyOptional({ example: 'bingo-zt180', description: 'Groups claims about one deal (like SIPRI deal ids)' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 200)
  dealKey?: string;
}

/** A claim that a diplomatic event happened, coded with CAMEO. */
export class DiplomaticEventClaimDto extends ClaimDto {
  @ApiProperty({ enum: ['diplomatic-event'] })
  declare kind: 'diplomatic-event';

  @ApiProperty({
    example: 'visit',
    description: 'Internal event type, mapped to a CAMEO code (visit → 042, host-visit → 043, …), or other',
  })
  @IsString()
  @IsDiplomaticEventType()
  eventType: string;

  @ApiPropertyOptional({
    example: '042',
    description: 'Defaults to the event type’s code; must sit under the same CAMEO root; required for eventType other',
  })
  @ValidateIf((claim: DiplomaticEventClaimDto) => claim.cameoCode !== undefined || claim.eventType === 'other')
  @IsDefined()
  @IsString()
  @IsCameoCode()
  @FitsEventType()
  cameoCode?: string;

  @ApiProperty({ type: [ParticipantDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @NestedObjects(() => ParticipantDto)
  participants: ParticipantDto[];

  @ApiPropertyOptional({ type: PlaceDto })
  @UnlessAbsent()
  @NestedObject(() => PlaceDto)
  place?: PlaceDto;

  @ApiPropertyOptional({ type: [String], example: ['military cooperation'] })
  @UnlessAbsent()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ type: [String], example: ['agreed to deepen cooperation on military personnel training'] })
  @UnlessAbsent()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  outcomes?: string[];
}

/** `@Type` options turning each claim into the DTO of its `kind`. */
export const CLAIM_TYPE_OPTIONS = {
  discriminator: {
    property: 'kind',
    subTypes: [
      { value: TransferClaimDto, name: 'transfer' },
      { value: DiplomaticEventClaimDto, name: 'diplomatic-event' },
    ],
  },
  keepDiscriminatorProperty: true,
};
