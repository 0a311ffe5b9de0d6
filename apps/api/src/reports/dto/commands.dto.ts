import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDefined, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import type { EvidenceStance, InformationCredibility, SourceReliability } from '@tm/domain';
import { ClaimDto, CLAIM_TYPE_OPTIONS, DiplomaticEventClaimDto, TransferClaimDto } from './claim.dto';
import { PartyDto } from './party.dto';
import { SourceDocumentDto } from './source.dto';
import { IsInformationCredibility, IsSourceReliability } from './standard-codes.validators';

const claimSchema = { oneOf: [{ $ref: getSchemaPath(TransferClaimDto) }, { $ref: getSchemaPath(DiplomaticEventClaimDto) }], discriminator: { propertyName: 'kind' } };
const STANCES: EvidenceStance[] = ['supports', 'confirms', 'contradicts', 'denies', 'qualifies', 'retracts'];

/** `POST /v1/reports`: a source document, its grading and the claims extracted from it. */
@ApiExtraModels(TransferClaimDto, DiplomaticEventClaimDto)
export class SubmitReportDto {
  @ApiProperty({ type: SourceDocumentDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SourceDocumentDto)
  source: SourceDocumentDto;

  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E', 'F'], description: 'Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged' })
  @IsSourceReliability()
  sourceReliability: SourceReliability;

  @ApiPropertyOptional({ description: 'Summary or excerpt (screened for sanctioned names)' })
  @IsOptional()
  @IsString()
  @Length(1, 100_000)
  text?: string;

  @ApiProperty({ type: 'array', items: claimSchema })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique((claim: { claimId?: unknown }) => claim?.claimId, { message: 'claims must have distinct claimId values' })
  @ValidateNested({ each: true })
  @Type(() => ClaimDto, CLAIM_TYPE_OPTIONS)
  claims: (TransferClaimDto | DiplomaticEventClaimDto)[];
}

/** `POST /v1/reports/:id/claims/:claimId/amendments`: the corrected claim (same id and kind) and why. */
@ApiExtraModels(TransferClaimDto, DiplomaticEventClaimDto)
export class AmendClaimDto {
  @ApiProperty(claimSchema)
  @IsDefined()
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
  @ApiProperty({ enum: STANCES, description: '`denies` is a denial by the implicated party, not a deletion' })
  @IsIn(STANCES)
  stance: EvidenceStance;

  @ApiProperty({ type: SourceDocumentDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SourceDocumentDto)
  source: SourceDocumentDto;

  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E', 'F'] })
  @IsSourceReliability()
  sourceReliability: SourceReliability;

  @ApiPropertyOptional({ type: PartyDto, description: 'Who says it, when a party to the claim' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartyDto)
  attributedTo?: PartyDto;

  @ApiPropertyOptional({ example: 'Bingo Intelligent has no commercial contact with Russia.' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  statement?: string;

  @ApiPropertyOptional({ enum: [1, 2, 3, 4, 5, 6], description: "The claim's credibility after this evidence" })
  @IsOptional()
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

export class CommandLinksDto {
  @ApiProperty({ example: '/v1/commands/7b0e…' })
  command: string;

  @ApiProperty({ example: '/v1/reports/2f9c…' })
  report: string;
}

/** The 202 answer to an accepted command. */
export class CommandAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  commandId: string;

  @ApiProperty({ format: 'uuid', description: 'The report id' })
  aggregateId: string;

  @ApiProperty({ type: CommandLinksDto })
  links: CommandLinksDto;
}
