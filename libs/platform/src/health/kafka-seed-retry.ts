import type { RetryOptions } from 'kafkajs';

/**
 * kafkajs retry options for a one-shot probe that should try each seed broker once: kafkajs starts every client at
 * the first seed and moves to the next only on a retry, so a probe with no retries fails for as long as the first
 * seed is down, although the cluster answers (an API started while broker 1 of 3 was down never connected).
 * Other failures are retried as often, 100 ms to 1 s apart.
 */
export function retryEverySeedOnce(brokers: readonly string[]): RetryOptions {
  return { retries: Math.max(0, brokers.length - 1), initialRetryTime: 100, maxRetryTime: 1_000 };
}
