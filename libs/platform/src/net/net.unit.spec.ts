import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadEnvironment, ConfigurationError } from '../config/environment';
import { addressRefusal, isAllowedAddress, parseAllowedAddresses } from './address-allow-list';
import { AddressRefusedError, guardedAgent, isAddressRefused } from './guarded-agent';

describe('allow-list entries', () => {
  it('takes IP addresses and CIDR ranges, trimmed, blanks ignored', () => {
    expect(parseAllowedAddresses(' 127.0.0.1, 10.0.0.0/8 ,,fd00::/8, ::1 ')).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1']);
    expect(parseAllowedAddresses('')).toEqual([]);
  });

  it('names the entry that is neither an address nor a range', () => {
    expect(() => parseAllowedAddresses('127.0.0.1,localhost')).toThrow('"localhost" is not an IP address or CIDR range');
    expect(() => parseAllowedAddresses('10.0.0.0/33')).toThrow('"10.0.0.0/33"');
    expect(() => parseAllowedAddresses('fd00::/129')).toThrow('"fd00::/129"');
    expect(() => parseAllowedAddresses('10.0.0.0/')).toThrow('"10.0.0.0/"');
    expect(() => parseAllowedAddresses('127.1')).toThrow('"127.1"');
    expect(() => parseAllowedAddresses('10.0.0.1/8')).toThrow('"10.0.0.1/8" has address bits set after the /8 prefix');
  });

  it('matches addresses in ranges, IPv4-mapped IPv6 as the IPv4 address it carries', () => {
    expect(isAllowedAddress('10.20.30.40', ['10.0.0.0/8'])).toBe(true);
    expect(isAllowedAddress('11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(isAllowedAddress('fd12::1', ['fd00::/8'])).toBe(true);
    expect(isAllowedAddress('fe80::1', ['fd00::/8'])).toBe(false);
    expect(isAllowedAddress('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isAllowedAddress('10.1.2.3', ['::ffff:10.0.0.0/104'])).toBe(true);
    expect(isAllowedAddress('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(isAllowedAddress('127.0.0.2', ['127.0.0.1'])).toBe(false);
    expect(isAllowedAddress('::1', ['127.0.0.0/8'])).toBe(false);
  });
});

describe('addressRefusal', () => {
  it('refuses private, loopback, link-local, metadata and other non-public addresses', () => {
    for (const address of [
      '10.0.0.1',
      '127.0.0.1',
      '169.254.169.254',
      '192.168.1.1',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
      '0.0.0.0',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::a9fe:a9fe',
      '::7f00:1',
      'localhost',
    ]) {
      expect(addressRefusal(address, [])).toBeDefined();
    }
    expect(addressRefusal('169.254.169.254', [])).toBe('169.254.169.254 is a linkLocal address');
    expect(addressRefusal('::ffff:127.0.0.1', [])).toBe('::ffff:127.0.0.1 is a loopback address');
  });

  it('lets public addresses through, and non-public ones the allow-list names', () => {
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34'])
      expect(addressRefusal(address, [])).toBeUndefined();
    expect(addressRefusal('127.0.0.1', ['127.0.0.1'])).toBeUndefined();
    expect(addressRefusal('10.9.8.7', ['10.0.0.0/8'])).toBeUndefined();
    expect(addressRefusal('::ffff:10.9.8.7', ['10.0.0.0/8'])).toBeUndefined();
    expect(addressRefusal('fd00::5', ['fd00::/8'])).toBeUndefined();
    expect(addressRefusal('192.168.0.1', ['10.0.0.0/8'])).toBe('192.168.0.1 is a private address');
  });
});

describe('WEBHOOK_ALLOWED_ADDRESSES', () => {
  const base = { DATABASE_URL: 'postgres://u:p@localhost:5432/tm', KAFKA_BROKERS: 'a:9092' };

  it('reads addresses and ranges', () => {
    expect(loadEnvironment({ ...base, WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).WEBHOOK_ALLOWED_ADDRESSES).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
  });

  it('fails validation naming the bad entry', () => {
    expect(() => loadEnvironment({ ...base, WEBHOOK_ALLOWED_ADDRESSES: '10.0.0.0/8,192.168.0.0/40' })).toThrow(
      new ConfigurationError(
        'invalid configuration: WEBHOOK_ALLOWED_ADDRESSES: "192.168.0.0/40" is not an IP address or CIDR range (prefix length out of range)',
      ),
    );
  });
});

describe('guardedAgent (connect-time check)', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** GETs `url` through the agent for `allowed`: the body, or the error the request failed with. */
  function fetchVia(url: string, allowed: string[]): Promise<string | Error> {
    return new Promise((resolve) => {
      const req = get(url, { agent: guardedAgent(new URL(url), allowed) }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', resolve);
    });
  }

  it('refuses a literal loopback address, and a name resolving to one, as AddressRefusedError', async () => {
    const literal = await fetchVia(`http://127.0.0.1:${port}/`, []);
    expect(literal).toBeInstanceOf(AddressRefusedError);
    expect((literal as Error).message).toBe('connection to 127.0.0.1 refused: 127.0.0.1 is a loopback address');
    const named = await fetchVia(`http://localhost:${port}/`, []);
    expect(isAddressRefused(named)).toBe(true);
    expect((named as AddressRefusedError).host).toBe('localhost');
  });

  it('connects when the allow-list names the address or a range holding it', async () => {
    expect(await fetchVia(`http://127.0.0.1:${port}/`, ['127.0.0.1'])).toBe('ok');
    expect(await fetchVia(`http://127.0.0.1:${port}/`, ['127.0.0.0/8'])).toBe('ok');
    expect(await fetchVia(`http://localhost:${port}/`, ['127.0.0.0/8', '::1'])).toBe('ok');
    expect(isAddressRefused(await fetchVia(`http://127.0.0.1:${port}/`, ['10.0.0.0/8']))).toBe(true);
  });
});
