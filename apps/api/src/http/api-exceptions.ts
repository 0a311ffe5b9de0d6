import { HttpException, HttpStatus, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { SHAPE_RULES, type FieldErrorDto } from './error-body';

/** Field errors an error body lists at most; `errorCount` says how many there were (the body stays small). */
export const MAX_REPORTED_ERRORS = 20;

/**
 * A request refused with field errors; 400 when a shape rule ({@link SHAPE_RULES}) failed, otherwise 422. Keeps the
 * first {@link MAX_REPORTED_ERRORS} errors and the count of all.
 */
export class RequestValidationException extends HttpException {
  readonly errors: FieldErrorDto[];
  readonly errorCount: number;

  constructor(errors: FieldErrorDto[]) {
    const status = errors.some((e) => SHAPE_RULES.has(e.rule)) ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY;
    const listed = errors.slice(0, MAX_REPORTED_ERRORS);
    const more = errors.length > listed.length ? ` (the first ${listed.length} listed)` : '';
    super({ message: `the request breaks ${errors.length} rule${errors.length === 1 ? '' : 's'}${more}`, errors: listed }, status);
    this.errors = listed;
    this.errorCount = errors.length;
  }
}

/** 404 naming the path parameter that names no resource: `errors: [{ path, rule: 'exists', message }]`. */
export function notFound(path: string, what: string, id: string): NotFoundException {
  const message = `no ${what} ${id}`;
  return new NotFoundException({ message, errors: [{ path, rule: 'exists', message: `${path} must be the id of an existing ${what}` }] });
}

/** A dependency (the broker) did not take the command in time: 503 with `Retry-After`; nothing was accepted. */
export class DependencyUnavailableException extends ServiceUnavailableException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
