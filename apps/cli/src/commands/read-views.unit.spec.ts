import type { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import type { CliIo } from '../io';
import { alertsCommand, fetchTimeline } from './read-views';

/** An API answering every GET with pages of `pageSize` numbered items, `total` in all; records the paths asked. */
function pagedApi(total: number, pageSize: number, asked: string[] = []): ApiClient {
  return {
    get: async (path: string) => {
      asked.push(path);
      const start = Number(new URL(path, 'http://x/').searchParams.get('cursor') ?? 0);
      const items = Array.from({ length: Math.min(pageSize, total - start) }, (_, i) => ({ n: start + i }));
      const next = start + items.length;
      return { status: 200, headers: new Headers(), body: { items, nextCursor: next < total ? String(next) : null } };
    },
  } as unknown as ApiClient;
}

describe('timeline --limit', () => {
  it.each(['abc', '0', '-3', '2.5'])(
    'refuses %s before asking the API, naming --limit (abc printed an empty timeline with exit code 0)',
    async (limit) => {
      const asked: string[] = [];
      const refused = fetchTimeline(pagedApi(10, 5, asked), 'CN', { limit });
      await expect(refused).rejects.toThrow(CliError);
      await expect(refused).rejects.toThrow(/--limit/);
      expect(asked).toEqual([]);
    },
  );

  it('reads at most that many entries, following the cursor', async () => {
    const timeline = await fetchTimeline(pagedApi(10, 3), 'CN', { limit: '7' });
    expect(timeline.items).toHaveLength(7);
  });
});

describe('alerts past the first 1000', () => {
  it('says on stderr that it printed the first 1000 of more (it dropped the rest silently)', async () => {
    const err: string[] = [];
    const out: string[] = [];
    const io: CliIo = { out: (text) => void out.push(text), err: (text) => void err.push(text), env: {}, interactive: false };
    await alertsCommand(pagedApi(1200, 200), io, true, {});
    expect(JSON.parse(out.join(''))).toHaveLength(1000);
    expect(err.join('\n')).toMatch(/first 1000 alerts/);
  });

  it('says nothing more when every alert was read', async () => {
    const err: string[] = [];
    const io: CliIo = { out: () => undefined, err: (text) => void err.push(text), env: {}, interactive: false };
    await alertsCommand(pagedApi(1000, 200), io, true, {});
    expect(err).toEqual([]);
  });
});
