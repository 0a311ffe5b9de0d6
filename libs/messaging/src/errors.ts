/** A message that can never succeed (bad shape, unknown type, rule broken): dead-lettered at once. */
export class PermanentMessageError extends Error {
  constructor(
    message: string,
    readonly kind = 'rejected',
  ) {
    super(message);
  }
}

const transientCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03', // PostgreSQL admin shutdown, crash shutdown, cannot connect now
  '08000',
  '08001',
  '08003',
  '08006', // PostgreSQL connection exceptions
  '40001',
  '40P01', // serialization failure, deadlock: safe to retry
]);

/**
 * True when `error` says a dependency is unavailable rather than that the message is bad:
 * such failures are retried without limit (with backoff) instead of dead-lettering good messages
 * during an outage. Codes from Node's `errno` and PostgreSQL's SQLSTATE classes 08, 40, 57P.
 */
export function isTransientFailure(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, retriable, name, message } = error as { code?: string; retriable?: boolean; name?: string; message?: string };
  if (code && transientCodes.has(code)) return true;
  if (retriable === true) return true; // kafkajs marks broker-side transient errors
  if (name === 'KafkaJSConnectionError' || name === 'KafkaJSRequestTimeoutError' || name === 'KafkaJSNumberOfRetriesExceeded') return true;
  // The last: the process is shutting down and its pool has closed (the work goes to another instance, or after restart).
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end on the pool/i.test(
    message ?? '',
  );
}
