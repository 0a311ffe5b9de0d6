import { parse } from 'csv-parse/sync';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes cells a spreadsheet would run as formulas as text, and every other value as given', () => {
    const rows = [
      { title: '=HYPERLINK("http://x","click")', note: '+1', who: '@SUM(A1)', n: 5 },
      { title: 'Calling for Peace, "now"', note: 'plain', who: 'a\nb', n: 0 },
    ];
    const csv = toCsv(rows, ['title', 'note', 'who', 'n']);
    expect(parse(csv, { columns: true })).toEqual([
      { title: `'=HYPERLINK("http://x","click")`, note: "'+1", who: "'@SUM(A1)", n: '5' },
      { title: 'Calling for Peace, "now"', note: 'plain', who: 'a\nb', n: '0' },
    ]);
  });
});
