import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { fieldAtByte, firstInvalidUtf8Byte, verifyUtf8Body } from './utf8-body';

describe('utf8-body', () => {
  it('finds the first byte that begins no UTF-8 character', () => {
    expect(firstInvalidUtf8Byte(Buffer.from('{"a":"é😀"}'))).toBe(-1);
    expect(firstInvalidUtf8Byte(Buffer.from([0x7b, 0xff, 0xfe]))).toBe(1);
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2); // encoded surrogate
    expect(firstInvalidUtf8Byte(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1); // cut short
  });

  it('agrees with node:buffer isUtf8 on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        const offset = firstInvalidUtf8Byte(bytes);
        expect(offset === -1).toBe(isUtf8(bytes));
        if (offset > 0) expect(isUtf8(bytes.subarray(0, offset))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('throws a 400 error naming the byte and the field holding it for a body that is not UTF-8', () => {
    expect(() => verifyUtf8Body({}, {}, Buffer.from('{"a":"ok"}'))).not.toThrow();
    expect(() => verifyUtf8Body({}, {}, Buffer.from([0x7b, 0x22, 0xff]))).toThrow(
      expect.objectContaining({
        status: 400,
        type: 'entity.verify.utf8',
        field: 'body',
        message: expect.stringContaining('byte 2 (0xff)'),
      }),
    );
  });

  it('names the value or key whose text holds the bad byte, body when it is outside any string', () => {
    const at = (before: string, bad: number[], after: string) =>
      fieldAtByte(Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(after)]), Buffer.byteLength(before));
    expect(at('{"s":{"p":"A', [0xff, 0xfe], 'B"},"t":"\ue000"}')).toBe('s.p');
    expect(at('{"c":[1,{"x":"é', [0xc0, 0x80], '"}]}')).toBe('c[1].x');
    expect(at('{"k', [0xff], '":1}')).toBe('k\ufffd (name)');
    expect(at('{"a":1', [0xff], '}')).toBe('body');
  });
});
