/**
 * Retry timing. The Standard Webhooks spec recommends exponential backoff with jitter and honouring `Retry-After`
 * on 429/503 (spec, "Retry schedule"); the default schedule `5s,5m,30m,2h,5h,10h,10h` spans about a day.
 */

/**
 * Delay before the next attempt after `failures` failed attempts (1 = the first attempt failed), or undefined when
 * the schedule is exhausted. `jitter` in [0, 1): the delay is spread uniformly over ±jitter of its nominal value,
 * so that subscribers failing together are not retried in lock step. A `retryAfterMs` from the receiver wins when
 * longer (never beyond `maxRetryAfterMs`).
 * @param schedule delays in ms, one per retry
 * @param random a source in [0, 1) (tests pass a fixed one)
 */
export function nextRetryDelay(
  schedule: readonly number[],
  failures: number,
  options: { jitter?: number; retryAfterMs?: number; maxRetryAfterMs?: number; random?: () => number } = {},
): number | undefined {
  if (failures < 1 || failures > schedule.length) return undefined;
  const jitter = Math.min(Math.max(options.jitter ?? 0, 0), 0.99);
  const random = options.random ?? Math.random;
  const nominal = schedule[failures - 1];
  const delay = Math.round(nominal * (1 + jitter * (2 * random() - 1)));
  const retryAfter = Math.min(options.retryAfterMs ?? 0, options.maxRetryAfterMs ?? 24 * 3_600_000);
  return Math.max(delay, retryAfter);
}

/**
 * A `Retry-After` header in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses `5s,5m,30m,2h` (units ms, s, m, h, d) into ms.
 * @throws Error naming the first entry that is not `<number><unit>`
 */
export function parseRetrySchedule(text: string): number[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('expected at least one delay, e.g. 5s,5m,30m');
  return entries.map((entry) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(entry);
    if (!match) throw new Error(`"${entry}" is not a delay such as 200ms, 5s, 30m, 2h or 1d`);
    return Math.round(Number(match[1]) * UNITS[match[2]]);
  });
}
