import { asOfSteps, COUNTRY_PAGE_SIZE, COUNTRY_PAGES_READ, moreRowsLine, stepOf, withCategories } from '../src/country-data';
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

describe('the "as known at" slider: a step per position at which the country\'s claims changed, then now', () => {
  // China's page after the example: seven reports at 16429-16441 of 16441 positions (the slider spanned 0-16441, ~70 a pixel).
  const changes = [16429, 16431, 16433, 16441].map((position, i) => ({ position, recordedAt: `2026-12-07T21:03:1${i}.123Z` }));

  it('steps from before the first change (nothing known) through each change to now', () => {
    const steps = asOfSteps(changes, 16441);
    expect(steps.map((s) => s.asOf)).toEqual(['16428', '16429', '16431', '16433', '16441', '']);
    expect(steps[0].label).toBe('before position 16429: nothing known yet');
    expect(steps[1].label).toBe('position 16429, recorded 2026-12-07 21:03:10 UTC');
    expect(steps[5].label).toBe('now (position 16441)');
    expect(asOfSteps(changes, undefined)[5].label).toBe('now');
  });

  it('is only now for a country without transfer claims', () => {
    expect(asOfSteps([], 12)).toEqual([{ asOf: '', label: 'now (position 12)' }]);
  });

  it('finds the step of an asOf: now is the last; a position no step holds is -1', () => {
    const steps = asOfSteps(changes, 16441);
    expect(stepOf(steps, '')).toBe(5);
    expect(stepOf(steps, '16428')).toBe(0);
    expect(stepOf(steps, '16433')).toBe(3);
    expect(stepOf(steps, '16430')).toBe(-1);
  });

  it('keeps every category seen in the Category menu (an empty ledger at a past position emptied it)', () => {
    const seen = withCategories([], ['ml10', 'aircraft', 'ml10', '']);
    expect(seen).toEqual(['aircraft', 'ml10']);
    expect(withCategories(seen, [])).toBe(seen);
    expect(withCategories(seen, ['navigation-and-radar'])).toEqual(['aircraft', 'ml10', 'navigation-and-radar']);
  });
});
