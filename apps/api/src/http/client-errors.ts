import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** How Node's HTTP parser refused a request, by its error code: status, the part named, the rule. */
const REFUSALS: Record<string, { status: number; path: string; rule: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    path: 'headers',
    rule: 'maxHeaderSize',
    message: 'the request line and headers together are over the size this server reads (16 kB); send a shorter URL or fewer headers',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    path: 'request',
    rule: 'requestTimeout',
    message: 'the request did not arrive in full within the time this server waits for one',
  },
};
const MALFORMED = { status: 400, path: 'request', rule: 'httpSyntax', message: 'the request is not well-formed HTTP/1.1' };

/**
 * Answers what Node's HTTP parser refuses before any route sees it (headers over the size limit: 431; a request past
 * its timeout: 408; bytes that are not HTTP: 400) with the error body every other refusal has
 * (`{ statusCode, error, message, errors: [{ path, rule, message }] }`), then closes the connection. Node's own
 * answer had an empty body. A socket already closed or reset is just destroyed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    // As Node's own handler: nothing written over an answer already under way.
    const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (error.code === 'ECONNRESET' || !socket.writable || answering) {
      socket.destroy();
      return;
    }
    const refusal = REFUSALS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({
      statusCode: refusal.status,
      error: STATUS_CODES[refusal.status],
      message: refusal.message,
      errors: [{ path: refusal.path, rule: refusal.rule, message: refusal.message }],
    });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
