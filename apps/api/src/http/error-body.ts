import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NAME_RULES } from '@tm/domain';

/** One failing field of a request. */
export class FieldErrorDto {
  @ApiProperty({
    example: 'claims[0].supplier.country',
    description: 'Path of the field in the body (or the route parameter / header name)',
  })
  path: string;

  @ApiProperty({ example: 'isIso3166Alpha2', description: 'The rule the value breaks' })
  rule: string;

  @ApiProperty({ example: 'claims[0].supplier.country must be an ISO 3166-1 alpha-2 country code in upper case (e.g. CN, HK, RU)' })
  message: string;
}

/**
 * The body of every error answer: `{ statusCode, error, message, errors: [{ path, rule, message }] }`.
 * 400 for malformed JSON or a request of the wrong shape, 413 for a body over the limit, 415 for a body not sent as JSON,
 * 422 for a value that breaks a rule (a wrong JSON type, a code list, a format, a domain rule), 404 for an unknown resource, 503 (with `Retry-After`) when a
 * dependency does not answer in time.
 */
export class ErrorBodyDto {
  @ApiProperty({ example: 422 })
  statusCode: number;

  @ApiProperty({ example: 'Unprocessable Entity' })
  error: string;

  @ApiProperty({ example: 'the request breaks 1 rule' })
  message: string;

  @ApiProperty({
    type: [FieldErrorDto],
    description: 'The failing fields, at most 20 (see errorCount); each names a body path, a query or path parameter, or a header',
  })
  errors: FieldErrorDto[];

  @ApiPropertyOptional({
    example: 1,
    description: 'How many rules the request breaks, when it was validated field by field (errors lists the first 20)',
  })
  errorCount?: number;
}

/**
 * Rules whose failure means the request has the wrong shape (400) rather than a value breaking a rule (422): a body
 * that is not JSON or not an object, an unknown field, a missing one (or neither of two: `nameOrNameParts`), a path id
 * that is not a UUID. A value of the wrong JSON type (a number for a string, a string for an object…) breaks a rule:
 * 422, like any other value.
 */
export const SHAPE_RULES = new Set([
  'whitelistValidation',
  'isDefined',
  'isNotEmptyObject',
  'unknownValue',
  'malformedJson',
  'isJsonObject',
  'isUuid',
  NAME_RULES.nameOrNameParts,
]);
