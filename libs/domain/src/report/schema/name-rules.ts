import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  buildMessage,
  IsString,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import {
  hasLetter,
  hasLetterOrDigit,
  hasNamePart,
  wordCount,
  NAME_LIMITS,
  NAME_PART_KEYS,
  NAME_PARTS_ENTITY_TYPE,
  NAME_RULES,
  type NameParts,
} from '../names';

/** A class-validator decorator named `rule` over one of the name predicates of `@tm/domain` (`names.ts`). */
function nameRule(rule: string, test: (value: unknown, siblings: Record<string, unknown>) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy(
      {
        name: rule,
        validator: {
          validate: (value, args?: ValidationArguments) => test(value, (args?.object ?? {}) as Record<string, unknown>),
          defaultMessage: buildMessage(() => message, options),
        },
      },
      options,
    );
}

/** `hasLetter`: the text holds a letter of any script. */
export const HasLetter = nameRule(NAME_RULES.hasLetter, (value) => hasLetter(value), '$property must hold a letter');

/** `hasLetterOrDigit`: the text holds a letter or a digit (not only punctuation, symbols, white space or control characters). */
export const HasLetterOrDigit = nameRule(
  NAME_RULES.hasLetterOrDigit,
  (value) => hasLetterOrDigit(value),
  '$property must hold a letter or a digit (not only punctuation, symbols, white space or control characters)',
);

/** `maxWords`: a screened name has at most `NAME_LIMITS.screenedNameMaxWords` words ({@link wordCount}); a non-string passes (another rule says so). */
export const MaxWords = nameRule(
  NAME_RULES.maxWords,
  (value) => typeof value !== 'string' || wordCount(value) <= NAME_LIMITS.screenedNameMaxWords,
  `$property must have at most ${NAME_LIMITS.screenedNameMaxWords} words (after NFKC; each Han, kana, Hangul or Thai character is one)`,
);

/** `maxWords` on `nameParts`: the parts have at most `NAME_LIMITS.screenedNameMaxWords` words together. */
export const NamePartsMaxWords = nameRule(
  NAME_RULES.maxWords,
  (value) =>
    typeof value !== 'object' ||
    value === null ||
    NAME_PART_KEYS.reduce((n, k) => {
      const part = (value as Record<string, unknown>)[k];
      return n + (typeof part === 'string' ? wordCount(part) : 0);
    }, 0) <= NAME_LIMITS.screenedNameMaxWords,
  `$property must have at most ${NAME_LIMITS.screenedNameMaxWords} words in all its parts`,
);

/** `namePartsNotEmpty`: a `nameParts` object holds at least one part. */
export const NamePartsNotEmpty = nameRule(
  NAME_RULES.notEmpty,
  (value) => hasNamePart(value),
  `$property must hold at least one of ${NAME_PART_KEYS.join(', ')}`,
);

/**
 * `namePartsForPersonsOnly`: on `nameParts`, the sibling `type` is `person`. `typeOptional`: a missing `type` passes
 * (a screening query whose parts make it a person's).
 */
export const NamePartsForPersonsOnly = (typeOptional: boolean, options?: ValidationOptions) =>
  nameRule(
    NAME_RULES.forPersonsOnly,
    (_value, siblings) => siblings.type === NAME_PARTS_ENTITY_TYPE || (typeOptional && siblings.type === undefined),
    `$property may be given only with type ${NAME_PARTS_ENTITY_TYPE}`,
  )(options);

/**
 * Validates a property unless it is absent: the report schema's "optional". Unlike `IsOptional`, `null` is validated,
 * and refused by the type rule (422): `null` is no value of the field's type, and taking it as absent changed what
 * was stored (a `date: null` was dropped; a `quantity.value: null` was accepted and then refused by the read models'
 * fold, found by accepted-is-stored.unit.spec.ts).
 */
export const UnlessAbsent = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

const part = (example: string, description: string) =>
  ApiPropertyOptional({
    example,
    description: `${description}; 1–${NAME_LIMITS.partMaxLength} characters holding a letter (hasLetter)`,
    minLength: 1,
    maxLength: NAME_LIMITS.partMaxLength,
  });

/**
 * A person's name in parts: `{ given?, middle?, family?, patronymic? }`, at least one part (namePartsNotEmpty), each
 * 1–200 characters of any script holding a letter (hasLetter). Unknown keys are refused (400).
 */
export class NamePartsDto implements NameParts {
  @part('Alexander', 'Given (first) name or names')
  @UnlessAbsent()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LIMITS.partMaxLength)
  @HasLetter()
  given?: string;

  @part('Jean', 'Middle name or names')
  @UnlessAbsent()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LIMITS.partMaxLength)
  @HasLetter()
  middle?: string;

  @part('Grigoryevich', 'Patronymic')
  @UnlessAbsent()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LIMITS.partMaxLength)
  @HasLetter()
  patronymic?: string;

  @part('Lukashenko', 'Family name (surname), one or several words')
  @UnlessAbsent()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LIMITS.partMaxLength)
  @HasLetter()
  family?: string;
}
