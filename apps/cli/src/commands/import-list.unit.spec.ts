import type { ApiClient } from '../api-client';
import type { CliIo } from '../io';
import { importList } from './import-list';

/** An API whose import command stays pending for `polls` polls, then succeeds. */
function fakeApi(polls: number): ApiClient {
  let asked = 0;
  return {
    post: async () => ({ status: 202, headers: new Headers(), body: { commandId: 'c-1' } }),
    get: async (path: string) => {
      if (path.startsWith('v1/commands/'))
        return {
          status: 200,
          headers: new Headers(),
          body: { commandId: 'c-1', aggregateId: 'ofac-sdn', status: ++asked > polls ? 'succeeded' : 'pending' },
        };
      return { status: 200, headers: new Headers(), body: { items: [{ listId: 'ofac-sdn', version: '2024-05-03', entryCount: 18_000 }] } };
    },
  } as unknown as ApiClient;
}

describe('import-list progress', () => {
  it('says, without a terminal, what stage the import is in and for how long, while it runs (it printed nothing)', async () => {
    const err: string[] = [];
    const io: CliIo = { out: () => undefined, err: (text) => void err.push(text), env: {}, interactive: false };
    const summary = await importList(fakeApi(8), io, 'ofac-sdn', ['data/sanctions/sdn.csv'], { progressEveryMs: 200 });
    expect(summary).toMatch(/^imported ofac-sdn version 2024-05-03: 18000 entries in \d+\.\d s$/);
    expect(err[0]).toMatch(/^importing ofac-sdn: asking the API… \d+ s$/);
    expect(err[1]).toMatch(
      /^importing ofac-sdn: accepted \(command c-1\); the processor is fetching, reading and storing the list… \d+ s$/,
    );
    // While the command is pending, the line comes again (every progressEveryMs).
    expect(err.filter((line) => line.includes('the processor is fetching')).length).toBeGreaterThanOrEqual(2);
    expect(err[err.length - 1]).toMatch(/^importing ofac-sdn: succeeded \d+ s$/);
  });
});

describe('import-list --allow-older', () => {
  it('sends allowOlder only when asked (the processor refuses a version older than the one in force without it)', async () => {
    const bodies: unknown[] = [];
    const api = fakeApi(0);
    const post = api.post.bind(api);
    api.post = (async (path: string, body: unknown) => {
      bodies.push(body);
      return post(path, body);
    }) as typeof api.post;
    const io: CliIo = { out: () => undefined, err: () => undefined, env: {}, interactive: false };
    await importList(api, io, 'ofac-sdn', ['sdn.csv'], { version: '2021-07-07', allowOlder: true });
    await importList(api, io, 'ofac-sdn', ['sdn.csv'], { version: '2021-07-07' });
    expect(bodies).toEqual([
      { source: 'sdn.csv', version: '2021-07-07', allowOlder: true },
      { source: 'sdn.csv', version: '2021-07-07' },
    ]);
  });
});
