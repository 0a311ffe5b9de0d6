import type { FieldErrorDto } from './error-body';

/** Longest `Idempotency-Key` taken (characters). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

/**
 * What is wrong with an `Idempotency-Key` header, each under its own rule (422): empty (`minLength`), longer than
 * {@link IDEMPOTENCY_KEY_MAX_LENGTH} (`maxLength`), or holding anything but visible ASCII, such as a space or a
 * non-ASCII letter (`isPrintableAscii`). Empty when the key is absent or sound.
 */
export function idempotencyKeyErrors(key: string | undefined): FieldErrorDto[] {
  if (key === undefined) return [];
  const path = 'Idempotency-Key';
  const errors: FieldErrorDto[] = [];
  if (key.length === 0) errors.push({ path, rule: 'minLength', message: `${path} must not be empty` });
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH)
    errors.push({
      path,
      rule: 'maxLength',
      message: `${path} must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters (it has ${key.length})`,
    });
  if (!/^[\x21-\x7e]*$/.test(key))
    errors.push({
      path,
      rule: 'isPrintableAscii',
      message: `${path} must hold only visible ASCII characters (letters, digits, punctuation; no spaces or non-ASCII letters)`,
    });
  return errors;
}
