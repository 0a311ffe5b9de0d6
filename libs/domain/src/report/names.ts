/**
 * Names of parties and screening queries: the parts of a person's name and the rules on names, defined once and
 * applied by the report schema's class-validator decorators (`schema/name-rules.ts`), which the API and the processor
 * both validate with, and by `POST /v1/screening`.
 */

/**
 * A person's name in parts, as a form or a structured list gives it: `{ given?, middle?, family?, patronymic? }`.
 * Each part is free text (several words allowed, any script), 1–{@link NAME_LIMITS}.partMaxLength characters holding
 * a letter; at least one part is given. The same shape as `NameParts` of `@tm/screening`'s `ScreeningQuery`.
 */
export interface NameParts {
  given?: string;
  middle?: string;
  family?: string;
  patronymic?: string;
}

/** The keys of {@link NameParts}, in the order a full name is written from them ({@link fullNameOf}). */
export const NAME_PART_KEYS = ['given', 'middle', 'patronymic', 'family'] as const;

/** Lengths, in UTF-16 code units (what `String.length` and class-validator's `MaxLength` count). */
export const NAME_LIMITS = {
  /** One name part (`nameParts.given`, …). */
  partMaxLength: 200,
  /** The name of a `POST /v1/screening` query (any entity name of a report fits: those are at most 500). */
  screenedNameMaxLength: 1000,
  /**
   * Words of a `POST /v1/screening` query, its name or its parts together ({@link wordCount}): no name of the bundled
   * lists has more than 45; a query of 249 words at a low threshold held the API's event loop for 30 s and ran it out
   * of memory.
   */
  screenedNameMaxWords: 60,
} as const;

/** The entity type whose names may come in parts. */
export const NAME_PARTS_ENTITY_TYPE = 'person';

/** Rule names on names, the same at the API's door and in the processor's checks. */
export const NAME_RULES = {
  /** `nameParts` only on a `person` (a screening query without a `type` is taken as a person's). */
  forPersonsOnly: 'namePartsForPersonsOnly',
  /** `nameParts` holds at least one of `given`, `middle`, `family`, `patronymic`. */
  notEmpty: 'namePartsNotEmpty',
  /** Each name part holds a letter (of any script). */
  hasLetter: 'hasLetter',
  /** A screened name holds a letter or a digit: not only punctuation, symbols, white space or control characters. */
  hasLetterOrDigit: 'hasLetterOrDigit',
  /** A screening query gives `name`, `nameParts` or both. */
  nameOrNameParts: 'nameOrNameParts',
  /** A screening query's name, or its parts together, has at most `NAME_LIMITS.screenedNameMaxWords` words. */
  maxWords: 'maxWords',
} as const;

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether `text` holds a letter of any script ({@link NAME_RULES}.hasLetter). */
export const hasLetter = (text: unknown): boolean => typeof text === 'string' && LETTER.test(text);

/** Whether `text` holds a letter or a digit of any script ({@link NAME_RULES}.hasLetterOrDigit). */
export const hasLetterOrDigit = (text: unknown): boolean => typeof text === 'string' && LETTER_OR_DIGIT.test(text);

/** A character of a script written without spaces (each is read as a word of its own), or a run of other letters and digits. */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]|[\p{L}\p{N}\p{M}]+/gu;

/**
 * Words of `text` as the matcher reads them: after NFKC (one ligature such as U+FDFA is four words), runs of letters
 * and digits, each character of Han, kana, Hangul or Thai a word of its own.
 */
export function wordCount(text: string): number {
  let n = 0;
  for (const _ of text.normalize('NFKC').matchAll(WORD)) n++;
  return n;
}

/** Whether a value holds at least one name part ({@link NAME_RULES}.notEmpty); a value that is not an object passes (another rule says so). */
export const hasNamePart = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  Array.isArray(value) ||
  NAME_PART_KEYS.some((key) => (value as Record<string, unknown>)[key] !== undefined);

/** The full name written from parts: "given middle patronymic family", the parts trimmed, absent ones left out. */
export function fullNameOf(parts: NameParts): string {
  return NAME_PART_KEYS.map((key) => parts[key])
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' ');
}

/** The name parts of a value known to be valid, as a plain object holding only the parts given. */
export function namePartsOf(value: NameParts): NameParts {
  const parts: NameParts = {};
  for (const key of NAME_PART_KEYS) if (typeof value[key] === 'string') parts[key] = value[key];
  return parts;
}
