import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/**
 * Server-side request forgery guard for webhook targets. A target may only be http(s), and may not resolve to a
 * private, loopback, link-local (which holds the cloud metadata address 169.254.169.254), unique-local, multicast,
 * reserved or unspecified address: anything ipaddr.js does not classify as `unicast`. Addresses listed in the
 * allow-list (`WEBHOOK_ALLOWED_ADDRESSES`, exact IP addresses) are let through.
 */

/** A target refused: `rule` names the check for the API's error body. */
export class TargetRefusedError extends Error {
  constructor(
    readonly rule: 'httpUrl' | 'publicAddress' | 'resolvableHost',
    message: string,
  ) {
    super(message);
  }
}

/** The allow-list from configuration: comma-separated IP addresses. @throws Error naming an entry that is not one */
export function parseAllowedAddresses(text: string): string[] {
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) if (isIP(entry) === 0) throw new Error(`"${entry}" is not an IP address`);
  return entries;
}

/** Why `address` may not be a webhook target, or undefined when it may. */
export function addressRefusal(address: string, allowed: readonly string[]): string | undefined {
  if (allowed.includes(address)) return undefined;
  const range = ipaddr.parse(address).range();
  return range === 'unicast' ? undefined : `${address} is a ${range} address`;
}

/** The URL when it is an absolute http(s) URL with a host; @throws TargetRefusedError otherwise. */
export function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetRefusedError('httpUrl', 'url must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetRefusedError('httpUrl', `url must use http or https, not ${url.protocol.replace(':', '')}`);
  if (!url.hostname) throw new TargetRefusedError('httpUrl', 'url must name a host');
  if (url.username || url.password) throw new TargetRefusedError('httpUrl', 'url must not carry credentials');
  return url;
}

/**
 * Checks a target when a subscription is created or changed: the scheme, then every address the host resolves to.
 * The check is repeated at connect time by {@link targetAgent} (DNS may change in between).
 * @throws TargetRefusedError
 */
export async function checkTargetUrl(text: string, allowed: readonly string[]): Promise<URL> {
  const url = parseTargetUrl(text);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch (error) {
      throw new TargetRefusedError('resolvableHost', `url host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  for (const address of addresses) {
    const refusal = addressRefusal(address, allowed);
    if (refusal) throw new TargetRefusedError('publicAddress', `url host ${host} is refused: ${refusal}`);
  }
  return url;
}

const agents = new Map<string, { http: RequestFilteringHttpAgent; https: RequestFilteringHttpsAgent }>();

/**
 * The http(s) Agent for a send: request-filtering-agent checks the address actually connected to (after DNS), so a
 * host that resolves to a private address at send time is refused even if it passed {@link checkTargetUrl}.
 * Keep-alive is off: every send connects (and is checked) afresh.
 */
export function targetAgent(url: URL, allowed: readonly string[]): RequestFilteringHttpAgent | RequestFilteringHttpsAgent {
  const key = allowed.join(',');
  let pair = agents.get(key);
  if (!pair) {
    const options = { keepAlive: false, allowPrivateIPAddress: false, allowMetaIPAddress: false, allowIPAddressList: [...allowed] };
    pair = { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options) };
    agents.set(key, pair);
  }
  return url.protocol === 'https:' ? pair.https : pair.http;
}
