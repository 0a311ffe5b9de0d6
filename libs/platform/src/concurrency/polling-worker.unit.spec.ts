import { Backoff } from './backoff';
import { PollingWorker } from './polling-worker';

describe('Backoff', () => {
  it('doubles from the initial wait to the cap, and starts over after reset', () => {
    const backoff = new Backoff(200, 1_000);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([200, 400, 800, 1_000]);
    backoff.reset();
    expect(backoff.next()).toBe(200);
  });

  it('keeps jittered waits within the jitter of the plain ones', () => {
    const backoff = new Backoff(1_000, 8_000, 0.5);
    for (const plain of [1_000, 2_000, 4_000, 8_000, 8_000]) {
      const wait = backoff.next();
      expect(wait).toBeGreaterThanOrEqual(plain * 0.75);
      expect(wait).toBeLessThanOrEqual(plain);
    }
  });
});

describe('PollingWorker', () => {
  const quiet = { warn: jest.fn() };

  it('runs rounds back to back while they find work, waits as told when they do not, and a wake ends the wait', async () => {
    const rounds: number[] = [];
    const worker = new PollingWorker({
      name: 'test',
      round: async () => (rounds.push(Date.now()), rounds.length < 3 ? 0 : 60_000),
      logger: quiet,
    });
    worker.start();
    while (rounds.length < 3) await new Promise((r) => setTimeout(r, 5));
    worker.wake();
    while (rounds.length < 4) await new Promise((r) => setTimeout(r, 5));
    await worker.stop();
    expect(rounds.length).toBe(4);
  });

  it('backs off after failed rounds (logging each), and resets after a success', async () => {
    const logger = { warn: jest.fn() };
    let calls = 0;
    const worker = new PollingWorker({
      name: 'test',
      backoff: { initialMs: 5, maxMs: 20 },
      round: async () => {
        calls++;
        if (calls <= 4) throw new Error(`down ${calls}`);
        return 60_000;
      },
      logger,
    });
    worker.start();
    while (calls < 5) await new Promise((r) => setTimeout(r, 5));
    await worker.stop();
    expect(logger.warn.mock.calls.map(([, message]) => /retrying in (\d+) ms: (.*)$/.exec(message as string)?.slice(1))).toEqual([
      ['5', 'down 1'],
      ['10', 'down 2'],
      ['20', 'down 3'],
      ['20', 'down 4'],
    ]);
  });

  it('stop lets the round in hand finish and starts no other', async () => {
    let finished = 0;
    let started = 0;
    const worker = new PollingWorker({ name: 'test', round: async (w) => (started++, await w.sleep(50), finished++, 0), logger: quiet });
    worker.start();
    await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    expect([started, finished]).toEqual([1, 1]);
  });
});
