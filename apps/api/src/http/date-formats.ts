import { buildMessage, isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * ISO 8601 calendar date or date-time, the forms PostgreSQL's `timestamptz` input takes: `YYYY-MM-DD`, optionally
 * `THH:MM[:SS[.fff]]` and a zone (`Z`, `±HH:MM`). ISO 8601 also allows week (`2023-W05`) and ordinal (`2023-036`)
 * dates, which class-validator's `IsISO8601` accepts and PostgreSQL refuses (a 500, found by a fresh-user review).
 */
export const CALENDAR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `IsISO8601({ strict: true })` narrowed to {@link CALENDAR_DATE_TIME}, reported under the same rule name
 * (`isIso8601`) so clients see one error per field.
 */
export function IsCalendarDateTime(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIso8601',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && CALENDAR_DATE_TIME.test(value) && isISO8601(value, { strict: true }),
        defaultMessage: buildMessage((each) => `${each}$property must be an ISO 8601 calendar date or date-time (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM])`),
      },
    },
    validationOptions,
  );
}
