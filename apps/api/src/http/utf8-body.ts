import { isUtf8 } from 'node:buffer';

/** Body-parser's error `type` for a body that is not UTF-8, read by `bodyReadErrorBody` (400 `isUtf8` at `body`). */
export const INVALID_UTF8_TYPE = 'entity.verify.utf8';

/** A UTF-8 lead byte's sequence length and the range of the byte after it (RFC 3629 §4); length 0: no lead byte. */
function sequence(lead: number): [length: number, min: number, max: number] {
  if (lead < 0x80) return [1, 0, 0];
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf]; // no overlong form
  if (lead === 0xed) return [3, 0x80, 0x9f]; // no surrogate
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf]; // no overlong form
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f]; // nothing above U+10FFFF
  return [0, 0, 0];
}

/** The offset of the first byte of `bytes` that begins no well-formed UTF-8 sequence, or -1 when all is UTF-8. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const [length, min, max] = sequence(bytes[i]);
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      const c = bytes[i + k];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return -1;
}

/** The path (as unstorable-text writes it) of the string holding `marker` in `value`, or undefined; iterative. */
function pathOf(value: unknown, marker: string): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string' && node.includes(marker)) return path || 'body';
    if (Array.isArray(node)) node.forEach((child, i) => stack.push([child, `${path}[${i}]`]));
    else if (node !== null && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) {
        const childPath = key === '' ? `${path}[""]` : path ? `${path}.${key}` : key;
        // Shown as a decoder would show the bad byte, U+FFFD.
        if (key.includes(marker)) return `${childPath.replaceAll(marker, '\ufffd')} (name)`;
        stack.push([child, childPath]);
      }
  }
  return undefined;
}

/**
 * The field whose text holds the byte at `offset` (a value, or a key as `path (name)`), or `body` when the byte is
 * outside any string or the rest is not JSON. Only on the error path: the byte is replaced by a private-use character
 * the body does not hold, the body parsed and the character looked for.
 */
export function fieldAtByte(bytes: Buffer, offset: number): string {
  const rest = new TextDecoder('utf-8').decode(bytes.subarray(offset + 1));
  const before = bytes.subarray(0, offset).toString('utf8');
  let code = 0xe000;
  while (before.includes(String.fromCharCode(code)) || rest.includes(String.fromCharCode(code))) code += 1;
  try {
    return pathOf(JSON.parse(before + String.fromCharCode(code) + rest), String.fromCharCode(code)) ?? 'body';
  } catch {
    return 'body';
  }
}

/**
 * body-parser's `verify` step for JSON bodies: the raw bytes (inflated) must be UTF-8. body-parser decodes with
 * replacement, so bytes such as `\xff\xfe` in a string were stored as U+FFFD U+FFFD and answered 202; now they are
 * a 400 `isUtf8` naming the field holding the first bad byte (see {@link fieldAtByte}) and its offset.
 * @throws an http-errors style error (status 400, type {@link INVALID_UTF8_TYPE}, `field`).
 */
export function verifyUtf8Body(_req: unknown, _res: unknown, bytes: Buffer): void {
  if (isUtf8(bytes)) return;
  const offset = firstInvalidUtf8Byte(bytes);
  const byte = bytes[offset].toString(16).padStart(2, '0');
  const field = fieldAtByte(bytes, offset);
  const where = field === 'body' ? 'the body' : field;
  throw Object.assign(new Error(`${where} is not UTF-8: byte ${offset} (0x${byte}) of the body begins no well-formed UTF-8 character`), {
    status: 400,
    type: INVALID_UTF8_TYPE,
    field,
  });
}
