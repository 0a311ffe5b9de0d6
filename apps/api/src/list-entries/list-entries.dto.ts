import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LIST_IDS } from '@tm/screening';
import { PageQueryDto } from '../read-side/pages';

/** `:listId` of a list's entries. */
export class ListParamDto {
  @ApiProperty({ enum: LIST_IDS, description: 'The list' })
  @IsIn(LIST_IDS)
  listId: string;
}

/** `:listId/entries/:entryId`. */
export class ListEntryParamDto extends ListParamDto {
  @ApiProperty({ description: "The entry's id in its list (OFAC `ent_num`, UN `REFERENCE_NUMBER`…)", example: '36029' })
  @IsString()
  @Length(1, 200)
  entryId: string;
}

/** Default and largest page of a list's entries. */
export const LIST_ENTRIES_PAGE = { default: 50, max: 500 } as const;

/** `GET /v1/sanctions-lists/:listId/entries` query. */
export class ListEntriesQueryDto extends PageQueryDto(LIST_ENTRIES_PAGE) {
  @ApiPropertyOptional({ description: 'Part of any of the names of the entry, any case', example: 'lukashenk' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

class ListEntrySummaryDto {
  @ApiProperty() listId: string;
  @ApiProperty() entryId: string;
  @ApiProperty({ enum: ['Person', 'Organization', 'Vessel', 'Aircraft', 'Unknown'] }) schema: string;
  @ApiProperty() primaryName: string;
  @ApiProperty({ type: [String] }) programs: string[];
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ description: "The list version of the entry's last designation or amendment" }) changedIn: string;
  @ApiProperty({ type: 'object', properties: { self: { type: 'string' } }, required: ['self'] }) links: { self: string };
}

export class ListEntryPageDto {
  @ApiProperty({ type: [ListEntrySummaryDto], description: 'Entries in force, by entry id' }) items: ListEntrySummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` (same q) for the next page; null on the last page' })
  nextCursor: string | null;
}

class ListEntryVersionDto {
  @ApiProperty({ enum: ['designated', 'amended', 'delisted'] }) change: string;
  @ApiProperty({ description: 'The list version that made the change' }) listVersion: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty() globalPosition: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The entry as that version listed it (absent for a delisting)',
  })
  entry?: object;
}

class ListEntryAlertDto {
  @ApiProperty({ format: 'uuid' }) alertId: string;
  @ApiProperty({ enum: ['open', 'acknowledged', 'confirmed', 'dismissed', 'superseded'] }) status: string;
  @ApiProperty() reportId: string;
  @ApiPropertyOptional() claimId?: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ type: 'object', properties: { self: { type: 'string' }, report: { type: 'string' } }, required: ['self', 'report'] })
  links: { self: string; report: string };
}

export class ListEntryHistoryDto {
  @ApiProperty() listId: string;
  @ApiProperty() entryId: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'The entry in force; null once delisted' })
  current: object | null;
  @ApiProperty({ type: [ListEntryVersionDto], description: 'Every designation, amendment and delisting, oldest first' })
  versions: ListEntryVersionDto[];
  @ApiProperty({ type: [ListEntryAlertDto], description: 'The alerts the entry raised, newest first' }) alerts: ListEntryAlertDto[];
}
