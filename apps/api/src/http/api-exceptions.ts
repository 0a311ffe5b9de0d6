import { HttpException, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { SHAPE_RULES, type FieldErrorDto } from './error-body';

/** A request refused with field errors; 400 when a shape rule failed, otherwise 422. */
export class RequestValidationException extends HttpException {
  constructor(readonly errors: FieldErrorDto[]) {
    const status = errors.some((e) => SHAPE_RULES.has(e.rule)) ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY;
    super({ message: `the request breaks ${errors.length} rule${errors.length === 1 ? '' : 's'}`, errors }, status);
  }
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

const isIndex = (property: string) => /^\d+$/.test(property);

/** Flattens class-validator's error tree into `[{ path: 'claims[0].supplier.country', rule, message }]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldErrorDto[] {
  const out: FieldErrorDto[] = [];
  for (const error of errors) {
    const path = parent === '' ? (isIndex(error.property) ? `[${error.property}]` : error.property) : isIndex(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      // class-validator names the property only; the path says where it sits.
      out.push({ path, rule, message: message.replace(new RegExp(`^(each value in )?${escape(error.property)}\\b`), (_m, each) => `${each ?? ''}${path}`) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
