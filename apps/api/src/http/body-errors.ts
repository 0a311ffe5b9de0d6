import type { ErrorBodyDto } from './error-body';
import { INVALID_UTF8_TYPE } from './utf8-body';

/** An http-errors error from body-parser or zlib: `status` and, for body-parser's own failures, `type`. */
export interface BodyReadError extends Error {
  status?: number;
  type?: string;
  limit?: number;
  code?: string;
  /** The field holding the first byte that is not UTF-8 (`verifyUtf8Body`). */
  field?: string;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

/** zlib's error codes: a `Content-Encoding: gzip|deflate|br` body that does not inflate. */
const isInflateError = (error: BodyReadError) => typeof error.code === 'string' && /^(Z_|ERR_ZLIB|ERR__?BROTLI)/.test(error.code);

/**
 * The API's error body for a failure to read a request body, or undefined when the error is not one:
 * 400 `malformedJson` (body), 400 `isUtf8` (the field, or body, holding bytes that are not UTF-8: `verifyUtf8Body`), 413 `maxBodySize` (body), 415 `isJsonContentType` (content-type: body-parser reads UTF-8
 * JSON only), 415 `contentEncoding` (content-encoding: identity, gzip, deflate or br), 400 `inflatable`
 * (content-encoding: a compressed body that does not inflate), 400 `completeBody` (an aborted or short body).
 * Source: the error `type`s of body-parser 2 (`lib/read.js`).
 */
export function bodyReadErrorBody(error: BodyReadError | undefined): ErrorBodyDto | undefined {
  if (!(error instanceof Error)) return undefined;
  const answer = (statusCode: number, reason: string, message: string, path: string, rule: string, detail: string): ErrorBodyDto => ({
    statusCode,
    error: reason,
    message,
    errors: [{ path, rule, message: detail }],
  });
  switch (error.type) {
    case 'entity.parse.failed':
      return answer(400, 'Bad Request', 'the body is not valid JSON', 'body', 'malformedJson', error.message);
    case INVALID_UTF8_TYPE:
      return answer(400, 'Bad Request', 'the body is not UTF-8', error.field ?? 'body', 'isUtf8', error.message);
    case 'entity.too.large':
      return answer(
        413,
        'Payload Too Large',
        `the body is larger than ${error.limit} bytes`,
        'body',
        'maxBodySize',
        `the body must be at most ${error.limit} bytes`,
      );
    case 'charset.unsupported':
      return answer(
        415,
        'Unsupported Media Type',
        error.message,
        'content-type',
        'isJsonContentType',
        'the body must be JSON in UTF-8 (charset=utf-8 or no charset)',
      );
    case 'encoding.unsupported':
      return answer(
        415,
        'Unsupported Media Type',
        error.message,
        'content-encoding',
        'contentEncoding',
        'Content-Encoding must be identity, gzip, deflate or br',
      );
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return answer(400, 'Bad Request', error.message, 'body', 'completeBody', `the body was not received whole (${error.message})`);
    default:
      if (isInflateError(error))
        return answer(
          400,
          'Bad Request',
          'the compressed body does not inflate',
          'content-encoding',
          'inflatable',
          `the body does not match its Content-Encoding (${error.message})`,
        );
      return undefined;
  }
}

/**
 * Express error middleware placed right after the JSON body parser: answers its failures ({@link bodyReadErrorBody})
 * before they reach any route. Other errors pass on.
 */
export function bodyParserErrors(error: BodyReadError, _req: unknown, res: HttpResponse, next: (error: unknown) => void): void {
  const body = bodyReadErrorBody(error);
  if (!body) return next(error);
  res.status(body.statusCode).json(body);
}
