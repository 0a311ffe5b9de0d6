import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** One failing query or route parameter: `{ path, rule, message }`. */
export interface ParameterError {
  path: string;
  rule: string;
  message: string;
}

function flatten(errors: ValidationError[]): ParameterError[] {
  return errors.flatMap((e) => Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ path: e.property, rule, message })));
}

/**
 * Validation of read endpoints' query and route parameters: class-validator DTOs, values converted (`transform`),
 * unknown parameters refused; any failure is a 400 `{ statusCode, error, message, errors: [{ path, rule, message }] }`
 * naming each parameter and the rule it breaks.
 */
export function parameterValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: list.map((e) => e.message).join('; '), errors: list });
    },
  });
}
