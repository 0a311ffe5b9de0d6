import type { ErrorBodyDto, FieldErrorDto } from './error-body';

/** A query parameter written with brackets (`q[a]`, `q[]`, `q[a][b]`): its name is what precedes the first bracket. */
const BRACKETED = /^([^[\]]+)\[.*\]$/s;

interface HttpRequest {
  query?: unknown;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * The query parameters written with brackets: the API takes plain names (`q=…`), and the query parser keeps
 * `q[a]=x` as a parameter named `q[a]`, which was refused as unknown beside `q` refused as missing, the error naming
 * `q[a]` (found by a tester). Each is named by its parameter, as other errors name it.
 */
export function bracketedQueryNames(query: unknown): FieldErrorDto[] {
  if (query === null || typeof query !== 'object') return [];
  return Object.keys(query).flatMap((key) => {
    const name = BRACKETED.exec(key)?.[1];
    return name === undefined
      ? []
      : [
          {
            path: name,
            rule: 'plainName',
            message: `${name} must be sent as ${name}=<value>, not as ${key} (no brackets in query parameters)`,
          },
        ];
  });
}

/** Express middleware: 400 `plainName` for a query parameter written with brackets, naming the parameter. */
export function refuseBracketedQueryNames(req: HttpRequest, res: HttpResponse, next: () => void): void {
  const errors = bracketedQueryNames(req.query);
  if (errors.length === 0) return next();
  const body: ErrorBodyDto = { statusCode: 400, error: 'Bad Request', message: errors.map((e) => e.message).join('; '), errors };
  res.status(400).json(body);
}
