import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, Length, ValidateBy, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import {
  ENTITY_TYPES,
  PARTICIPANT_ROLES,
  type Entity,
  type EntityType,
  type Participant,
  type ParticipantRole,
  type Party,
} from '../model';
import { IsIso3166Alpha2 } from './code-rules';
import { NamePartsDto, NamePartsForPersonsOnly, NamePartsNotEmpty, UnlessAbsent } from './name-rules';
import { NestedObject } from './nested';

/** An object of at most 20 string values (≤ 200 characters each) keyed by identifier scheme (`inn`, `ogrn`, `lei`…). */
const IsIdentifierRecord = () =>
  ValidateBy({
    name: 'isIdentifierRecord',
    validator: {
      validate: (value) =>
        typeof value === 'object' &&
        value !== null &&
        Object.keys(value).length <= 20 &&
        Object.entries(value).every(
          ([k, v]) => /^[a-z][a-z0-9-]{0,30}$/.test(k) && typeof v === 'string' && v.length > 0 && v.length <= 200,
        ),
      defaultMessage: () => '$property must map identifier schemes (lower case, e.g. inn, ogrn, lei) to strings of at most 200 characters',
    },
  });

/** A named party below the state level (screened against the sanctions lists). */
export class EntityDto implements Entity {
  @ApiProperty({ example: "Xi'an Bingo Intelligent Aviation Technology" })
  @IsString()
  @Length(1, 500)
  name: string;

  @ApiProperty({ enum: ENTITY_TYPES })
  @IsIn(ENTITY_TYPES)
  type: EntityType;

  @ApiPropertyOptional({ type: [String], example: ['Bingo Intelligent'] })
  @UnlessAbsent()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { ogrn: '1027739019208' } })
  @UnlessAbsent()
  @IsObject()
  @IsIdentifierRecord()
  identifiers?: Record<string, string>;

  @ApiPropertyOptional({
    example: 'ul. Lenina 5, 220030 Minsk',
    description:
      "The address the source gives (registered or trading), 1–500 characters (isLength). Compared with listed entries' addresses for front companies; stored and shown as sent.",
  })
  @UnlessAbsent()
  @IsString()
  @Length(1, 500)
  address?: string;

  @ApiPropertyOptional({
    type: NamePartsDto,
    description:
      "A person's `name` in parts, for screening (a family name aligned with a listed one scores higher): only with `type: person` (namePartsForPersonsOnly), at least one part (namePartsNotEmpty), each 1–200 characters holding a letter (hasLetter). Stored and shown as sent.",
    example: { given: 'Alexander', patronymic: 'Grigoryevich', family: 'Lukashenko' },
  })
  @UnlessAbsent()
  @IsObject()
  @NamePartsNotEmpty()
  @NamePartsForPersonsOnly(false)
  @ValidateNested()
  @Type(() => NamePartsDto)
  nameParts?: NamePartsDto;
}

/** A country (ISO 3166-1 alpha-2), optionally narrowed to an entity of it. */
export class PartyDto implements Party {
  @ApiProperty({ example: 'CN', description: 'ISO 3166-1 alpha-2 (HK and TW kept apart from CN)' })
  @IsString()
  @IsIso3166Alpha2()
  country: string;

  @ApiPropertyOptional({ type: EntityDto })
  @UnlessAbsent()
  @NestedObject(() => EntityDto)
  entity?: EntityDto;
}

/** A participant of a diplomatic event. */
export class ParticipantDto extends PartyDto implements Participant {
  @ApiProperty({ enum: PARTICIPANT_ROLES })
  @IsIn(PARTICIPANT_ROLES)
  role: ParticipantRole;
}

/** Where a diplomatic event took place. */
export class PlaceDto {
  @ApiProperty({ example: 'CN' })
  @IsString()
  @IsIso3166Alpha2()
  country: string;

  @ApiPropertyOptional({ example: 'Beijing' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 200)
  locality?: string;
}
