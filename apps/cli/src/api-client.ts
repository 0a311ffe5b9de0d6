import { CliError } from './cli-error';

/** How to reach the API: base URL and optional API key (sent as `Authorization: Bearer <key>`). */
export interface ApiTarget {
  baseUrl: string;
  apiKey?: string;
}

/** An HTTP answer: status, headers and the parsed JSON body (undefined when empty or not JSON). */
export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A field the API refused: where (`claims[0].date.edtf`), the rule broken (`isStorableDate`) and why. */
export interface ApiFieldError {
  path?: string;
  rule?: string;
  message?: string;
}

interface ErrorBody {
  message?: string | string[];
  error?: string;
  errors?: ApiFieldError[];
}

/** The API answered with an error status: the status and the fields it named, for callers that go on (bulk posts). */
export class ApiError extends CliError {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: ApiFieldError[],
  ) {
    super(message);
  }
}

/** The first useful line of the API's error body (`{ statusCode, error, message, errors: [{ path, rule, message }] }`). */
function describeError(status: number, body: ErrorBody | undefined): string {
  const first = body?.errors?.[0];
  if (first?.message) return `${status} ${first.path ? `${first.path}: ` : ''}${first.message}`;
  const message = Array.isArray(body?.message) ? body?.message[0] : body?.message;
  return `${status} ${message ?? body?.error ?? 'error'}`;
}

/**
 * A small client for the Transfer Monitor API over Node's `fetch`. Every failure becomes a {@link CliError}
 * naming the request: the API unreachable, an endpoint this API does not serve (404 on a route), or the API's
 * own error line.
 */
export class ApiClient {
  constructor(readonly target: ApiTarget) {}

  /** GET; `allow` lists statuses handed back instead of thrown (e.g. 404 for "no such alert"). */
  get<T>(path: string, allow: number[] = []): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, undefined, {}, allow);
  }

  post<T>(path: string, body: unknown, headers: Record<string, string> = {}, allow: number[] = []): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, headers, allow);
  }

  private async request<T>(
    method: string,
    path: string,
    body: unknown,
    extra: Record<string, string>,
    allow: number[],
  ): Promise<ApiResponse<T>> {
    const url = new URL(path, this.target.baseUrl.endsWith('/') ? this.target.baseUrl : `${this.target.baseUrl}/`);
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.target.apiKey) headers.authorization = `Bearer ${this.target.apiKey}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(`cannot reach the API at ${this.target.baseUrl} (${reason}) — is \`npm start\` running?`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok || allow.includes(response.status)) return { status: response.status, headers: response.headers, body: parsed as T };
    if (response.status === 404 && isRouteMissing(parsed as ErrorBody | undefined)) {
      throw new CliError(
        `${method} ${url.pathname} is not available on the API at ${this.target.baseUrl} (404: this version does not serve it)`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new ApiError(
        `${method} ${url.pathname}: ${describeError(response.status, parsed as ErrorBody)} — pass an API key with --api-key or TM_API_KEY`,
        response.status,
        (parsed as ErrorBody | undefined)?.errors ?? [],
      );
    }
    throw new ApiError(
      `${method} ${url.pathname}: ${describeError(response.status, parsed as ErrorBody)}`,
      response.status,
      (parsed as ErrorBody | undefined)?.errors ?? [],
    );
  }
}

/** Nest's answer for a route it does not know: `Cannot GET /v1/…`. */
function isRouteMissing(body: ErrorBody | undefined): boolean {
  const message = Array.isArray(body?.message) ? body?.message.join(' ') : (body?.message ?? '');
  return /^Cannot (GET|POST|PUT|PATCH|DELETE) /.test(message);
}
