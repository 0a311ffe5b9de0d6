import Table from 'cli-table3';
import fc from 'fast-check';
import { displayWidth, MAX_CELL_LINES, renderTable, wrapText } from './table';

/** cli-table3's drawing, as the CLI printed tables before it drew them itself. */
function cliTable3(head: string[], rows: string[][], colWidths?: number[]): string {
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true, ...(colWidths ? { colWidths } : {}) });
  for (const row of rows) table.push(row);
  return table.toString();
}

describe('renderTable', () => {
  it('draws what cli-table3 drew for cells of words that fit their column', () => {
    const head = ['to/from', 'type / category', 'items (parties)'];
    const rows = [
      ['→ RU', 'military\nhs6:880730', "prototype kamikaze drones of a range of 100 km\n(Xi'an Bingo Intelligent Aviation Technology)"],
      ['← CN', 'economic', 'joint ventures in machine tools, electric transport'],
      ['', '', ''],
    ];
    expect(renderTable(head, rows, [9, 22, 46])).toBe(cliTable3(head, rows, [9, 22, 46]));
    expect(renderTable(['app', 'status', 'url'], [['api', 'ready', 'http://127.0.0.1:3000']])).toBe(
      cliTable3(['app', 'status', 'url'], [['api', 'ready', 'http://127.0.0.1:3000']]),
    );
  });

  it('cuts a word wider than its column into pieces instead of dropping its end', () => {
    expect(wrapText('see 0123456789abcdef', 8)).toEqual(['see', '01234567', '89abcdef']);
    expect(wrapText('中国人民解放军', 6)).toEqual(['中国人', '民解放', '军']);
  });

  it('shows at most MAX_CELL_LINES lines of a cell, the last saying how many more there are', () => {
    const cell = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const out = renderTable(['a', 'b'], [['x', cell]], [5, 20]);
    expect(out.split('\n')).toHaveLength(3 + MAX_CELL_LINES + 1);
    expect(out).toContain(`│ … ${1000 - (MAX_CELL_LINES - 1)} more lines`);
    expect(out).toContain(`line ${MAX_CELL_LINES - 2} `);
    expect(out).not.toContain(`line ${MAX_CELL_LINES - 1} `);
  });

  it('keeps every line as wide as the border and every cell within its bound, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.lorem({ maxCount: 40 })), { minLength: 3, maxLength: 3 }),
          {
            maxLength: 5,
          },
        ),
        fc.array(fc.integer({ min: 3, max: 30 }), { minLength: 3, maxLength: 3 }),
        (rows, widths) => {
          const lines = renderTable(['a', 'b', 'c'], rows, widths).split('\n');
          const width = widths.reduce((sum, w) => sum + w, 0) + 4;
          for (const line of lines) expect(displayWidth(line)).toBe(width);
          expect(lines.length).toBeLessThanOrEqual(3 + (rows.length + 1) * MAX_CELL_LINES + rows.length);
        },
      ),
    );
  });
});
