import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { ENVIRONMENT, Metrics, type Environment } from '@tm/platform';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { bodyParserErrors } from './http/body-errors';
import { verifyUtf8Body } from './http/utf8-body';
import { keepRawBody, refuseInexactNumbers } from './http/exact-numbers';
import { requireJsonContentType } from './http/content-type';
import { refuseRepeatedIdempotencyKey } from './http/idempotency-key';
import { limitBodyDepth } from './http/body-depth';
import { refuseUnstorableText } from './http/unstorable-text';
import { refuseBracketedQueryNames } from './http/query-names';
import { apiValidationPipe } from './http/validation';
import { CursorBindingInterceptor } from './http/cursor-binding';
import { openApiDocument } from './http/openapi-document';
import { serveDashboard } from './web/dashboard';
import { AuditLog } from './audit/audit-log';
import { auditRequests } from './audit/audit-requests';
import { answerClientErrors } from './http/client-errors';
import { measureRequests } from './http/request-metrics';

/**
 * Node's HTTP server closes a connection with 408 when the headers take longer than `API_HEADERS_TIMEOUT_MS` or the
 * whole request longer than `API_REQUEST_TIMEOUT_MS`, so clients dripping a body cannot hold connections; it checks
 * every second (its default, 30 s, would let a request overrun its deadline by as much). Set before listening.
 */
function limitRequestTime(app: INestApplication): void {
  const env = app.get<Environment>(ENVIRONMENT);
  // connectionsCheckingInterval is a createServer option Nest does not pass; the server reads it when it starts listening.
  const server = app.getHttpServer() as Server & { connectionsCheckingInterval: number };
  server.headersTimeout = env.API_HEADERS_TIMEOUT_MS;
  server.requestTimeout = env.API_REQUEST_TIMEOUT_MS;
  server.connectionsCheckingInterval = Math.min(1_000, env.API_HEADERS_TIMEOUT_MS);
  answerClientErrors(server);
}

/** The audit log of `/v1` requests, security headers, body limit, validation, error bodies, the OpenAPI document (`/docs`, JSON at `/docs-json`) and the dashboard (`/ui`). */
export function configureHttpApi(app: INestApplication): void {
  limitRequestTime(app);
  // First, so requests refused before routing (413, 415) are in the audit log too.
  app.use(auditRequests(app.get(AuditLog)));
  app.use(measureRequests(app.get(Metrics)));
  app.use(helmet());
  // Only JSON bodies (415 otherwise), up to API_BODY_LIMIT_BYTES (413 beyond); DTO validation and one error body for every failure.
  app.use(requireJsonContentType);
  app.use(refuseRepeatedIdempotencyKey);
  (app as NestExpressApplication).useBodyParser('json', {
    limit: app.get<Environment>(ENVIRONMENT).API_BODY_LIMIT_BYTES,
    type: ['application/json', 'application/*+json'],
    // body-parser decodes with replacement: without this, bytes that are not UTF-8 were stored as U+FFFD. The raw
    // bytes are kept for refuseInexactNumbers.
    verify: (req: object, res: unknown, bytes: Buffer) => {
      verifyUtf8Body(req, res, bytes);
      keepRawBody(req, res, bytes);
    },
  });
  app.use(bodyParserErrors);
  app.use(limitBodyDepth);
  app.use(refuseUnstorableText);
  app.use(refuseBracketedQueryNames);
  app.use(refuseInexactNumbers);
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalInterceptors(new CursorBindingInterceptor());
  SwaggerModule.setup('docs', app, openApiDocument(app));
  serveDashboard(app);
}
