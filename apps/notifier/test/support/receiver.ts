import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got. */
export interface ReceivedWebhook {
  path: string;
  webhookId: string;
  timestamp: string;
  signature: string;
  /** The raw body, as received. */
  body: string;
  /** Set when one of the endpoint's secrets verified the request (standardwebhooks verifier). */
  payload?: { type: string; timestamp: string; data: Record<string, unknown> };
  verifiedWith: string[];
  headers: IncomingHttpHeaders;
}

/** How an endpoint answers its nth request (1-based). Default: 204 once verified, 401 otherwise. */
export type Responder = (n: number, request: ReceivedWebhook) => { status: number; headers?: Record<string, string>; body?: string };

interface Endpoint {
  secrets: string[];
  respond?: Responder;
  received: ReceivedWebhook[];
}

/**
 * A real subscriber on 127.0.0.1 (node:http): each path is an endpoint with its secrets; every request is verified
 * with `new Webhook(secret).verify(body, headers)` against each secret and recorded with the secrets that verified.
 */
export class WebhookReceiver {
  private readonly endpoints = new Map<string, Endpoint>();
  private server?: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const endpoint = this.endpoint(path);
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = {
          'webhook-id': String(req.headers['webhook-id'] ?? ''),
          'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
          'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
        };
        const received: ReceivedWebhook = {
          path,
          webhookId: headers['webhook-id'],
          timestamp: headers['webhook-timestamp'],
          signature: headers['webhook-signature'],
          body,
          verifiedWith: [],
          headers: req.headers,
        };
        for (const secret of endpoint.secrets) {
          try {
            received.payload = new Webhook(secret).verify(body, headers) as ReceivedWebhook['payload'];
            received.verifiedWith.push(secret);
          } catch {
            // not this secret
          }
        }
        endpoint.received.push(received);
        const answer = endpoint.respond
          ? endpoint.respond(endpoint.received.length, received)
          : { status: received.verifiedWith.length > 0 ? 204 : 401 };
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** `http://127.0.0.1:<port><path>` */
  url(path: string): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}${path}`;
  }

  endpoint(path: string): Endpoint {
    let endpoint = this.endpoints.get(path);
    if (!endpoint) {
      endpoint = { secrets: [], received: [] };
      this.endpoints.set(path, endpoint);
    }
    return endpoint;
  }
}

/** Polls `read` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(read: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
