import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { isTransientFailure } from '@tm/messaging';
import { DependencyUnavailableException, RequestValidationException } from './api-exceptions';
import { bodyReadErrorBody, type BodyReadError } from './body-errors';
import type { ErrorBodyDto, FieldErrorDto } from './error-body';

/** Seconds a client should wait before retrying when the database is unavailable. */
const DEPENDENCY_RETRY_AFTER_SECONDS = 2;

/** The part of Express' response the filter uses. */
interface HttpResponse {
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: unknown): void };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An http-errors style client error from middleware (e.g. Express failing to decode a path parameter: 400). */
function clientErrorStatus(error: unknown): number | undefined {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * The field error of an HttpException raised without one: a route that does not exist (404 `route`), a dependency
 * that did not answer (503 `dependencyAvailable`, see the Retry-After header), or another status on the URL.
 */
function defaultFieldError(status: number, message: string): FieldErrorDto {
  // Express's router could not decode a path parameter (Nest hands it on as a BadRequestException).
  if (status === 400 && message.startsWith('Failed to decode param'))
    return { path: 'url', rule: 'percentEncoding', message: `${message}: a path parameter must be UTF-8, percent-encoded` };
  if (status === 404) return { path: 'url', rule: 'route', message: `${message}: the path names no route of this API (see /docs)` };
  if (status === 503) return { path: 'retry-after', rule: 'dependencyAvailable', message };
  return { path: 'url', rule: `http${status}`, message };
}

/**
 * A PostgreSQL data exception (SQLSTATE class 22: a number out of range, a malformed date or uuid) raised by a value
 * the request carried past validation (a cursor, a far-off position): the client's input, not a server fault.
 */
function isDataException(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** A failed readiness check of @nestjs/terminus: `{ status: 'error', info, error: { kafka: { status: 'down', … } }, details }`. */
function healthCheckBody(exception: unknown): object | undefined {
  if (!(exception instanceof HttpException) || exception.getStatus() !== 503) return undefined;
  const raw = exception.getResponse() as { status?: unknown; details?: unknown };
  return typeof raw === 'object' && raw.status === 'error' && typeof raw.details === 'object' ? raw : undefined;
}

/**
 * Every error answer of the API in one shape, {@link ErrorBodyDto}: `{ statusCode, error, message, errors }`, but a
 * failed readiness check, which keeps the @nestjs/terminus body naming the dependency that is down (as every app).
 * Field errors keep their path and rule; malformed JSON is a 400 naming the body; an oversized body a 413; an
 * unexpected failure a 500 with no internals (logged with its stack). A 503 carries `Retry-After`.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    const health = healthCheckBody(exception);
    // Not logged: probes repeat it every few seconds, and the failing dependency logs its own trouble.
    if (health) return response.status(503).json(health);
    const body = this.toBody(exception);
    if (exception instanceof DependencyUnavailableException) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (body.statusCode === 503 && !(exception instanceof DependencyUnavailableException))
      response.setHeader('Retry-After', String(DEPENDENCY_RETRY_AFTER_SECONDS));
    if (body.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (body.statusCode === 503) this.logger.warn(`dependency unavailable: ${(exception as Error)?.message}`);
    else if (isDataException(exception)) this.logger.warn(`request value refused by PostgreSQL: ${exception.message}`);
    else if (body.statusCode >= 500) this.logger.error(exception);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBodyDto {
    if (exception instanceof RequestValidationException) {
      const { message } = exception.getResponse() as { message: string };
      return {
        statusCode: exception.getStatus(),
        error: REASONS[exception.getStatus()],
        message,
        errors: exception.errors,
        errorCount: exception.errorCount,
      };
    }
    if (exception instanceof ThrottlerException) {
      // The per-key rate limit (@nestjs/throttler, which has set Retry-After): its message, named as a field error.
      const message = exception.message.replace(/^ThrottlerException: /, '');
      return { statusCode: 429, error: REASONS[429], message, errors: [{ path: 'authorization', rule: 'rateLimit', message }] };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const message =
        typeof raw === 'string'
          ? raw
          : Array.isArray((raw as { message?: unknown }).message)
            ? (raw as { message: string[] }).message.join('; ')
            : String((raw as { message?: unknown }).message ?? exception.message);
      const errors = typeof raw === 'object' ? (raw as { errors?: ErrorBodyDto['errors'] }).errors : undefined;
      return {
        statusCode: status,
        error: REASONS[status] ?? HttpStatus[status] ?? 'Error',
        message,
        errors: errors?.length ? errors : [defaultFieldError(status, message)],
      };
    }
    const bodyRead = bodyReadErrorBody(exception as BodyReadError);
    if (bodyRead) return bodyRead;
    if (isDataException(exception)) {
      // PostgreSQL's text stays in the log: it names types and internals, not the request's field.
      const message = 'a value of the request is out of the range the database can hold';
      return { statusCode: 400, error: REASONS[400], message, errors: [{ path: 'url', rule: 'databaseValue', message }] };
    }
    const clientStatus = clientErrorStatus(exception);
    if (clientStatus) {
      const message = exception instanceof Error ? exception.message : 'bad request';
      return {
        statusCode: clientStatus,
        error: REASONS[clientStatus] ?? 'Bad Request',
        message,
        errors: [defaultFieldError(clientStatus, message)],
      };
    }
    // PostgreSQL restarting or unreachable (SQLSTATE 57P01, 08xxx, refused or timed-out connections): the request did
    // nothing that committed, so the client should retry, not report a bug.
    if (isTransientFailure(exception)) {
      const message = 'a dependency (the database) is unavailable; nothing was stored; retry after the delay in Retry-After';
      return { statusCode: 503, error: REASONS[503], message, errors: [{ path: 'retry-after', rule: 'dependencyAvailable', message }] };
    }
    const message = 'an unexpected error occurred; it has been logged';
    return { statusCode: 500, error: REASONS[500], message, errors: [{ path: 'url', rule: 'unexpected', message }] };
  }
}
