import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { flattenValidationErrors, validateAs, VALIDATOR_OPTIONS } from '@tm/domain';
import { RequestValidationException } from './api-exceptions';
import { SHAPE_RULES } from './error-body';

/**
 * A missing value is reported once, as `isDefined` (a shape error), rather than as every rule it cannot meet; when a
 * shape rule of its own says why it is required (`nameOrNameParts`: one of two fields), as that rule alone.
 */
function missingAsUndefined(errors: ValidationError[]): ValidationError[] {
  return errors.map((error) => {
    const children = error.children?.length ? missingAsUndefined(error.children) : error.children;
    if (error.value === undefined && error.constraints && !('whitelistValidation' in error.constraints)) {
      const shape = Object.entries(error.constraints).filter(([rule]) => SHAPE_RULES.has(rule));
      return {
        ...error,
        children,
        constraints: shape.length > 0 ? Object.fromEntries(shape) : { isDefined: `${error.property} is required` },
      };
    }
    return { ...error, children };
  });
}

/**
 * The API's global validation: class-validator DTOs, unknown fields refused, every failing field reported with its
 * path and rule. A body is validated by `validateAs` of `@tm/domain`, the function the processor checks report
 * command payloads with (so a body answered 202 is a payload the processor takes); query strings and path parameters
 * by Nest's `ValidationPipe` with the same options (`VALIDATOR_OPTIONS`).
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...VALIDATOR_OPTIONS,
      transform: true,
      exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(missingAsUndefined(errors))),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      const validated = validateAs(metadata.metatype as new () => object, value, missingAsUndefined);
      if (validated.violations.length > 0) throw new RequestValidationException(validated.violations);
      return validated.value;
    }
    return super.transform(value, metadata);
  }
}

export function apiValidationPipe(): ValidationPipe {
  return new ApiValidationPipe();
}
