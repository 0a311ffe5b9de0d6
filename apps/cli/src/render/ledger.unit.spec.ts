import { LEDGER_CELL_ITEMS, renderLedger, type LedgerRowView } from './ledger';
import { MAX_CELL_LINES } from './table';

const row = (items: string[], entities: string[]): LedgerRowView => ({
  direction: 'supplier',
  counterparty: 'RU',
  assistanceType: 'military',
  itemCategory: 'hs6:880730',
  stage: 'shipped',
  status: 'active',
  claimCount: items.length,
  quantities: [{ unit: 'units', min: 100, max: 100, openEnded: false }],
  values: [],
  earliest: '2023-01-01',
  latest: '2023-02-28',
  bestCredibility: 2,
  worstCredibility: 3,
  independentSources: 1,
  chplTiers: ['1'],
  items,
  entities,
});

describe('renderLedger', () => {
  it('lists the first items and parties of a row of 500 items and 300 parties, then how many more, in a bounded table', () => {
    const items = Array.from({ length: 500 }, (_, i) => `item ${i} of the shipment`);
    const parties = Array.from({ length: 300 }, (_, i) => `Party ${i} Trading Limited Liability Company`);
    const started = performance.now();
    const out = renderLedger({ country: 'CN', items: [row(items, parties)], nextCursor: null });
    const ms = performance.now() - started;
    process.stdout.write(`renderLedger of 500 items and 300 parties: ${ms.toFixed(1)} ms, ${out.length} characters\n`);
    for (let i = 0; i < LEDGER_CELL_ITEMS; i++) expect(out).toContain(`item ${i} of the shipment`);
    expect(out).not.toContain(`item ${LEDGER_CELL_ITEMS} of`);
    expect(out).toContain(`… and ${500 - LEDGER_CELL_ITEMS} more items`);
    expect(out.replace(/[│\s]+/g, ' ')).toContain(`… and ${300 - LEDGER_CELL_ITEMS} more parties)`);
    expect(out).toContain('Party 0 Trading');
    expect(out).not.toContain(`Party ${LEDGER_CELL_ITEMS} Trading`);
    // Title, borders and legend, and one row of at most MAX_CELL_LINES lines.
    expect(out.split('\n').length).toBeLessThanOrEqual(1 + 4 + 1 + MAX_CELL_LINES + 2);
    expect(out.length).toBeLessThan(10_000);
  });

  it('still says how many more items and parties there are when every name is too long to show whole', () => {
    const items = Array.from({ length: 500 }, (_, i) => `item ${i} ${'with a very long description '.repeat(10)}`);
    const parties = Array.from({ length: 300 }, (_, i) => `Party ${i} ${'Holding '.repeat(25)}`);
    const out = renderLedger({ country: 'CN', items: [row(items, parties)], nextCursor: null });
    expect(out).toContain(`… and ${500 - LEDGER_CELL_ITEMS} more items`);
    expect(out.replace(/[│\s]+/g, ' ')).toContain(`… and ${300 - LEDGER_CELL_ITEMS} more parties)`);
    expect(out).not.toContain('more lines');
    expect(out.split('\n').length).toBeLessThanOrEqual(1 + 4 + 1 + MAX_CELL_LINES + 2);
  });

  it('lists every item and party of a small row, as before', () => {
    const out = renderLedger({ country: 'CN', items: [row(['navigation equipment', 'jamming technology'], ['ZT-180'])], nextCursor: null });
    expect(out).toContain('│ navigation equipment ');
    expect(out).toContain('│ jamming technology ');
    expect(out).toContain('│ (ZT-180) ');
    expect(out).not.toContain('more');
  });
});
