import fc from 'fast-check';
import { searchTerms, shortUnspacedTerm } from './search-terms';

describe('searchTerms / shortUnspacedTerm: how a query splits, and which Chinese, Japanese or Korean terms are too short', () => {
  it('puts two-character terms in pairs, longer ones in ILIKE patterns, excluded ones in patterns, other words as words', () => {
    expect(searchTerms('drones 中国 无人机 -伊朗 "出口" or tanks')).toEqual({
      words: 'drones or tanks',
      include: ['%无人机%'],
      pairs: ['中国', '出口'],
      exclude: ['%伊朗%'],
      first: '中国',
    });
    // Jamo composed by NFC: two syllables, a pair.
    expect(searchTerms('\u1112\u1161\u11ab\u1100\u116e\u11a8').pairs).toEqual(['한국']);
    expect(searchTerms('F-16战机').include).toEqual(['%F-16战机%']);
  });

  it('names a term of one such character, or of two not both such, and no other', () => {
    for (const q of ['中', '-国', '"中"', 'drones 中', 'A股', '股5', '中国 的'])
      expect({ q, short: shortUnspacedTerm(q) }).toEqual({ q, short: expect.any(String) });
    for (const q of ['中国', '-中国', 'AB股', '无人机', 'drones', 'x', '한국', 'テスト'])
      expect({ q, short: shortUnspacedTerm(q) }).toEqual({ q, short: undefined });
  });

  it('accepts only queries whose such terms an index reads: pairs of two such characters, patterns of three characters at least', () => {
    const word = fc
      .array(fc.constantFrom('中', '国', 'テ', '한', 'a', '1', '-', '"'), { minLength: 1, maxLength: 4 })
      .map((cs) => cs.join(''));
    const length = (pattern: string) => [...pattern].length - 2; // without the two %
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' ')),
        (q) => {
          if (shortUnspacedTerm(q) !== undefined) return;
          const terms = searchTerms(q);
          expect(terms.pairs.every((t) => /^[中国テ한]{2}$/u.test(t))).toBe(true);
          expect(terms.include.every((p) => length(p) >= 3)).toBe(true);
          expect(terms.exclude.every((p) => length(p) >= 2)).toBe(true);
        },
      ),
    );
  });
});
