import Big from 'big.js';
import fc from 'fast-check';
import { inexactNumbers, isExactDouble } from './exact-numbers';

describe('exact numbers', () => {
  it('a literal is exact when it is the decimal of its double', () => {
    for (const literal of [
      '1.0',
      '10e0',
      '0.1',
      '5e-324',
      '1e308',
      '1.7976931348623157e308',
      '0.000000000000000001',
      '1.0000000000000000',
      '-0',
      '0.0e5',
      '1E2',
      '9007199254740992',
    ])
      expect([literal, isExactDouble(literal)]).toEqual([literal, true]);
    for (const literal of [
      '1e-400',
      '2e308',
      '1.0000000000000001',
      '9007199254740993',
      '123456789012345678',
      '3e-324',
      '0.30000000000000001',
    ])
      expect([literal, isExactDouble(literal)]).toEqual([literal, false]);
  });

  it('agrees with an exact decimal comparison (big.js) on the forms of any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 21 }), (d, precision) => {
        for (const literal of [String(d), d.toPrecision(precision), d.toExponential(precision - 1)].map((s) =>
          s.replace(/^-?0\.?0*$/, '0').replace('e+', 'e'),
        )) {
          // 1.5e308 to one digit is 2e308: beyond binary64, read as Infinity.
          const expected = Number.isFinite(Number(literal)) && new Big(literal).eq(new Big(String(Number(literal))));
          expect([literal, isExactDouble(literal)]).toEqual([literal, expected]);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('names each inexact literal with its path; digits in strings are not numbers', () => {
    const text =
      '{"claims":[{"quantity":{"value":1e-400}},{"quantity":{"value":1.0000000000000001,"max":2e308}}],"":[9007199254740993, 1.0, 10e0]}';
    expect(inexactNumbers(text).map((e) => `${e.path} ${e.rule}`)).toEqual([
      'claims[0].quantity.value isExactNumber',
      'claims[1].quantity.value isExactNumber',
      'claims[1].quantity.max isExactNumber',
      '[""][0] isExactNumber',
    ]);
    expect(inexactNumbers('{"text":"1e-400 and 1.0000000000000001"}')).toEqual([]);
    expect(inexactNumbers('1e-400')).toEqual([expect.objectContaining({ path: 'body', rule: 'isExactNumber' })]);
  });
});
