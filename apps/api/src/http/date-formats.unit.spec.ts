import fc from 'fast-check';
import { isDateBound } from './date-formats';

/** Date filter bounds in the years 0001–0099, which JavaScript's Date (and class-validator's strict ISO 8601 check) read as 1900–1999. */
describe('date filter bounds: every real day of the years 0001–9999', () => {
  it.each([
    '0001-01-01',
    '0050-06-01',
    '0099',
    '0099-12-31',
    '0001',
    '0001-02',
    '0004-02-29',
    '0100',
    '0100-02-28',
    '0001-01-01T00:00:00Z',
    '0050-06-01T10:00Z',
  ])('accepts %s', (bound) => expect(isDateBound(bound)).toBe(true));
  it.each(['0003-02-29', '0100-02-29', '0001-13', '0001-04-31', '0000', '0000-01-01', '0050-06-01T25:00Z', '1-01-01'])(
    'refuses %s',
    (bound) => expect(isDateBound(bound)).toBe(false),
  );
  it('accepts a day exactly when it exists in the proleptic Gregorian calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(isDateBound(text)).toBe(d <= days);
      }),
      { numRuns: 2000 },
    );
  });
});
