import { COUNTRY_PAGE_SIZE, COUNTRY_PAGES_READ, moreRowsLine } from '../src/country-data';
import { readPages, type Page } from '../src/paging';

/** A fake API list of `total` rows, in pages of `limit` with an offset cursor, recording the paths asked. */
function fakeList(total: number) {
  const asked: string[] = [];
  const get = async (path: string): Promise<Page<number>> => {
    asked.push(path);
    const url = new URL(path, 'http://api');
    const limit = Number(url.searchParams.get('limit'));
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => from + i);
    return { items, nextCursor: from + limit < total ? String(from + limit) : null, position: 7 };
  };
  return { get, asked };
}

describe("the country page's tables: read up to 20 pages of 1,000 rows, and say when more match", () => {
  const path = `/v1/ledgers/CN?limit=${COUNTRY_PAGE_SIZE}&stage=shipped`;
  const narrow = 'Narrow the filters to see the rest.';

  it('reads the first 20,000 of 20,001 rows and says more match (it dropped the rest without a word)', async () => {
    const { get, asked } = fakeList(COUNTRY_PAGES_READ * COUNTRY_PAGE_SIZE + 1);
    const read = await readPages(get, path, COUNTRY_PAGES_READ);
    expect(asked).toHaveLength(20);
    expect(asked[1]).toBe(`${path}&cursor=1000`);
    expect(read.items).toHaveLength(20_000);
    expect(read.items[19_999]).toBe(19_999);
    expect(read).toMatchObject({ more: true, first: { position: 7 } });
    expect(moreRowsLine(read, 'ledger rows', narrow)).toBe(
      'Showing the first 20,000 ledger rows; more match. Narrow the filters to see the rest.',
    );
  });

  it('says nothing when every matching row was read: exactly 20,000, or fewer', async () => {
    for (const total of [20_000, 1_500, 0]) {
      const read = await readPages(fakeList(total).get, path, COUNTRY_PAGES_READ);
      expect(read.items).toHaveLength(total);
      expect(read.more).toBe(false);
      expect(moreRowsLine(read, 'ledger rows', narrow)).toBeUndefined();
    }
  });
});
