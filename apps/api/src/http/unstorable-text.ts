import { unstorableTextRule } from '@tm/domain';
import type { ErrorBodyDto, FieldErrorDto } from './error-body';

/**
 * Text PostgreSQL cannot store (`unstorableTextRule` of `@tm/domain`: U+0000, a lone UTF-16 surrogate) would pass
 * validation and fail later (a 500 on a query, a dead-lettered command). Refusing it at the door keeps the error a
 * 400 naming the field (the NUL case was found by the fuzz suite).
 */

const MESSAGES: Record<string, string> = {
  noNulCharacter: 'must not contain the NUL character (U+0000)',
  isWellFormedUnicode: 'must be well-formed Unicode (no lone surrogate)',
};

/** Every string (keys included) in a parsed value that PostgreSQL could not store, with its path; iterative. */
export function unstorableText(value: unknown, root: string): FieldErrorDto[] {
  const errors: FieldErrorDto[] = [];
  const report = (path: string, text: string) => {
    const rule = unstorableTextRule(text);
    if (rule) errors.push({ path: path || 'body', rule, message: `${path || 'the body'} ${MESSAGES[rule]}` });
  };
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0 && errors.length < 20) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') report(path, node);
    else if (Array.isArray(node)) node.forEach((child, i) => stack.push([child, `${path}[${i}]`]));
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        // An empty key is written [""], so that no path is empty.
        const childPath = key === '' ? `${path}[""]` : path ? `${path}.${key}` : key;
        report(`${childPath} (name)`, key);
        stack.push([child, childPath]);
      }
    }
  }
  return errors;
}

interface HttpRequest {
  body?: unknown;
  query?: unknown;
  path?: string;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // malformed escapes are left to the router, which answers 400 for them
  }
}

/**
 * Express middleware after the JSON parser: 400 for a path, query string or body holding text PostgreSQL cannot store.
 * A query parameter is named as the validation errors name it (`q`, not `query.q`).
 */
export function refuseUnstorableText(req: HttpRequest, res: HttpResponse, next: () => void): void {
  const errors = [
    ...unstorableText(decodedPath(req.path ?? ''), 'path'),
    ...unstorableText(req.query, ''),
    ...unstorableText(req.body, ''),
  ];
  if (errors.length === 0) return next();
  const body: ErrorBodyDto = { statusCode: 400, error: 'Bad Request', message: errors.map((e) => e.message).join('; '), errors };
  res.status(400).json(body);
}
