import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressRefusal } from './address-allow-list';

/** Why a host may not be requested: `rule` names the check for an API error body. */
export interface HostRefusal {
  /** `resolvableHost`: DNS gave no address; `publicAddress`: an address is not public and not allowed. */
  rule: 'resolvableHost' | 'publicAddress';
  /** e.g. `host metadata.internal is refused: 169.254.169.254 is a linkLocal address` */
  message: string;
}

/**
 * Checks, before a request is accepted, every address `host` (a URL's `hostname`; an IPv6 literal may keep its
 * brackets) is or resolves to, with {@link addressRefusal}. A pre-flight check only: DNS may answer differently
 * when the request is made, so connect through {@link guardedAgent} too.
 * @returns the refusal, or undefined when every address may be connected to
 */
export async function hostRefusal(host: string, allowed: readonly string[]): Promise<HostRefusal | undefined> {
  const name = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(name) !== 0) {
    addresses = [name];
  } else {
    try {
      addresses = (await lookup(name, { all: true, verbatim: true })).map((a) => a.address);
    } catch (error) {
      return {
        rule: 'resolvableHost',
        message: `host ${name} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      };
    }
  }
  for (const address of addresses) {
    const refusal = addressRefusal(address, allowed);
    if (refusal) return { rule: 'publicAddress', message: `host ${name} is refused: ${refusal}` };
  }
  return undefined;
}
