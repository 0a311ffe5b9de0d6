import { clip, dateRange, renderTable } from './table';

/** A row of `GET /v1/ledgers/:country` (see `LedgerRow` in `@tm/read-models`). */
export interface LedgerRowView {
  direction: string;
  counterparty: string;
  assistanceType: string;
  itemCategory: string;
  stage: string;
  status: string;
  claimCount: number;
  quantities: { unit: string; min: number; max: number; openEnded: boolean }[];
  values: { currency: string; amount: number }[];
  earliest?: string;
  latest?: string;
  bestCredibility: number;
  worstCredibility: number;
  independentSources: number;
  chplTiers: string[];
  items: string[];
  entities: string[];
}

/** A ledger as `GET /v1/ledgers/:country` pages it, with every row (`nextCursor` null). */
export interface LedgerView {
  country: string;
  items: LedgerRowView[];
  nextCursor: string | null;
}

function quantities(row: LedgerRowView): string {
  const parts = row.quantities.map((q) => `${q.min === q.max ? q.min : `${q.min}–${q.max}`}${q.openEnded ? '+' : ''} ${q.unit}`);
  parts.push(...row.values.map((v) => `${v.amount.toLocaleString('en')} ${v.currency}`));
  return parts.join('\n');
}

/** Items and named parties a ledger cell lists at most; `--json` gives them all. */
export const LEDGER_CELL_ITEMS = 5;
/** Display columns an item keeps in the table (about four lines of the items column), and a party's name (two). */
const ITEM_WIDTH = 176;
const PARTY_WIDTH = 88;

/** The first `LEDGER_CELL_ITEMS` of `names` (each clipped to `width`), then `… and N more <noun>` when there are more. */
function firstNames(names: string[], width: number, noun: string): string[] {
  const shown = names.slice(0, LEDGER_CELL_ITEMS).map((n) => clip(n, width));
  return names.length > shown.length ? [...shown, `… and ${names.length - shown.length} more ${noun}`] : shown;
}

/** The items column: the first items one a line, then the named parties in brackets (both bounded, see `firstNames`). */
function itemsAndParties(row: LedgerRowView): string {
  const parties = firstNames(row.entities, PARTY_WIDTH, 'parties');
  return [...firstNames(row.items, ITEM_WIDTH, 'items'), ...(parties.length ? [`(${parties.join('; ')})`] : [])].join('\n');
}

/**
 * A country's ledger as a table: one line per row of the read model, stage and status in their own columns (pledged
 * never adds to delivered; denied and disputed claims stand apart), then the row's items and named parties: the first
 * `LEDGER_CELL_ITEMS` of each, with how many more there are (`--json` prints them all).
 */
export function renderLedger(ledger: LedgerView, title = `Ledger of ${ledger.country}`): string {
  if (ledger.items.length === 0) return `${title}: no transfer claims\n`;
  const rows = ledger.items.map((r) => [
    `${r.direction === 'supplier' ? '→' : '←'} ${r.counterparty}`,
    `${r.assistanceType}\n${r.itemCategory}`,
    r.stage,
    r.status,
    r.claimCount,
    quantities(r),
    dateRange(r.earliest, r.latest),
    `${r.bestCredibility === r.worstCredibility ? r.bestCredibility : `${r.bestCredibility}–${r.worstCredibility}`} / ${r.independentSources}`,
    r.chplTiers.join(', '),
    itemsAndParties(r),
  ]);
  const head = ['to/from', 'type / category', 'stage', 'status', 'claims', 'quantity', 'dates', 'cred./src', 'CHPL', 'items (parties)'];
  const legend = '→ supplies to, ← receives from; cred. = Admiralty credibility 1 (confirmed) … 6, src = independent sources';
  return `${title}\n${renderTable(head, rows, [9, 22, 19, 10, 8, 14, 24, 11, 6, 46])}\n${legend}\n`;
}
