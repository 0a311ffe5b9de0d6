import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestValidationException } from './api-exceptions';

/**
 * For a route that takes no query parameter: refuses any, 400 `whitelistValidation` naming each, as the query DTO of
 * a route that takes some refuses an unknown one (`GET /v1/sanctions-lists/{listId}/entries/{entryId}?foo=1` answered
 * 200 while `…/entries?foo=1` was a 400, found by a tester). Resolves to nothing.
 */
export const NoQueryParameters = createParamDecorator((_data: unknown, context: ExecutionContext): undefined => {
  const query = context.switchToHttp().getRequest<{ query?: unknown }>().query;
  const names = query !== null && typeof query === 'object' ? Object.keys(query) : [];
  if (names.length > 0)
    throw new RequestValidationException(
      names.map((name) => ({ path: name, rule: 'whitelistValidation', message: `property ${name} should not exist` })),
    );
  return undefined;
});
