import { createHash } from 'node:crypto';
import { ListFormatError } from '../errors';

/** Raw list bytes as received: a Buffer (file, HTTP body) or an already decoded string. */
export type RawInput = Buffer | string;

/** Default upper bound for one list file: 200 MB (the full EU FSF XML is ~25 MB, OpenSanctions ~2 GB). */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

export interface ParseLimits {
  /** Reject inputs larger than this many bytes (default `DEFAULT_MAX_BYTES`). */
  maxBytes?: number;
}

/** Byte length of the input (UTF-8 for strings). */
export function byteLength(input: RawInput): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
}

/**
 * Decodes the input as UTF-8 after checking its size; strips a BOM and the DOS end-of-file byte
 * (0x1A) that OFAC CSV exports end with.
 * @throws ListFormatError when larger than `limits.maxBytes`.
 */
export function decodeInput(format: string, input: RawInput, limits: ParseLimits = {}): string {
  const max = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = byteLength(input);
  if (size > max) throw new ListFormatError(format, `input is ${size} bytes, above the limit of ${max}`);
  let text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A trailing SUB (0x1A, DOS end-of-file) ends some official CSV downloads.
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001a\s*$/, '');
}

/** Lower-case hex sha256 over the raw inputs, in order (strings hashed as UTF-8). */
export function sha256(...inputs: Array<RawInput | undefined>): string {
  const h = createHash('sha256');
  for (const i of inputs) if (i !== undefined) h.update(typeof i === 'string' ? Buffer.from(i, 'utf8') : i);
  return h.digest('hex');
}
