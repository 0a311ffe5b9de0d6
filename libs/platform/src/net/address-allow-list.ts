import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Address classification for server-side request forgery guards (webhook targets, list downloads). An address is
 * refused unless it is public: anything ipaddr.js does not classify as `unicast` (private, loopback, link-local with
 * the cloud metadata address 169.254.169.254, unique-local, multicast, reserved, unspecified, NAT64…), and IPv6
 * outside the global unicast block 2000::/3. An allow-list of addresses and CIDR ranges lets chosen ones through.
 * IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) are judged as the IPv4 address they carry.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * An allow-list from configuration: comma-separated IP addresses (`127.0.0.1`, `::1`) and CIDR ranges
 * (`10.0.0.0/8`, `fd00::/8`, `::ffff:10.0.0.0/104` for the IPv4 range it maps); blanks are ignored.
 * @returns the entries, trimmed, as given
 * @throws Error naming the first entry that is neither, or a range with bits set after its prefix (`10.0.0.1/8`)
 */
export function parseAllowedAddresses(text: string): string[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) parseEntry(entry);
  return entries;
}

/** True when `address` (an IP address) is one of `allowed` or lies in one of its ranges. */
export function isAllowedAddress(address: string, allowed: readonly string[]): boolean {
  const target = ipaddr.process(address);
  return allowed.some((entry) => {
    const [network, bits] = parseEntry(entry);
    return network.kind() === target.kind() && target.match(network, bits);
  });
}

/**
 * Why `address` may not be connected to, e.g. `10.0.0.1 is a private address`, or undefined when it may: it is
 * public, or allowed by `allowed` (entries as returned by {@link parseAllowedAddresses}).
 */
export function addressRefusal(address: string, allowed: readonly string[]): string | undefined {
  if (isIP(address) === 0) return `${address} is not an IP address`;
  if (isAllowedAddress(address, allowed)) return undefined;
  const target = ipaddr.process(address);
  const range = target.range();
  if (range !== 'unicast') return `${address} is a ${range} address`;
  if (target.kind() === 'ipv6' && !target.match(GLOBAL_UNICAST_V6)) return `${address} is outside the global unicast range 2000::/3`;
  return undefined;
}

/** One entry as a range (an address is a /32 or /128); IPv4-mapped ranges become IPv4 ranges. @throws Error */
function parseEntry(entry: string): Range {
  const slash = entry.indexOf('/');
  // node:net is stricter than ipaddr.js, which also reads `127.1` or `0x7f.0.0.1`.
  if (isIP(slash < 0 ? entry : entry.slice(0, slash)) === 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
  if (slash < 0) {
    const address = ipaddr.process(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  }
  let range: Range;
  try {
    range = ipaddr.parseCIDR(entry);
  } catch {
    throw new Error(`"${entry}" is not an IP address or CIDR range (prefix length out of range)`);
  }
  const [network, bits] = range;
  // A typo such as 10.0.0.1/8 for 10.0.0.1/32 would silently allow a whole network.
  if (!hostBitsClear(network.toByteArray(), bits)) throw new Error(`"${entry}" has address bits set after the /${bits} prefix`);
  if (network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96)
    return [(network as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return range;
}

function hostBitsClear(bytes: number[], bits: number): boolean {
  return bytes.every((byte, i) => {
    const kept = Math.min(Math.max(bits - i * 8, 0), 8);
    return (byte & (0xff >> kept)) === 0;
  });
}
