import type { ErrorBodyDto, FieldErrorDto } from './error-body';

/**
 * Deepest nesting of objects and arrays a request body may have. The deepest real body (a report: claims → party →
 * entity → identifiers) is under 10; validation and transformation recurse, so an unbounded depth could exhaust the
 * stack (found by the fuzz suite).
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Most items of any array and most keys of any object in a request body. No body the API takes comes near them (the
 * longest array is a report's 500 claims; DTOs say the precise limit of each field, e.g. at most 10 `countries` in a
 * screening query), but class-transformer and the text checks walk every item before a DTO can refuse the field:
 * a 1 MB body of 200,000 country codes held the event loop 0.7 s. Refused here first, in time linear in the
 * containers of the body and not in their items.
 */
export const MAX_ARRAY_ITEMS = 1_000;
export const MAX_OBJECT_KEYS = 1_000;

/** The first structural limit a parsed body breaks, with the path of the container breaking it; iterative. */
export function bodyShapeProblem(value: unknown): FieldErrorDto | undefined {
  const stack: [unknown, number, string][] = [[value, 1, '']];
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const where = path || 'the body';
    const at = path || 'body';
    if (depth > MAX_BODY_DEPTH)
      return { path: at, rule: 'maxDepth', message: `objects and arrays may be nested at most ${MAX_BODY_DEPTH} levels deep` };
    if (Array.isArray(node)) {
      if (node.length > MAX_ARRAY_ITEMS)
        return {
          path: at,
          rule: 'maxArrayItems',
          message: `${where} holds ${node.length} items; an array in a request body may hold at most ${MAX_ARRAY_ITEMS}`,
        };
      for (let i = 0; i < node.length; i++)
        if (node[i] !== null && typeof node[i] === 'object') stack.push([node[i], depth + 1, `${path}[${i}]`]);
    } else {
      const keys = Object.keys(node);
      if (keys.length > MAX_OBJECT_KEYS)
        return {
          path: at,
          rule: 'maxObjectKeys',
          message: `${where} has ${keys.length} keys; an object in a request body may have at most ${MAX_OBJECT_KEYS}`,
        };
      for (const key of keys) {
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object')
          stack.push([child, depth + 1, key === '' ? `${path}[""]` : path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}

interface HttpRequest {
  body?: unknown;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * Express middleware after the JSON parser: 400 for a body nested deeper than {@link MAX_BODY_DEPTH} (`maxDepth`),
 * an array of more than {@link MAX_ARRAY_ITEMS} items (`maxArrayItems`) or an object of more than
 * {@link MAX_OBJECT_KEYS} keys (`maxObjectKeys`), naming the first such container.
 */
export function limitBodyDepth(req: HttpRequest, res: HttpResponse, next: () => void): void {
  const problem = bodyShapeProblem(req.body);
  if (!problem) return next();
  const body: ErrorBodyDto = { statusCode: 400, error: 'Bad Request', message: problem.message, errors: [problem] };
  res.status(400).json(body);
}
