import { copyField, JsonText } from './copy';

describe('copyField: values in COPY text format', () => {
  it('writes NULL, numbers and plain text as they are', () => {
    expect([null, undefined, 42, 'plain'].map(copyField)).toEqual(['\\N', '\\N', '42', 'plain']);
  });

  it('escapes backslash, tab, newline and carriage return, the only bytes the text format treats specially', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
  });

  it('writes text[] literals with every element quoted, then escaped for COPY', () => {
    expect(copyField(['CN', 'a "b"', 'c\\d', ''])).toBe('{"CN","a \\\\"b\\\\"","c\\\\\\\\d",""}');
    expect(copyField([])).toBe('{}');
  });

  it('serialises objects as JSON and copies pre-serialised JSON as is (escaped)', () => {
    expect(copyField({ a: 'x\ny' })).toBe('{"a":"x\\\\ny"}');
    expect(copyField(new JsonText('{"b":1}'))).toBe('{"b":1}');
  });
});
