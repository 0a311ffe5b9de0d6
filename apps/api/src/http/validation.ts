import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { flattenValidationErrors, RequestValidationException } from './api-exceptions';
import { SHAPE_RULES, type FieldErrorDto } from './error-body';

const isPlainObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields holding claims: class-transformer reads their `kind` to pick the DTO, so each must be an object. */
function polymorphicShapeErrors(body: Record<string, unknown>): FieldErrorDto[] {
  const errors: FieldErrorDto[] = [];
  if (Array.isArray(body.claims)) {
    body.claims.forEach((claim, i) => isPlainObject(claim) || errors.push({ path: `claims[${i}]`, rule: 'isObject', message: `claims[${i}] must be an object` }));
  }
  if ('claim' in body && !isPlainObject(body.claim)) errors.push({ path: 'claim', rule: 'isObject', message: 'claim must be an object' });
  return errors;
}

/**
 * Strings of only white space, anywhere in a body: the processor's domain rules need non-empty text (a publisher, an
 * item description, a name), so a blank one would be accepted with 202 and rejected later; an optional text is left
 * out rather than blank.
 */
function blankStringErrors(body: unknown): FieldErrorDto[] {
  const errors: FieldErrorDto[] = [];
  const stack: [unknown, string][] = [[body, '']];
  while (stack.length > 0 && errors.length < 20) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (node.length > 0 && node.trim() === '') errors.push({ path, rule: 'isNotBlank', message: `${path} must not be blank (only white space)` });
    } else if (Array.isArray(node)) node.forEach((child, i) => stack.push([child, `${path}[${i}]`]));
    else if (isPlainObject(node)) for (const [key, child] of Object.entries(node as object)) stack.push([child, path ? `${path}.${key}` : key]);
  }
  return errors;
}

/**
 * A missing value is reported once, as `isDefined` (a shape error), rather than as every rule it cannot meet; when a
 * shape rule of its own says why it is required (`nameOrNameParts`: one of two fields), as that rule alone.
 */
function missingAsUndefined(errors: ValidationError[]): ValidationError[] {
  return errors.map((error) => {
    const children = error.children?.length ? missingAsUndefined(error.children) : error.children;
    if (error.value === undefined && error.constraints && !('whitelistValidation' in error.constraints)) {
      const shape = Object.entries(error.constraints).filter(([rule]) => SHAPE_RULES.has(rule));
      return { ...error, children, constraints: shape.length > 0 ? Object.fromEntries(shape) : { isDefined: `${error.property} is required` } };
    }
    return { ...error, children };
  });
}

/**
 * The API's global validation: class-validator DTOs, unknown fields refused (`whitelist`, `forbidNonWhitelisted`),
 * bodies turned into DTO instances (`transform`), every failing field reported with its path and rule. A body that
 * is not a JSON object, or a claim that is not one, is refused before class-transformer meets it.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(missingAsUndefined(errors))),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (!isPlainObject(value)) throw new RequestValidationException([{ path: 'body', rule: 'isJsonObject', message: 'the body must be a JSON object' }]);
      const shape = polymorphicShapeErrors(value as Record<string, unknown>);
      if (shape.length > 0) throw new RequestValidationException(shape);
      const blank = blankStringErrors(value);
      if (blank.length > 0) throw new RequestValidationException(blank);
    }
    return super.transform(value, metadata);
  }
}

export function apiValidationPipe(): ValidationPipe {
  return new ApiValidationPipe();
}
