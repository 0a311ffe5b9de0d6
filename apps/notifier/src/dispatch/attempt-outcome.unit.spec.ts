import { decideOutcome } from './attempt-outcome';

const policy = { schedule: [200, 400, 800], jitter: 0 };

describe('attempt outcome', () => {
  it('succeeds on any 2xx', () => {
    for (const statusCode of [200, 202, 204, 299])
      expect(decideOutcome({ statusCode, latencyMs: 1 }, 0, policy)).toEqual({ kind: 'succeeded' });
  });

  it('disables on 410 and on a refused target, without retrying', () => {
    expect(decideOutcome({ statusCode: 410, latencyMs: 1 }, 0, policy).kind).toBe('gone');
    expect(decideOutcome({ refused: true, error: '10.0.0.1 is private', latencyMs: 0 }, 0, policy)).toEqual({
      kind: 'refused',
      disableReason: 'target refused: 10.0.0.1 is private',
    });
  });

  it('retries 429, 5xx, other 4xx, redirects, timeouts and connection errors on the schedule', () => {
    for (const result of [
      { statusCode: 429 },
      { statusCode: 503 },
      { statusCode: 400 },
      { statusCode: 301 },
      { error: 'timeout after 10 ms' },
      { error: 'ECONNREFUSED' },
    ]) {
      expect(decideOutcome({ ...result, latencyMs: 1 }, 1, policy)).toEqual({ kind: 'retry-scheduled', delayMs: 400 });
    }
  });

  it('waits for a longer Retry-After', () => {
    expect(decideOutcome({ statusCode: 429, retryAfterMs: 5_000, latencyMs: 1 }, 0, policy)).toEqual({
      kind: 'retry-scheduled',
      delayMs: 5_000,
    });
  });

  it('fails and disables once the schedule is exhausted', () => {
    const outcome = decideOutcome({ statusCode: 500, latencyMs: 1 }, 3, policy);
    expect(outcome).toEqual({ kind: 'failed', disableReason: 'retries exhausted: 4 attempts failed, the last with HTTP 500' });
  });
});
