import { unstorableText } from './unstorable-text';

describe('unstorableText', () => {
  it('accepts ordinary text, including astral characters and right-to-left marks', () => {
    expect(unstorableText({ title: 'Война 💥 \u202eRU\u202c', claims: [{ note: 'e\u0301' }] }, '')).toEqual([]);
  });

  it('names every NUL character and lone surrogate with its path, in keys too', () => {
    const errors = unstorableText({ summary: 'a\u0000b', claims: [{ note: '\ud800' }], ['bad\u0000key']: 1 }, '');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'summary', rule: 'noNulCharacter' }),
        expect.objectContaining({ path: 'claims[0].note', rule: 'isWellFormedUnicode' }),
        expect.objectContaining({ path: 'bad\u0000key (name)', rule: 'noNulCharacter' }),
      ]),
    );
  });

  it('walks query objects under their root name', () => {
    expect(unstorableText({ q: '\u0000' }, 'query')).toEqual([expect.objectContaining({ path: 'query.q', rule: 'noNulCharacter' })]);
    expect(unstorableText('/v1/ledgers/\udc00', 'path')).toEqual([expect.objectContaining({ path: 'path', rule: 'isWellFormedUnicode' })]);
  });
});
