import fc from 'fast-check';
import { dayBound, periodEnd, periodStart } from './date-filter-bounds';

const day = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('date filter bounds: a year or a month names the whole period', () => {
  it.each([
    ['2022', '2022-01-01', '2022-12-31'],
    ['2023-02', '2023-02-01', '2023-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['1900-02', '1900-02-01', '1900-02-28'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2023-12', '2023-12-01', '2023-12-31'],
    ['2023-04-15', '2023-04-15', '2023-04-15'],
    ['2023-04-15T10:00:00Z', '2023-04-15T10:00:00Z', '2023-04-15T10:00:00Z'],
  ])('%s runs from %s through %s', (bound, start, end) => {
    expect(periodStart(bound)).toBe(start);
    expect(periodEnd(bound)).toBe(end);
  });

  it('leaves what names no period unchanged, for validation to refuse (no month 13, no EDTF season)', () => {
    for (const bound of ['2023-13', '2023-00', '2023-21', 'x', '']) expect([periodStart(bound), periodEnd(bound)]).toEqual([bound, bound]);
  });

  it('a day lies in [periodStart, periodEnd] of a month or year exactly when it is in that month or year', () => {
    fc.assert(
      fc.property(day, day, (inside, other) => {
        for (const period of [other.slice(0, 7), other.slice(0, 4)]) {
          const within = periodStart(period) <= inside && inside <= periodEnd(period);
          expect(within).toBe(inside.startsWith(period));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('dayBound gives ISO days: the period’s first or last day, a date-time’s own day', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(dayBound(d, 'from')).toBe(d);
        expect(dayBound(d, 'to')).toBe(d);
        expect(dayBound(`${d}T23:30:00+05:00`, 'from')).toBe(d);
        expect(dayBound(d.slice(0, 7), 'to')).toMatch(/^\d{4}-\d{2}-(28|29|30|31)$/);
      }),
    );
  });
});
