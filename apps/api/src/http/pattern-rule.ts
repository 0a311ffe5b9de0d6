import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * `Matches(pattern)` reported under a rule of its own (`isEntityId`, `isCursor`) instead of class-validator's generic
 * `matches`, so the error says what the value must be, as the README names it.
 */
export function MatchesRule(rule: string, pattern: RegExp, message: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: rule,
      constraints: [pattern],
      validator: { validate: (value: unknown) => typeof value === 'string' && pattern.test(value), defaultMessage: () => message },
    },
    options,
  );
}
