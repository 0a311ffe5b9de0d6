import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { SOURCE_RELIABILITY_CODES, INFORMATION_CREDIBILITY_CODES } from '@tm/reference';
import { EVIDENCE_STANCES, type EvidenceStance, type InformationCredibility, type SourceReliability } from '../model';
import { ClaimDto, CLAIM_TYPE_OPTIONS, DiplomaticEventClaimDto, TransferClaimDto } from './claim';
import { IsInformationCredibility, IsSourceReliability } from './code-rules';
import { NestedObject } from './nested';
import { PartyDto } from './party';
import { SourceDocumentDto } from './source';
import { UnlessAbsent } from './name-rules';

/**
 * The bodies of the report commands' requests: one definition, validated by the API's validation pipe and (with the
 * ids the routes give, `payloads.ts`) by the processor.
 */

const claimSchema = {
  oneOf: [{ $ref: getSchemaPath(TransferClaimDto) }, { $ref: getSchemaPath(DiplomaticEventClaimDto) }],
  discriminator: { propertyName: 'kind' },
};

/** `POST /v1/reports`: a source document, its grading and the claims extracted from it. */
@ApiExtraModels(TransferClaimDto, DiplomaticEventClaimDto)
export class SubmitReportDto {
  @ApiProperty({ type: SourceDocumentDto })
  @IsDefined()
  @NestedObject(() => SourceDocumentDto)
  source: SourceDocumentDto;

  @ApiProperty({
    enum: SOURCE_RELIABILITY_CODES,
    description: 'Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged',
  })
  @IsSourceReliability()
  sourceReliability: SourceReliability;

  @ApiPropertyOptional({ description: 'Summary or excerpt (screened for sanctioned names)' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 100_000)
  text?: string;

  @ApiProperty({ type: 'array', items: claimSchema })
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ClaimDto, CLAIM_TYPE_OPTIONS)
  claims: (TransferClaimDto | DiplomaticEventClaimDto)[];
}

/** `POST /v1/reports/:id/claims/:claimId/amendments`: the corrected claim (same id and kind) and why. */
@ApiExtraModels(TransferClaimDto, DiplomaticEventClaimDto)
export class AmendClaimDto {
  @ApiProperty(claimSchema)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ClaimDto, CLAIM_TYPE_OPTIONS)
  claim: TransferClaimDto | DiplomaticEventClaimDto;

  @ApiProperty({ example: 'Der Spiegel reports prototypes in production' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

/** `POST /v1/reports/:id/claims/:claimId/evidence`: a source bearing on the claim, with its stance. */
export class AddEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_STANCES, description: '`denies` is a denial by the implicated party, not a deletion' })
  @IsIn(EVIDENCE_STANCES)
  stance: EvidenceStance;

  @ApiProperty({ type: SourceDocumentDto })
  @IsDefined()
  @NestedObject(() => SourceDocumentDto)
  source: SourceDocumentDto;

  @ApiProperty({ enum: SOURCE_RELIABILITY_CODES })
  @IsSourceReliability()
  sourceReliability: SourceReliability;

  @ApiPropertyOptional({ type: PartyDto, description: 'Who says it, when a party to the claim' })
  @UnlessAbsent()
  @NestedObject(() => PartyDto)
  attributedTo?: PartyDto;

  @ApiPropertyOptional({ example: 'Bingo Intelligent has no commercial contact with Russia.' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 5000)
  statement?: string;

  @ApiPropertyOptional({ enum: INFORMATION_CREDIBILITY_CODES, description: "The claim's credibility after this evidence" })
  @UnlessAbsent()
  @IsInformationCredibility()
  credibilityAfter?: InformationCredibility;
}

/** `POST /v1/reports/:id/retraction`. */
export class RetractReportDto {
  @ApiProperty({ example: 'the publisher withdrew the article' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
