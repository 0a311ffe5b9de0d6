import type { ErrorBodyDto, FieldErrorDto } from './error-body';

/** Longest `Idempotency-Key` taken (characters). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

/**
 * What is wrong with an `Idempotency-Key` header, each under its own rule (422): empty (`minLength`), longer than
 * {@link IDEMPOTENCY_KEY_MAX_LENGTH} (`maxLength`), or holding anything but visible ASCII, such as a space or a
 * non-ASCII letter (`isPrintableAscii`). Empty when the key is absent or sound.
 */
export function idempotencyKeyErrors(key: string | undefined): FieldErrorDto[] {
  if (key === undefined) return [];
  // Lower case, as the other header paths (content-type, authorization); the messages name the header as written.
  const path = 'idempotency-key';
  const name = 'Idempotency-Key';
  const errors: FieldErrorDto[] = [];
  if (key.length === 0) errors.push({ path, rule: 'minLength', message: `${name} must not be empty` });
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH)
    errors.push({
      path,
      rule: 'maxLength',
      message: `${name} must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters (it has ${key.length})`,
    });
  if (!/^[\x21-\x7e]*$/.test(key))
    errors.push({
      path,
      rule: 'isPrintableAscii',
      message: `${name} must hold only visible ASCII characters (letters, digits, punctuation; no spaces or non-ASCII letters)`,
    });
  return errors;
}

interface HttpRequest {
  headersDistinct?: Record<string, string[] | undefined>;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * Express middleware: a request carrying `Idempotency-Key` more than once is 422 `singleHeader`. Node joins repeated
 * headers with ", ", so two keys used to be read as one key holding a space (`isPrintableAscii`), which named the
 * wrong fault.
 */
export function refuseRepeatedIdempotencyKey(req: HttpRequest, res: HttpResponse, next: () => void): void {
  const count = req.headersDistinct?.['idempotency-key']?.length ?? 0;
  if (count <= 1) return next();
  const error: FieldErrorDto = {
    path: 'idempotency-key',
    rule: 'singleHeader',
    message: `Idempotency-Key must be sent once (it was sent ${count} times)`,
  };
  const body: ErrorBodyDto = { statusCode: 422, error: 'Unprocessable Entity', message: error.message, errors: [error] };
  res.status(422).json(body);
}
