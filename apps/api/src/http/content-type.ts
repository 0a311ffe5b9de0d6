import type { ErrorBodyDto } from './error-body';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

/** `application/json` or a structured `+json` type (`application/merge-patch+json`), parameters (charset) aside. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9!#$&^_.+-]+\+json$/.test(type);
}

/** Whether the request carries a body (as body-parser decides: chunked, or a non-zero Content-Length). */
function hasBody(request: HttpRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Express middleware placed before the JSON body parser: a request carrying a body whose `Content-Type` is not
 * JSON (`application/json` or `…+json`) answers 415 `isJsonContentType`. The API reads only JSON bodies; without
 * this, a JSON text sent as `text/plain` or as a form was accepted unparsed. Requests without a body are unaffected.
 */
export function requireJsonContentType(request: HttpRequest, response: HttpResponse, next: () => void): void {
  if (!hasBody(request)) return next();
  const contentType = request.headers['content-type'];
  const given = typeof contentType === 'string' ? contentType : undefined;
  if (isJsonMediaType(given)) return next();
  const message = given
    ? `the body is ${JSON.stringify(given.split(';')[0].trim())}; send it as application/json`
    : 'the body has no Content-Type; send it as application/json';
  const body: ErrorBodyDto = {
    statusCode: 415,
    error: 'Unsupported Media Type',
    message,
    errors: [
      {
        path: 'content-type',
        rule: 'isJsonContentType',
        message: 'Content-Type must be application/json (or a +json type) for a request with a body',
      },
    ],
  };
  response.status(415).json(body);
}
