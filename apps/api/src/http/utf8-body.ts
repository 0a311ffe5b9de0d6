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

/**
 * body-parser's `verify` step for JSON bodies: the raw bytes (inflated) must be UTF-8. body-parser decodes with
 * replacement, so bytes such as `\xff\xfe` in a string were stored as U+FFFD U+FFFD and answered 202; now they are
 * a 400 `isUtf8` naming the body and the byte offset.
 * @throws an http-errors style error (status 400, type {@link INVALID_UTF8_TYPE}).
 */
export function verifyUtf8Body(_req: unknown, _res: unknown, bytes: Buffer): void {
  if (isUtf8(bytes)) return;
  const offset = firstInvalidUtf8Byte(bytes);
  const byte = bytes[offset].toString(16).padStart(2, '0');
  throw Object.assign(new Error(`the body is not UTF-8: byte ${offset} (0x${byte}) begins no well-formed UTF-8 character`), {
    status: 400,
    type: INVALID_UTF8_TYPE,
  });
}
