import { nextRetryDelay, type SendResult } from '@tm/webhooks';
import type { AttemptOutcome } from './deliveries.sql';

export interface RetryPolicy {
  /** Delays in ms, one per retry (`WEBHOOK_RETRY_SCHEDULE`). */
  schedule: readonly number[];
  /** `WEBHOOK_RETRY_JITTER`. */
  jitter: number;
}

/**
 * Decides what a send leads to. Standard Webhooks ("Retry schedule", "Endpoint failure"): 2xx is success; 410 Gone
 * disables the endpoint at once; any other answer (redirects included), a timeout or a connection error is a
 * failure retried on the schedule with jitter, `Retry-After` honoured when longer; an exhausted schedule fails the
 * delivery and disables the endpoint. A target refused by the SSRF guard is not retried.
 * @param failures failed attempts of the delivery before this one
 */
export function decideOutcome(
  result: SendResult,
  failures: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): AttemptOutcome {
  if (result.refused) return { kind: 'refused', disableReason: `target refused: ${result.error}` };
  const status = result.statusCode;
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'succeeded' };
  if (status === 410) return { kind: 'gone', disableReason: 'the target answered 410 Gone' };
  const delayMs = nextRetryDelay(policy.schedule, failures + 1, { jitter: policy.jitter, retryAfterMs: result.retryAfterMs, random });
  if (delayMs !== undefined) return { kind: 'retry-scheduled', delayMs };
  const last = status !== undefined ? `HTTP ${status}` : result.error;
  return { kind: 'failed', disableReason: `retries exhausted: ${failures + 1} attempts failed, the last with ${last}` };
}
