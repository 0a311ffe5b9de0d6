import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_NAMES_PER_DECISION } from '@tm/domain';
import { PollingQueryDto } from '../read-side/polling.dto';
import { MatchesRule } from '../http/pattern-rule';

/** `:id` of an entity: the `entityId` of an entity, or of any of its names (base64url of a directory key). */
export class EntityParamDto {
  @ApiProperty({
    description: 'Entity id: base64url of one of its names as the directory keys them (an `entityId` of GET /v1/entities or of a name)',
    example: 'YWxleGFuZGVyIGx1a2FzaGVua28',
  })
  @MatchesRule('isEntityId', /^[A-Za-z0-9_-]{1,1400}$/, 'id must be an entity id (base64url of a directory name)')
  id: string;
}

/** `GET /v1/entities/:id` query: polling parameters and the page of claims. */
export class EntityQueryDto extends PollingQueryDto {
  @ApiPropertyOptional({ description: "Opaque cursor: the `claims.nextCursor` of the previous answer (the entity's next claims)" })
  @IsOptional()
  @MatchesRule('isCursor', /^[A-Za-z0-9_-]{1,1000}$/, 'cursor must be the claims.nextCursor of a previous answer')
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50, description: 'At most this many claims' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;
}

const nameRule = { description: 'A name of the entity directory, as written or as keyed (any case and spacing)' };

/** `POST /v1/entities/merge`: these names are one entity. */
export class MergeEntitiesDto {
  @ApiProperty({
    type: [String],
    minItems: 2,
    maxItems: MAX_NAMES_PER_DECISION,
    ...nameRule,
    example: ['Alexander Lukashenko', 'Lukashenka Alyaksandr'],
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_NAMES_PER_DECISION)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(300, { each: true })
  names: string[];

  @ApiProperty({
    description: 'Why (kept in the EntityNamesMerged event: the audit trail)',
    example: 'same person: the Belarusian spelling',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

/** `POST /v1/entities/split`: a name is not the party its entity's other names are. */
export class SplitEntityDto {
  @ApiProperty({ ...nameRule, example: "Alexander Lukashenko's government" })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_NAMES_PER_DECISION,
    description: 'The names to keep it apart from; default: every other name of its entity now',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_NAMES_PER_DECISION)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(300, { each: true })
  from?: string[];

  @ApiProperty({ description: 'Why (kept in the EntityNameSplit event: the audit trail)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

/** One entity: its names and why they are one, its claims, counterparties, list entries and alerts. */
export class EntityViewDto {
  @ApiProperty({ description: 'base64url of the smallest directory key of its names' }) entityId: string;
  @ApiProperty({ description: 'The spelling most claims use' }) name: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Its directory names: key, name, types, claimCount, entityId (of that name)',
  })
  names: object[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Why the names are one: `merges` (names, rule `matcher` with score and penalties, or `analyst-merge` with the decision), `separations` (links refused by an analyst split), `threshold`, `truncated`',
  })
  evidence: object;
  @ApiProperty({ description: 'Claims naming any of its names' }) claimCount: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Parties of its claims (country, name when an entity), with the claims shared, most first (up to 100)',
  })
  counterparties: object[];
  @ApiProperty({
    description:
      'True when the entity has more than 1,000 claims: `counterparties` are those of its first 1,000 (by report id and claim id)',
  })
  counterpartiesSampled: boolean;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'Sanctions-list entries its names matched: the entries of its alerts (listId, entryId, primaryName, programs, best score, alertCount), most alerts first',
  })
  listEntries: object[];
  @ApiProperty({ description: 'Alerts raised on its names' }) alertCount: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Its alerts, newest first (up to 100)',
  })
  alerts: object[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'A page `{ items, nextCursor }` of its claims, by report id then claim id (pass `nextCursor` back as `cursor`)',
  })
  claims: object;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) links: Record<string, string>;
}
