import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isAddressRefused } from '@tm/platform';
import { parseRetryAfter } from './retry-schedule';
import { parseTargetUrl, targetAgent, TargetRefusedError } from './ssrf';

/** The outcome of one POST. */
export interface SendResult {
  /** The response's status, absent when no response arrived (timeout, refused, connection error). */
  statusCode?: number;
  latencyMs: number;
  /** Why there was no usable response: `timeout after 10000 ms`, `ECONNREFUSED`, … */
  error?: string;
  /** The target was refused by the SSRF guard (scheme or address); nothing was sent. */
  refused?: boolean;
  /** The start of the response body (UTF-8, at most `excerptBytes`). */
  responseExcerpt?: string;
  /** From `Retry-After`, in ms. */
  retryAfterMs?: number;
}

export interface SendOptions {
  /** Whole-exchange deadline: connect, send, response headers and the (capped) body read. */
  timeoutMs: number;
  /** Bytes of the response body read at most; the rest is discarded and the connection closed. */
  maxResponseBytes: number;
  /** Bytes of the response kept as the attempt's excerpt. */
  excerptBytes?: number;
  allowedAddresses: readonly string[];
  userAgent?: string;
}

/**
 * POSTs `body` (exact bytes, `Content-Type: application/json`) with `headers` to `url` and reports what happened.
 * Never throws: a failure is in `error`. Redirects are not followed (node:http never follows them; a 3xx is a
 * failed attempt, as the Standard Webhooks spec asks). The address connected to is checked at connect time.
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  let target: URL;
  try {
    target = parseTargetUrl(url);
  } catch (error) {
    return { latencyMs: 0, refused: true, error: (error as TargetRefusedError).message };
  }
  const bytes = Buffer.from(body, 'utf8');
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: latency() });
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let req: ReturnType<typeof httpRequest>;
    try {
      req = send(target, {
        method: 'POST',
        agent: targetAgent(target, options.allowedAddresses),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(bytes.length),
          'user-agent': options.userAgent ?? 'transfer-monitor-webhooks/1',
        },
      });
    } catch (error) {
      // node:http throws synchronously for options it cannot use (e.g. a header value); nothing was sent.
      resolve({ latencyMs: latency(), error: (error as Error).message, refused: isAddressRefused(error) || undefined });
      return;
    }
    const timer = setTimeout(() => {
      finish({ error: `timeout after ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const refused = isAddressRefused(error);
      finish({ error: refused ? error.message : (error.code ?? error.message), refused: refused || undefined });
    });
    req.on('response', (res: IncomingMessage) =>
      readCapped(res, options, (excerpt) => {
        const retryAfter = res.headers['retry-after'];
        finish({
          statusCode: res.statusCode,
          responseExcerpt: excerpt,
          retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
        });
      }),
    );
    req.end(bytes);
  });
}

/** Reads at most `maxResponseBytes` of the body, then stops (destroying the socket if more was coming). */
function readCapped(res: IncomingMessage, options: SendOptions, done: (excerpt: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const end = () =>
    done(
      Buffer.concat(chunks)
        .subarray(0, options.excerptBytes ?? 1_024)
        .toString('utf8'),
    );
  res.on('data', (chunk: Buffer) => {
    const room = options.maxResponseBytes - size;
    chunks.push(chunk.subarray(0, Math.max(room, 0)));
    size += chunk.length;
    if (size >= options.maxResponseBytes) {
      res.destroy();
      end();
    }
  });
  res.on('end', end);
  res.on('error', end);
  res.on('close', end);
}
