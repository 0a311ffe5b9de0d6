import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { LIST_FORMATS } from '@tm/screening';

/** Body of `POST /v1/sanctions-lists/:listId/imports`. */
export class ImportSanctionsListDto {
  @ApiProperty({
    description: 'An http(s) URL of the official file, or a path (file or folder) relative to the configured import folder',
    example: 'ofac-sdn-2024-05-03',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  source: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'More files of the same publication (OFAC `alt.csv`, `add.csv`, `sdn_comments.csv`), same rules as `source`',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  additionalSources?: string[];

  @ApiPropertyOptional({ enum: LIST_FORMATS, description: "Importer format; default the list's official format" })
  @IsOptional()
  @IsIn(LIST_FORMATS)
  format?: string;

  @ApiPropertyOptional({
    description: 'Version to record when the file carries none (OFAC CSV): the publication date',
    example: '2024-05-03',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z][0-9A-Za-z:._-]{0,63}$/, { message: 'version must be a date or a version id (letters, digits, . _ : -)' })
  version?: string;

  @ApiPropertyOptional({
    description:
      'Import the version even when it is older than the one in force (a rollback: entries designated since are delisted and their alerts superseded). Without it such an import fails: list-version, rule notOlderThanInForce',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  allowOlder?: boolean;
}

export class SanctionsListDto {
  @ApiProperty({ example: 'ofac-sdn' })
  listId: string;

  @ApiPropertyOptional({ description: 'Version in force (absent before the first import)' })
  version?: string;

  @ApiPropertyOptional({ description: 'sha256 of the imported bytes, hex' })
  contentHash?: string;

  @ApiPropertyOptional()
  source?: string;

  @ApiProperty({ description: 'Entries in force' })
  entries: number;

  @ApiPropertyOptional({ description: 'Counts of the last version imported: entries, designated, amended, delisted' })
  lastCounts?: Record<string, number>;

  @ApiPropertyOptional({ format: 'date-time' })
  importedAt?: string;

  @ApiPropertyOptional({ description: 'The last failed import: when, source, code and reason (the version in force stayed)' })
  lastFailure?: Record<string, string>;
}

export class SanctionsListsDto {
  @ApiProperty({ type: [SanctionsListDto] })
  items: SanctionsListDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: every supported list is in this one page' })
  nextCursor: null;
}
