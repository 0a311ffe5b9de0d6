import type { ErrorBodyDto } from './error-body';

/**
 * Deepest nesting of objects and arrays a request body may have. The deepest real body (a report: claims → party →
 * entity → identifiers) is under 10; validation and transformation recurse, so an unbounded depth could exhaust the
 * stack (found by the fuzz suite).
 */
export const MAX_BODY_DEPTH = 32;

/** Nesting depth of a parsed JSON value, computed without recursion (so any depth is safe to measure). */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, level]);
  }
  return deepest;
}

interface HttpRequest {
  body?: unknown;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

/** Express middleware after the JSON parser: 400 `maxDepth` for a body nested deeper than {@link MAX_BODY_DEPTH}. */
export function limitBodyDepth(req: HttpRequest, res: HttpResponse, next: () => void): void {
  if (jsonDepth(req.body, MAX_BODY_DEPTH) <= MAX_BODY_DEPTH) return next();
  const body: ErrorBodyDto = {
    statusCode: 400,
    error: 'Bad Request',
    message: `the body is nested deeper than ${MAX_BODY_DEPTH} levels`,
    errors: [{ path: '', rule: 'maxDepth', message: `objects and arrays may be nested at most ${MAX_BODY_DEPTH} levels deep` }],
  };
  res.status(400).json(body);
}
