import type { ValidationPipe } from '@nestjs/common';
import { apiValidationPipe } from '../http/validation';

/** One failing query or route parameter: `{ path, rule, message }`. */
export interface ParameterError {
  path: string;
  rule: string;
  message: string;
}

/**
 * Validation of query and route parameters: the API's global validation ({@link apiValidationPipe}), so parameters
 * answer exactly as bodies do: unknown parameters 400 `whitelistValidation`, an id that is not a UUID 400 `isUuid`,
 * a value breaking a rule (wrong type, format, range, code list) 422, each error naming the parameter and the rule.
 */
export function parameterValidationPipe(): ValidationPipe {
  return apiValidationPipe();
}
