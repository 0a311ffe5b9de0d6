import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One failing field of a request. */
export class FieldErrorDto {
  @ApiProperty({ example: 'claims[0].supplier.country', description: 'Path of the field in the body (or the route parameter / header name)' })
  path: string;

  @ApiProperty({ example: 'isIso3166Alpha2', description: 'The rule the value breaks' })
  rule: string;

  @ApiProperty({ example: 'claims[0].supplier.country must be an ISO 3166-1 alpha-2 country code in upper case (e.g. CN, HK, RU)' })
  message: string;
}

/**
 * The body of every error answer: `{ statusCode, error, message, errors: [{ path, rule, message }] }`.
 * 400 for malformed JSON or a body of the wrong shape, 413 for a body over the limit, 422 for a value that breaks a
 * rule (a code list, a format, a domain rule), 404 for an unknown resource, 503 (with `Retry-After`) when a
 * dependency does not answer in time.
 */
export class ErrorBodyDto {
  @ApiProperty({ example: 422 })
  statusCode: number;

  @ApiProperty({ example: 'Unprocessable Entity' })
  error: string;

  @ApiProperty({ example: 'the request breaks 1 rule' })
  message: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

/** Fields whose failure means the body has the wrong shape (400) rather than a value breaking a rule (422). */
export const SHAPE_RULES = new Set([
  'whitelistValidation',
  'isDefined',
  'isNotEmptyObject',
  'isObject',
  'isArray',
  'isString',
  'isNumber',
  'isInt',
  'isBoolean',
  'nestedValidation',
  'unknownValue',
  'malformedJson',
  'isJsonObject',
  'isUuid',
]);
