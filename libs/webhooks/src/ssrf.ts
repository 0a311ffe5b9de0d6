import type { Agent } from 'node:http';
import { guardedAgent, hostRefusal } from '@tm/platform';

/**
 * Server-side request forgery guard for webhook targets. A target may only be http(s), and may not resolve to a
 * private, loopback, link-local (which holds the cloud metadata address 169.254.169.254), unique-local, multicast,
 * reserved or unspecified address (see `addressRefusal` in @tm/platform). Addresses in the allow-list
 * (`WEBHOOK_ALLOWED_ADDRESSES`: IP addresses and CIDR ranges) are let through.
 */

export { addressRefusal, parseAllowedAddresses } from '@tm/platform';

/** A target refused: `rule` names the check for the API's error body. */
export class TargetRefusedError extends Error {
  constructor(
    readonly rule: 'httpUrl' | 'publicAddress' | 'resolvableHost',
    message: string,
  ) {
    super(message);
  }
}

/** The URL when it is an absolute http(s) URL with a host; @throws TargetRefusedError otherwise. */
export function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetRefusedError('httpUrl', 'url must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TargetRefusedError('httpUrl', `url must use http or https, not ${url.protocol.replace(':', '')}`);
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
  const refusal = await hostRefusal(url.hostname, allowed);
  if (refusal) throw new TargetRefusedError(refusal.rule, `url ${refusal.message}`);
  return url;
}

/**
 * The http(s) Agent for a send: it checks the address actually connected to (after DNS) against the same rules and
 * allow-list (ranges included), so a host that resolves to a private address at send time is refused even if it
 * passed {@link checkTargetUrl}. Keep-alive is off: every send connects (and is checked) afresh.
 */
export function targetAgent(url: URL, allowed: readonly string[]): Agent {
  return guardedAgent(url, allowed);
}
