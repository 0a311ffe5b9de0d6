import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { requiredAccess } from '../auth/access-policy';
import { ApiNotModified, ETAG_HEADER } from '@tm/platform';
import { ErrorBodyDto } from './error-body';

/** The polling headers of a read-model answer (see `ReadSideService.reply`). */
const POLLING_HEADERS = {
  ...ETAG_HEADER,
  'Cache-Control': { description: '`no-cache`: revalidate with If-None-Match', schema: { type: 'string' } },
  'X-Projection-Position': { description: 'Global position of the last event the answer includes', schema: { type: 'string' } },
  'X-Projection-Version': { description: 'Version of the projection that answered', schema: { type: 'string' } },
};

/**
 * A read-model route answered through `ReadSideService.reply`: `If-None-Match` in, `ETag` and the projection headers
 * out, and 304 (no body) when nothing changed.
 */
export function ApiPolled(): MethodDecorator {
  return ApiNotModified(POLLING_HEADERS);
}

export { ApiEtagged } from '@tm/platform';

/** What each error status means in this API; every one has the body {@link ErrorBodyDto}. */
const ERRORS: Record<number, string> = {
  400: 'The request has the wrong shape: malformed JSON, an unknown or missing field, a path id that is not a UUID, a parameter not percent-encoded as UTF-8',
  401: 'No API key, or one that is unknown, expired or revoked (`WWW-Authenticate: Bearer`)',
  403: "The API key's role is below the one this route needs",
  404: 'No such resource',
  413: 'The body is over API_BODY_LIMIT_BYTES',
  415: 'The body is not sent as JSON',
  422: 'A value breaks a rule, named with its path',
  429: 'Over the per-key rate limit, or too many failed authentications from this address (see `Retry-After`)',
  503: 'A dependency (PostgreSQL, Kafka) did not answer in time (see `Retry-After`)',
};

type Operation = {
  parameters?: { in: string; name?: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
};

/**
 * Adds the error answers every operation can give, by rules that hold for the whole API, to `document`: 401 and 429
 * for each route the access policy protects (and 403 when it needs more than a viewer; a public route gets
 * `security: []`), 503 for those (they read PostgreSQL or send to Kafka), 400 and 422 for a route with parameters or
 * a body, 404 for one with path parameters, 413 and 415 for one with a body. A status a controller documents itself
 * keeps its description. Statuses are answered by the guard, throttler, pipes and filter, not by the controllers.
 */
export function documentErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const errorBody = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value as Operation;
      const access = requiredAccess(method, path.replace(/\{[^}]+\}/g, 'x'));
      const statuses: number[] = [];
      if (access === 'public') operation.security = [];
      else statuses.push(401, ...(access === 'viewer' ? [] : [403]), 429, 503);
      // If-None-Match (of ApiPolled, ApiEtagged) is never refused: it makes no 400 or 422 of a route without others.
      const parameters = (operation.parameters ?? []).filter((p) => !(p.in === 'header' && p.name === 'If-None-Match'));
      if (parameters.length > 0 || operation.requestBody) statuses.push(400, 422);
      if (parameters.some((p) => p.in === 'path')) statuses.push(404);
      if (operation.requestBody) statuses.push(413, 415);
      for (const status of statuses.sort((a, b) => a - b)) {
        const documented = operation.responses[status] as { description?: string } | undefined;
        operation.responses[status] = { description: documented?.description || ERRORS[status], content: errorBody };
      }
    }
  }
  return document;
}
