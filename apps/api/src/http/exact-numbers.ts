import { visit, type JSONPath } from 'jsonc-parser';
import type { ErrorBodyDto, FieldErrorDto } from './error-body';

/**
 * Text that may hold a number literal a binary64 number cannot keep: an exponent of three or more digits (1e-400,
 * 2e308) or sixteen or more digits in a row, one decimal point allowed among them (1.0000000000000001). A cheap test
 * of the raw body; a false positive (such digits in a string) only costs the exact reading below.
 */
const MAYBE_INEXACT = /[eE][+-]?\d{3}|\d(?:\.?\d){15}/;

/** Most inexact numbers reported (as for unstorable text). */
const MAX_ERRORS = 20;

/** A JSON number literal as its sign, significant digits (no leading or trailing zeros) and exponent; '0' for zero. */
function decimalOf(literal: string): string | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) return undefined; // Infinity: no decimal
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const all = (whole + fraction).replace(/^0+/, '');
  const digits = all.replace(/0+$/, '');
  if (digits === '') return '0';
  return `${sign}${digits}e${Number(exponent) - fraction.length + (all.length - digits.length)}`;
}

/**
 * Whether a JSON number literal is the value of the binary64 number JSON.parse makes of it: the same decimal as the
 * double's shortest form (1.0, 10e0, 0.1 are; 1e-400 read as 0, 2e308 as Infinity, 1.0000000000000001 as 1 and
 * 9007199254740993 as 9007199254740992 are not). Zero is exact with either sign.
 */
export function isExactDouble(literal: string): boolean {
  const value = Number(literal);
  return Number.isFinite(value) && decimalOf(literal) === decimalOf(String(value));
}

/** A JSON path as the API's errors write it: `claims[0].quantity.value`, an empty key as `[""]`. */
const pathText = (path: JSONPath): string =>
  path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : part === '' ? `${text}[""]` : text ? `${text}.${part}` : part),
    '',
  );

/**
 * The number literals of a JSON text that JSON.parse changes, with their paths. Read by jsonc-parser's scanner,
 * which gives each literal's text and path (the text has already parsed as JSON, within the body's depth limit).
 */
export function inexactNumbers(text: string): FieldErrorDto[] {
  if (!MAYBE_INEXACT.test(text)) return [];
  const errors: FieldErrorDto[] = [];
  visit(
    text,
    {
      onLiteralValue: (value: unknown, offset: number, length: number, _line: number, _column: number, pathOf: () => JSONPath) => {
        if (typeof value !== 'number' || errors.length >= MAX_ERRORS) return;
        const literal = text.slice(offset, offset + length);
        if (isExactDouble(literal)) return;
        const path = pathText(pathOf()) || 'body';
        errors.push({
          path,
          rule: 'isExactNumber',
          message: `${path} holds more digits than a binary64 number keeps (${literal} would be read as ${Number(literal)})`,
        });
      },
    },
    { disallowComments: true },
  );
  return errors;
}

interface HttpRequest {
  rawBody?: Buffer;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

/** body-parser's `verify` step: keeps the raw bytes (a reference) for {@link refuseInexactNumbers}. */
export function keepRawBody(req: HttpRequest, _res: unknown, bytes: Buffer): void {
  req.rawBody = bytes;
}

/**
 * Express middleware after the body limits: 422 `isExactNumber` naming each number literal JSON.parse would have
 * changed (`quantity.value: 1e-400` was stored as 0, `1.0000000000000001` as 1), instead of storing another value
 * than the one sent. Digits and exponents are ASCII, so the raw bytes are searched as latin1.
 */
export function refuseInexactNumbers(req: HttpRequest, res: HttpResponse, next: () => void): void {
  if (req.rawBody === undefined || !MAYBE_INEXACT.test(req.rawBody.toString('latin1'))) return next();
  const errors = inexactNumbers(req.rawBody.toString('utf8'));
  if (errors.length === 0) return next();
  const body: ErrorBodyDto = { statusCode: 422, error: 'Unprocessable Entity', message: errors.map((e) => e.message).join('; '), errors };
  res.status(422).json(body);
}
