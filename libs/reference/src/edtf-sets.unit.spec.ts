import fc from 'fast-check';
import { parseEdtf } from './edtf-dates';

/**
 * EDTF level 2 sets: `[a, b]` ("one of") and `{a, b}` ("all of"), whose members are dates or ranges `a..b`. A set's
 * bounds are the earliest start and the latest end of its members, whatever order they are written in (edtf.js reads
 * a set's end as the first day of its last member, e.g. `[2023-01..2023-03]` ended 2023-01-31).
 */
describe('EDTF sets: bounds are the earliest start and the latest end of their members', () => {
  it.each([
    ['[2023-01..2023-03]', '2023-01-01', '2023-03-31', 'interval'],
    ['{2023-01..2023-03}', '2023-01-01', '2023-03-31', 'interval'],
    ['[2023-01, 2023-02, 2023-03]', '2023-01-01', '2023-03-31', 'interval'],
    ['{2023-01,2023-03}', '2023-01-01', '2023-03-31', 'interval'],
    ['[2023-03, 2023-01]', '2023-01-01', '2023-03-31', 'interval'],
    ['{2023-03,2023-01}', '2023-01-01', '2023-03-31', 'interval'],
    ['[2023-01-05, 2022]', '2022-01-01', '2023-01-05', 'interval'],
    ['[2023-01-05, 2023..2024]', '2023-01-01', '2024-12-31', 'interval'],
    ['{2022, 2023-05..2023-07}', '2022-01-01', '2023-07-31', 'interval'],
    ['[2023-05..2023-07, 2022-02-10]', '2022-02-10', '2023-07-31', 'interval'],
    ['[2023-01-05,2023-06-XX]', '2023-01-05', '2023-06-30', 'interval'],
    ['[2023-02-28..2023-03-02]', '2023-02-28', '2023-03-02', 'interval'],
    ['[..2023-03]', '-infinity', '2023-03-31', 'open'],
    ['[..2023-01..2023-03]', '-infinity', '2023-03-31', 'open'],
    ['[2023-01..]', '2023-01-01', 'infinity', 'open'],
    ['{2023-01..2023-03..}', '2023-01-01', 'infinity', 'open'],
    ['[..2023-03, 2024]', '-infinity', '2024-12-31', 'open'],
  ])('%s → %s … %s (%s)', (text, earliest, latest, precision) => {
    expect(parseEdtf(text)).toEqual({ edtf: text, earliest, latest, precision });
  });

  const month = fc.record({ year: fc.integer({ min: 1, max: 9998 }), month: fc.integer({ min: 1, max: 12 }) });
  const monthText = ({ year, month: m }: { year: number; month: number }) =>
    `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  const firstDay = (m: { year: number; month: number }) => `${monthText(m)}-01`;
  // Day 0 of the next month; setUTCFullYear, as Date.UTC reads the years 0–99 as 1900–1999.
  const lastDay = (m: { year: number; month: number }) =>
    new Date(new Date(0).setUTCFullYear(m.year, m.month, 0)).toISOString().slice(0, 10);
  const byMonth = (a: { year: number; month: number }, b: { year: number; month: number }) => a.year - b.year || a.month - b.month;
  // A member: a month, or a range of months written earliest first.
  const member = fc.oneof(
    month.map((m) => ({ text: monthText(m), first: m, last: m })),
    fc.tuple(month, month).map(([a, b]) => {
      const [first, last] = [a, b].sort(byMonth);
      return { text: `${monthText(first)}..${monthText(last)}`, first, last };
    }),
  );

  it('holds for any set of months and month ranges, in any order, in either bracket', () => {
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 5 }), fc.boolean(), (members, oneOf) => {
        const body = members.map((m) => m.text).join(', ');
        const text = oneOf ? `[${body}]` : `{${body}}`;
        const first = members.map((m) => m.first).sort(byMonth)[0];
        const last = members.map((m) => m.last).sort(byMonth)[members.length - 1];
        const bounds = parseEdtf(text);
        expect(bounds.earliest).toBe(firstDay(first));
        expect(bounds.latest).toBe(lastDay(last));
      }),
      { numRuns: 300 },
    );
  });
});
