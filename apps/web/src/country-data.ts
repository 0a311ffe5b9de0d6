/** Rows a page of the country's flows, ledger and timeline asks for (the API's largest `limit`). */
export const COUNTRY_PAGE_SIZE = 1000;

/** Most pages the country page reads of each table: the first 20,000 rows; a busier country gets a line saying so. */
export const COUNTRY_PAGES_READ = 20;

/**
 * The line under a table read up to {@link COUNTRY_PAGES_READ} pages when more rows match (`more`: a cursor was
 * left), saying how many it shows and how to see the rest; undefined when every matching row was read.
 */
export function moreRowsLine(read: { items: unknown[]; more: boolean }, rows: string, narrow: string): string | undefined {
  return read.more ? `Showing the first ${read.items.length.toLocaleString('en-US')} ${rows}; more match. ${narrow}` : undefined;
}

/** Most steps the "as known at" slider asks for (`GET /v1/flows/changes?steps=`): about one per pixel of its 40rem. */
export const AS_OF_STEPS = 400;

/** A position at which the country's transfer claims changed (`GET /v1/flows/changes`). */
export interface FlowChange {
  position: number;
  recordedAt: string;
}

/** A step of the "as known at" slider: the `asOf` it asks (`''`: now) and what it says. */
export interface AsOfStep {
  asOf: string;
  label: string;
}

/** A recording time as `2026-12-07 21:03:12 UTC`. */
const recorded = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/**
 * The slider's steps, left to right: before the country's first change (nothing known), each position at which its
 * transfer claims changed (oldest first) with its recording time, and now (the position the answers reflect, when
 * known). Only now when it has none. (Over all global positions, ~70 a pixel on China's page after the example, its
 * seven reports all fell within the last pixel.)
 */
export function asOfSteps(changes: FlowChange[], now: number | undefined): AsOfStep[] {
  const last: AsOfStep = { asOf: '', label: now === undefined ? 'now' : `now (position ${now})` };
  if (changes.length === 0) return [last];
  const first = changes[0].position;
  return [
    { asOf: String(first - 1), label: `before position ${first}: nothing known yet` },
    ...changes.map((c) => ({ asOf: String(c.position), label: `position ${c.position}, recorded ${recorded(c.recordedAt)}` })),
    last,
  ];
}

/** The step showing `asOf` (`''`: now, the last), or -1 when none does (a position the steps no longer hold). */
export function stepOf(steps: AsOfStep[], asOf: string): number {
  return asOf === '' ? steps.length - 1 : steps.findIndex((s) => s.asOf === asOf);
}

/** Every category seen so far on a country's page and those of `rows`, sorted: the Category menu keeps its options. */
export function withCategories(seen: string[], categories: string[]): string[] {
  const all = new Set([...seen, ...categories.filter(Boolean)]);
  return all.size === seen.length ? seen : [...all].sort();
}
