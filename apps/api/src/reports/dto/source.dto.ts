import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { buildMessage, IsIn, IsOptional, IsString, IsUrl, Length, Matches, ValidateBy } from 'class-validator';
import { isPublishedInFuture, SOURCE_RULES, type SourceDocument, type SourceType } from '@tm/domain';
import { IsEdtf } from './standard-codes.validators';

export const SOURCE_TYPES: SourceType[] = ['news', 'government', 'intergovernmental', 'think-tank', 'academic', 'company', 'customs-record', 'social-media', 'other'];

/** On `publishedOn`: not more than a day in the future (a publication that has not happened yet), as the processor checks. */
const NotInFuture = (): PropertyDecorator =>
  ValidateBy({
    name: SOURCE_RULES.notInFuture,
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isPublishedInFuture(value),
      defaultMessage: buildMessage(() => '$property must not be more than a day in the future'),
    },
  });

/** The document a report or a piece of evidence is taken from. */
export class SourceDocumentDto implements SourceDocument {
  @ApiProperty({ example: 'The Wall Street Journal' })
  @IsString()
  @Length(1, 300)
  publisher: string;

  @ApiPropertyOptional({ example: 'https://www.wsj.com/…', description: 'Left out rather than guessed' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @Length(1, 2000)
  url?: string;

  @ApiProperty({ example: 'Belarus’s Lukashenko Visits Xi in China' })
  @IsString()
  @Length(1, 1000)
  title: string;

  @ApiProperty({ example: '2023-03-01', description: 'ISO 8601 date (YYYY-MM-DD); the reference date for relative phrases' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  @IsEdtf()
  @NotInFuture()
  publishedOn: string;

  @ApiPropertyOptional({ example: 'Austin Ramzy, Ann M. Simmons' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  author?: string;

  @ApiProperty({ enum: SOURCE_TYPES })
  @IsIn(SOURCE_TYPES)
  sourceType: SourceType;

  @ApiPropertyOptional({ example: 'en', description: 'BCP 47 language tag of the original' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: '$property must be a BCP 47 language tag such as en or de' })
  language?: string;
}
