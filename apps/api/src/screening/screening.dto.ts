import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NAME_LIMITS, NAME_RULES, IsIso3166Alpha2 } from '@tm/domain';
import {
  HasLetterOrDigit,
  MaxWords,
  NamePartsDto,
  NamePartsForPersonsOnly,
  NamePartsMaxWords,
  NamePartsNotEmpty,
  UnlessAbsent,
} from '@tm/domain';

export const QUERY_TYPES = [
  'person',
  'company',
  'organisation',
  'government-body',
  'armed-forces',
  'vessel',
  'aircraft',
  'unknown',
] as const;

/** Most countries a query may give. */
export const MAX_QUERY_COUNTRIES = 10;

/** `nameOrNameParts`: fails when neither `name` nor `nameParts` is given (a shape rule: 400, like a missing field). */
const NameOrNameParts = () =>
  ValidateBy({
    name: NAME_RULES.nameOrNameParts,
    validator: {
      validate: (_value, args) =>
        (args?.object as ScreenNameDto).name !== undefined || (args?.object as ScreenNameDto).nameParts !== undefined,
      defaultMessage: () => 'name or nameParts is required',
    },
  });

/**
 * Body of `POST /v1/screening`: `{ name?, nameParts?, type?, countries?, threshold?, limit? }`.
 * - `name` (full name as written) and/or `nameParts` (`{ given?, middle?, family?, patronymic? }`): at least one
 *   (nameOrNameParts, 400). With parts only, the name screened is "given middle patronymic family".
 * - `name`: 1–1,000 characters (maxLength) holding a letter or a digit of any script (hasLetterOrDigit); mixed
 *   scripts are accepted. Text PostgreSQL cannot store (NUL, a lone surrogate) is refused before (400, noNulCharacter,
 *   isWellFormedUnicode); a blank one too (isNotBlank).
 * - `nameParts`: each part 1–200 characters holding a letter (hasLetter), at least one (namePartsNotEmpty), only with
 *   `type: person` or no type, which then means person (namePartsForPersonsOnly).
 * - `countries`: at most 10 ISO 3166-1 alpha-2 codes; `threshold` a number in [0.3, 1]; `limit` an integer in 1–50;
 *   the name, or the parts together, at most 60 words (maxWords).
 */
/**
 * The lowest `threshold` a query may ask for: below about 0.2 candidate generation has no bound and scores every
 * listed name (a 249-word query at 0 took 32 s and 130 MB); 0.3 leaves a margin.
 */
export const MIN_SCREENING_THRESHOLD = 0.3;

export class ScreenNameDto {
  @ApiPropertyOptional({
    example: 'Vladimir Putin',
    minLength: 1,
    maxLength: NAME_LIMITS.screenedNameMaxLength,
    description: `The full name as written, any script (required unless nameParts is given); holds a letter or a digit (hasLetterOrDigit); at most ${NAME_LIMITS.screenedNameMaxWords} words after NFKC, each Han, kana, Hangul or Thai character one (maxWords)`,
  })
  @ValidateIf((dto: ScreenNameDto) => dto.name !== undefined || dto.nameParts === undefined)
  @NameOrNameParts()
  @IsString()
  @MaxLength(NAME_LIMITS.screenedNameMaxLength)
  @HasLetterOrDigit()
  @MaxWords()
  name?: string;

  @ApiPropertyOptional({
    type: NamePartsDto,
    description:
      "A person's name in parts (required unless name is given): a family name aligned with a listed family name scores higher than swapped. Only with `type: person` or no type (then the query is a person's; namePartsForPersonsOnly). With `name` too, `name` is the name screened and the parts tell which of its words are which.",
    example: { given: 'Vladimir', patronymic: 'Vladimirovich', family: 'Putin' },
  })
  @UnlessAbsent()
  @IsObject()
  @NamePartsNotEmpty()
  @NamePartsForPersonsOnly(true)
  @NamePartsMaxWords()
  @ValidateNested()
  @Type(() => NamePartsDto)
  nameParts?: NamePartsDto;

  @ApiPropertyOptional({
    enum: QUERY_TYPES,
    description:
      'Entity type (as in reports): a person is never matched against organisations. Default `unknown`, or `person` when nameParts are given',
  })
  @IsOptional()
  @IsIn(QUERY_TYPES)
  type?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_QUERY_COUNTRIES,
    description: 'ISO 3166-1 alpha-2 countries of the party (a disjoint entry country lowers the score a little)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_QUERY_COUNTRIES)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v)) : value,
  )
  @IsIso3166Alpha2({ each: true, message: 'each value in countries must be an ISO 3166-1 alpha-2 country code' })
  countries?: string[];

  @ApiPropertyOptional({
    minimum: MIN_SCREENING_THRESHOLD,
    maximum: 1,
    default: 0.7,
    description:
      'Lowest score listed, a number in [0.3, 1]; default 0.7 (candidates below the alert threshold are shown ranked). Lower ones are refused (min): below about 0.2 nothing bounds the names compared, and every listed name would be scored',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(MIN_SCREENING_THRESHOLD)
  @Max(1)
  threshold?: number;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 50, description: 'Most candidates listed, an integer in 1–50' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
