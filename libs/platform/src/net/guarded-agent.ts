import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { isIP, Socket, type LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import { addressRefusal } from './address-allow-list';

/** `code` of {@link AddressRefusedError}. */
export const ADDRESS_REFUSED = 'ERR_ADDRESS_REFUSED';

/** A connection the guard refused: `host` resolved to (or is) `address`, which is not public and not allowed. */
export class AddressRefusedError extends Error {
  readonly code = ADDRESS_REFUSED;

  constructor(
    readonly host: string,
    readonly address: string,
    reason: string,
  ) {
    super(host === address ? `connection to ${host} refused: ${reason}` : `connection to ${host} (${address}) refused: ${reason}`);
    this.name = 'AddressRefusedError';
  }
}

/** True for the error a request through a {@link guardedAgent} fails with when its address is refused. */
export function isAddressRefused(error: unknown): error is AddressRefusedError {
  return error instanceof AddressRefusedError || (error as { code?: unknown } | null)?.code === ADDRESS_REFUSED;
}

type ConnectCallback = (err: Error | null, stream: Duplex) => void;
type Connect = (options: ClientRequestArgs, callback?: ConnectCallback) => Duplex | null | undefined;

/**
 * Checks the address actually connected to: a literal IP host before connecting, a name after DNS (every address it
 * resolves to, as the pre-flight checks do). Refusals reach the request's `error` event as {@link AddressRefusedError}.
 */
function guardedConnection(
  allowed: readonly string[],
  options: ClientRequestArgs,
  callback: ConnectCallback | undefined,
  connect: Connect,
) {
  const host = options.host ?? 'localhost';
  const refusal = isIP(host) !== 0 ? addressRefusal(host, allowed) : undefined;
  if (refusal) {
    const error = new AddressRefusedError(host, host, refusal);
    const socket = new Socket();
    if (callback) callback(error, socket);
    else socket.destroy(error);
    return socket;
  }
  return connect({ ...options, lookup: guardedLookup(allowed, options.lookup ?? (dnsLookup as LookupFunction)) }, callback);
}

function guardedLookup(allowed: readonly string[], lookup: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, result) => {
      if (error) return callback(error, '');
      const addresses = result as LookupAddress[];
      for (const { address } of addresses) {
        const refusal = addressRefusal(address, allowed);
        if (refusal) return callback(new AddressRefusedError(hostname, address, refusal), '');
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}

class GuardedHttpAgent extends HttpAgent {
  constructor(private readonly allowed: readonly string[]) {
    super({ keepAlive: false });
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectCallback): Duplex | null | undefined {
    return guardedConnection(this.allowed, options, callback, (o, cb) => super.createConnection(o, cb));
  }
}

class GuardedHttpsAgent extends HttpsAgent {
  constructor(private readonly allowed: readonly string[]) {
    super({ keepAlive: false });
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectCallback): Duplex | null | undefined {
    return guardedConnection(this.allowed, options, callback, (o, cb) => super.createConnection(o, cb));
  }
}

const agents = new Map<string, { http: HttpAgent; https: HttpsAgent }>();

/**
 * The node:http(s) Agent for a request to `url` that refuses, at connect time, addresses that are not public unless
 * `allowed` lets them through (see {@link addressRefusal}): DNS may answer differently than when the URL was
 * checked. Keep-alive is off, so every request connects, and is checked, afresh. One agent per protocol and list.
 */
export function guardedAgent(url: URL, allowed: readonly string[]): HttpAgent {
  const key = allowed.join(',');
  let pair = agents.get(key);
  if (!pair) {
    pair = { http: new GuardedHttpAgent([...allowed]), https: new GuardedHttpsAgent([...allowed]) };
    agents.set(key, pair);
  }
  return url.protocol === 'https:' ? pair.https : pair.http;
}
