import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

/** An OpenAPI response header: what it says and its type. */
export type DocumentedHeaders = Record<string, { description: string; schema: { type: string } }>;

/** The `ETag` of an answer, documented. */
export const ETAG_HEADER: DocumentedHeaders = {
  ETag: { description: 'Hash of the body: send it back in If-None-Match', schema: { type: 'string' } },
};

/** `If-None-Match` in, and 304 (no body, `headers` out) when the body's ETag is one of those it gives. */
export function ApiNotModified(headers: DocumentedHeaders): MethodDecorator {
  return applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'ETag of the last answer: 304 when nothing changed' }),
    ApiResponse({ status: 304, description: 'Not modified since the ETag given in If-None-Match (no body)', headers }),
  );
}

/**
 * A GET route whose body Express sends itself: Express tags it (a weak `ETag`, `W/"…"`, over the body) and answers 304
 * (no body) to an `If-None-Match` holding it. Every GET route answering `ETag` documents 304, by this or by the API's
 * `ApiPolled` (`apps/api/test/access-control.e2e.spec.ts`).
 */
export function ApiEtagged(): MethodDecorator {
  return ApiNotModified(ETAG_HEADER);
}
