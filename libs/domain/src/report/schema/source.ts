import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { buildMessage, IsIn, IsString, IsUrl, Length, Matches, ValidateBy } from 'class-validator';
import { SOURCE_TYPES, type SourceDocument, type SourceType } from '../model';
import { isStorableDay, STORABLE_DAYS } from '../storage-bounds';
import { IsEdtf } from './code-rules';
import { UnlessAbsent } from './name-rules';

/** Rules on a source document, as named in error bodies and dead letters. */
export const SOURCE_RULES = {
  /** A `publishedOn` at most a day after today (UTC): time zones ahead of UTC are already on tomorrow's date. */
  notInFuture: 'notInFuture',
  /** A `publishedOn` the read models can store ({@link STORABLE_DAYS}: no year 0). */
  isStorableDay: 'isStorableDay',
} as const;

/** Whether a `YYYY-MM-DD` publication date lies more than a day after `now` (UTC), i.e. cannot have happened yet. */
export function isPublishedInFuture(publishedOn: string, now: Date = new Date()): boolean {
  return publishedOn > new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** On `publishedOn`: a day the read models can store (a PostgreSQL `date` has no year 0). */
const IsStorableDay = (): PropertyDecorator =>
  ValidateBy({
    name: SOURCE_RULES.isStorableDay,
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || isStorableDay(value),
      defaultMessage: buildMessage(
        () =>
          `$property must be a day from ${STORABLE_DAYS.first} to ${STORABLE_DAYS.last} (there is no year 0 in the calendar the store keeps)`,
      ),
    },
  });

/** On `publishedOn`: not more than a day in the future (a publication that has not happened yet). */
const NotInFuture = (): PropertyDecorator =>
  ValidateBy({
    name: SOURCE_RULES.notInFuture,
    validator: {
      validate: (value: unknown) => !isStorableDay(value) || !isPublishedInFuture(value),
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
  @UnlessAbsent()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @Length(1, 2000)
  url?: string;

  @ApiProperty({ example: 'Belarus’s Lukashenko Visits Xi in China' })
  @IsString()
  @Length(1, 1000)
  title: string;

  @ApiProperty({
    example: '2023-03-01',
    description: 'ISO 8601 date (YYYY-MM-DD), 0001-01-01 or later; the reference date for relative phrases',
  })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  @IsEdtf()
  @IsStorableDay()
  @NotInFuture()
  publishedOn: string;

  @ApiPropertyOptional({ example: 'Austin Ramzy, Ann M. Simmons' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 500)
  author?: string;

  @ApiProperty({ enum: SOURCE_TYPES })
  @IsIn(SOURCE_TYPES)
  sourceType: SourceType;

  @ApiPropertyOptional({ example: 'en', description: 'BCP 47 language tag of the original' })
  @UnlessAbsent()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: '$property must be a BCP 47 language tag such as en or de' })
  language?: string;
}
