import type { ErrorBodyDto } from './error-body';

interface BodyParserError extends Error {
  status?: number;
  type?: string;
  limit?: number;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * Express error middleware placed right after the JSON body parser: answers its failures in the API's error body
 * (400 `malformedJson` for JSON that does not parse, 413 `maxBodySize` for a body over `API_BODY_LIMIT_BYTES`,
 * 400/415 for a bad encoding) before they reach any route. Other errors pass on.
 */
export function bodyParserErrors(error: BodyParserError, _req: unknown, res: HttpResponse, next: (error: unknown) => void): void {
  const answer = (body: ErrorBodyDto) => res.status(body.statusCode).json(body);
  switch (error?.type) {
    case 'entity.parse.failed':
      return answer({ statusCode: 400, error: 'Bad Request', message: 'the body is not valid JSON', errors: [{ path: '', rule: 'malformedJson', message: error.message }] });
    case 'entity.too.large':
      return answer({ statusCode: 413, error: 'Payload Too Large', message: `the body is larger than ${error.limit} bytes`, errors: [{ path: '', rule: 'maxBodySize', message: `the body must be at most ${error.limit} bytes` }] });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return answer({ statusCode: 415, error: 'Unsupported Media Type', message: error.message });
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return answer({ statusCode: 400, error: 'Bad Request', message: error.message });
    default:
      return next(error);
  }
}
