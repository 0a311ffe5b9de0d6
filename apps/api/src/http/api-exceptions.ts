import { HttpException, HttpStatus, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { SHAPE_RULES, TYPE_RULES, type FieldErrorDto } from './error-body';

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

const isIndex = (property: string) => /^\d+$/.test(property);

/** `claims[0].supplier`: indexes in brackets, names after a dot, an empty key as `[""]` (so no path is empty). */
function pathOf(parent: string, property: string): string {
  if (property === '') return `${parent}[""]`;
  if (isIndex(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

/** A property's failed rules, but only its type rule when it has the wrong JSON type ({@link TYPE_RULES}). */
function reportedConstraints(constraints: Record<string, string> | undefined): [string, string][] {
  const entries = Object.entries(constraints ?? {});
  const typeRule = TYPE_RULES.find((rule) => rule in (constraints ?? {}));
  return typeRule ? [[typeRule, constraints![typeRule]]] : entries;
}

/**
 * The error of an object's `kind` alone when its kind is unknown or missing: the object was validated against the
 * common shape only (a claim of kind `x`), so its other fields would all be reported as unknown.
 */
function kindOnly(children: ValidationError[]): ValidationError[] {
  const kind = children.find((child) => child.property === 'kind' && child.constraints && Object.keys(child.constraints).length > 0);
  return kind ? [kind] : children;
}

/** Flattens class-validator's error tree into `[{ path: 'claims[0].supplier.country', rule, message }]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldErrorDto[] {
  const out: FieldErrorDto[] = [];
  for (const error of kindOnly(errors)) {
    const path = pathOf(parent, error.property);
    const constraints = reportedConstraints(error.constraints);
    for (const [rule, message] of constraints) {
      // class-validator names the property only; the path says where it sits.
      out.push({ path, rule, message: message.replace(new RegExp(`^(each value in )?${escape(error.property)}\\b`), (_m, each) => `${each ?? ''}${path}`) });
    }
    const wrongType = constraints.some(([rule]) => TYPE_RULES.includes(rule));
    if (error.children?.length && !wrongType) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
