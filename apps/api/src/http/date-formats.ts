import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { buildMessage, IsOptional, isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';
import { dayBound, isCalendarDay, periodEnd, periodStart } from '@tm/reference';

/**
 * ISO 8601 calendar date or date-time, the forms PostgreSQL's `timestamptz` input takes: `YYYY-MM-DD`, optionally
 * `THH:MM[:SS[.fff]]` and a zone (`Z`, `±HH:MM`). ISO 8601 also allows week (`2023-W05`) and ordinal (`2023-036`)
 * dates, which class-validator's `IsISO8601` accepts and PostgreSQL refuses (a 500, found by a fresh-user review).
 */
export const CALENDAR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * ISO 8601 (class-validator's `isISO8601`, not strict) on a day that exists in the years 0001–9999
 * ({@link isCalendarDay}): its strict mode builds a Date from the text and so refused every day of the years 0001–0099.
 */
const isCalendarDateTime = (value: unknown): value is string =>
  typeof value === 'string' && CALENDAR_DATE_TIME.test(value) && isISO8601(value) && isCalendarDay(value.slice(0, 10));

/**
 * `IsISO8601({ strict: true })` narrowed to {@link CALENDAR_DATE_TIME}, reported under the same rule name
 * (`isIso8601`) so clients see one error per field.
 */
export function IsCalendarDateTime(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIso8601',
      validator: {
        validate: (value: unknown) => isCalendarDateTime(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO 8601 calendar date or date-time (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM])`,
        ),
      },
    },
    validationOptions,
  );
}

/** A year (`YYYY`), a month (`YYYY-MM`) or a {@link CALENDAR_DATE_TIME}: the bounds of a date filter (`from`, `to`, `since`). */
export const DATE_BOUND = /^\d{4}(-\d{2})?$/;

/** A real calendar day (2023-02-30 is refused, not rolled over to 2 March) of the years 0001–9999, at any precision from a year to a time. */
export const isDateBound = (value: unknown): value is string =>
  (typeof value === 'string' && DATE_BOUND.test(value) && isISO8601(value) && isCalendarDay(`${value}-01-01`.slice(0, 10))) ||
  isCalendarDateTime(value);

/**
 * A date filter bound (`from`, `to`): `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a date-time, on a day that exists;
 * reported as `isIso8601` like {@link IsCalendarDateTime}.
 */
export function IsDateBound(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIso8601',
      validator: {
        validate: isDateBound,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an ISO 8601 date on a day that exists: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`,
        ),
      },
    },
    validationOptions,
  );
}

/** Digits: a global position in the event store (at most 15 digits). */
export const GLOBAL_POSITION = /^\d{1,15}$/;

/**
 * `asOf`: a global position (digits only, so `2023` is position 2023, not the year) or an ISO 8601 calendar date
 * or date-time of recording on a day that exists (`2023-02-30` is refused, not rolled over to 2 March).
 */
export function IsAsOf(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAsOf',
      validator: {
        validate: (value: unknown) => (typeof value === 'string' && GLOBAL_POSITION.test(value)) || isCalendarDateTime(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a global position (digits, at most 15) or an ISO 8601 date or date-time of recording on a day that exists (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM])`,
        ),
      },
    },
    validationOptions,
  );
}

/**
 * `to` of a date filter not before its `from`, each read as its period (`from=2023-02-15&to=2023-02` holds, as `to`
 * runs through 2023-02-28; `from=2024&to=2020` is refused; a bound that is itself invalid is left to its own rule).
 * Rule `notBeforeFrom`.
 */
export function NotBeforeFrom(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBeforeFrom',
      validator: {
        validate: (value: unknown, args) => {
          const from = (args?.object as { from?: unknown } | undefined)?.from;
          if (!isDateBound(value) || !isDateBound(from)) return true;
          const [start, end] = [Date.parse(periodStart(from)), Date.parse(periodEnd(value))];
          return Number.isNaN(start) || Number.isNaN(end) || end >= start;
        },
        defaultMessage: buildMessage(() => '$property must not be before from'),
      },
    },
    validationOptions,
  );
}

/**
 * An optional date filter bound on day-dated data (reported dates, publication days), read once, here, for every
 * route: validated as {@link IsDateBound} (and, for `to`, {@link NotBeforeFrom}), then replaced by the ISO day the
 * period it names starts (`from`) or ends (`to`) on, so a year or a month covers all of it: `from=2023-02` is
 * 2023-02-01, `to=2023-02` 2023-02-28, `to=2022` 2022-12-31 (the rule is `periodStart`/`periodEnd` of
 * `@tm/reference`); a date-time counts as the day it names. An invalid value is left as sent, for its rule to name.
 */
export function DateFilterBound(side: 'from' | 'to'): PropertyDecorator {
  const checks = side === 'to' ? [IsDateBound(), NotBeforeFrom()] : [IsDateBound()];
  return applyDecorators(
    IsOptional(),
    ...checks,
    Transform(({ value }: { value: unknown }) => (isDateBound(value) ? dayBound(value, side) : value)),
  );
}

/**
 * An optional lower bound on timestamps (`since`): a date filter bound ({@link IsDateBound}) read as the instant its
 * period starts, UTC (`2023` → 2023-01-01T00:00:00Z, `2023-02-15` → 2023-02-15T00:00:00Z); a date-time as written.
 */
export function InstantFilterStart(): PropertyDecorator {
  const read = (value: string) => {
    const start = periodStart(value);
    return start.length === 10 ? `${start}T00:00:00Z` : start;
  };
  return applyDecorators(
    IsOptional(),
    IsDateBound(),
    Transform(({ value }: { value: unknown }) => (isDateBound(value) ? read(value) : value)),
  );
}
