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
