import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ListSourceError } from './confined-path';
import { checkListUrl, fetchListSources, type FetchOptions } from './fetch-source';

/** Downloads from a server on 127.0.0.1: the SSRF guard refuses it unless the allow-list names it. */
describe('list downloads and the SSRF guard', () => {
  let server: Server;
  let base: string;
  const csv = Buffer.from('1,"DOE, John",individual\n');
  const options = (allowedAddresses?: string[], more: Partial<FetchOptions> = {}): FetchOptions => ({
    importDir: '/nonexistent',
    maxBytes: 1_000,
    timeoutMs: 5_000,
    ...(allowedAddresses ? { allowedAddresses } : {}),
    ...more,
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '';
      const redirect = /^\/redirect\?to=(.*)$/.exec(path);
      if (redirect) {
        res.writeHead(302, { location: decodeURIComponent(redirect[1]!) });
        res.end();
      } else if (path === '/loop') {
        res.writeHead(301, { location: '/loop' });
        res.end();
      } else if (path === '/ofac/sdn.csv' || path === '/ofac/alt.csv') {
        res.writeHead(200, { 'content-type': 'text/csv', 'last-modified': 'Fri, 03 May 2024 12:00:00 GMT' });
        res.end(csv);
      } else if (path === '/list.csv.gz') {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(gzipSync(csv));
      } else if (path === '/bomb.gz') {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(gzipSync(Buffer.alloc(100_000)));
      } else if (path === '/silent') {
        // never answers
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );

  it('refuses a loopback URL without an allow-list, naming the rule, the address and the variable', async () => {
    const error = await failure(fetchListSources([`${base}/ofac/sdn.csv`], options()));
    expect(error).toBeInstanceOf(ListSourceError);
    expect(error).toMatchObject({ rule: 'publicAddress', message: expect.stringContaining('127.0.0.1 is a loopback address') });
    expect((error as Error).message).toContain('SANCTIONS_DOWNLOAD_ALLOWED_ADDRESSES');
  });

  it('downloads from an allowed address or range, OFAC siblings too (a missing one skipped)', async () => {
    const files = await fetchListSources([`${base}/ofac/sdn.csv`], options(['127.0.0.1']), true);
    expect(files.map((f) => f.name)).toEqual(['sdn.csv', 'alt.csv']);
    expect(files[0]).toEqual({ name: 'sdn.csv', bytes: csv, date: '2024-05-03' });
    expect(await fetchListSources([`${base}/ofac/sdn.csv`], options(['127.0.0.0/8']))).toHaveLength(1);
    expect(await failure(fetchListSources([`${base}/ofac/sdn.csv`], options(['10.0.0.0/8'])))).toMatchObject({ rule: 'publicAddress' });
  });

  it('checks every redirect: the scheme, and the address at connect time', async () => {
    const via = (to: string) => `${base}/redirect?to=${encodeURIComponent(to)}`;
    expect((await fetchListSources([via('/ofac/sdn.csv')], options(['127.0.0.1'])))[0]!.bytes).toEqual(csv);
    const port = new URL(base).port;
    expect(await failure(fetchListSources([via(`http://127.0.0.2:${port}/ofac/sdn.csv`)], options(['127.0.0.1'])))).toMatchObject({
      rule: 'publicAddress',
      message: expect.stringContaining('127.0.0.2'),
    });
    expect(await failure(fetchListSources([via('http://169.254.169.254/latest/meta-data/')], options(['127.0.0.1'])))).toMatchObject({
      rule: 'publicAddress',
      message: expect.stringContaining('169.254.169.254 is a linkLocal address'),
    });
    expect(await failure(fetchListSources([via('file:///etc/passwd')], options(['127.0.0.1'])))).toMatchObject({ rule: 'httpUrl' });
    expect(await failure(fetchListSources([`${base}/loop`], options(['127.0.0.1'])))).toMatchObject({
      rule: 'download',
      message: expect.stringContaining('more than 5'),
    });
  });

  it('decodes gzip bodies, capping the decoded size, and times out a silent server', async () => {
    expect((await fetchListSources([`${base}/list.csv.gz`], options(['127.0.0.1'])))[0]!.bytes).toEqual(csv);
    expect(await failure(fetchListSources([`${base}/bomb.gz`], options(['127.0.0.1'])))).toMatchObject({ rule: 'maxBytes' });
    expect(await failure(fetchListSources([`${base}/missing.csv`], options(['127.0.0.1'])))).toMatchObject({
      rule: 'download',
      message: expect.stringContaining('HTTP 404'),
    });
    expect(await failure(fetchListSources([`${base}/silent`], options(['127.0.0.1'], { timeoutMs: 200 })))).toMatchObject({
      rule: 'timeout',
    });
  });

  it('checks a URL when the import is requested: scheme, resolution and addresses', async () => {
    expect(await failure(checkListUrl('http://169.254.169.254/latest/meta-data/', []))).toMatchObject({ rule: 'publicAddress' });
    expect(await failure(checkListUrl('http://[::ffff:10.0.0.1]/list.csv', []))).toMatchObject({ rule: 'publicAddress' });
    expect(await failure(checkListUrl('http://localhost/list.csv', []))).toMatchObject({ rule: 'publicAddress' });
    expect(await failure(checkListUrl('ftp://example.org/list.csv', []))).toMatchObject({ rule: 'httpUrl' });
    expect(await failure(checkListUrl('http://no-such-host.invalid/list.csv', []))).toMatchObject({ rule: 'resolvableHost' });
    await expect(checkListUrl(`${base}/ofac/sdn.csv`, ['127.0.0.1'])).resolves.toBeInstanceOf(URL);
    await expect(checkListUrl('https://93.184.216.34/list.csv', [])).resolves.toBeInstanceOf(URL);
  });
});
