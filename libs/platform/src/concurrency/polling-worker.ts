import { Backoff } from './backoff';
import { Wakeup } from './wakeup';

/** What one round of a {@link PollingWorker} may use: whether it is stopping, and a sleep that stop or wake ends. */
export interface PollingRound {
  readonly stopping: boolean;
  sleep(ms: number): Promise<void>;
}

export interface PollingWorkerOptions {
  /** Named in the warning logged when a round fails (e.g. `relay`). */
  name: string;
  /**
   * One round of work; resolves to how long to wait before the next (milliseconds; 0 to go on at once). A wake
   * ({@link PollingWorker.wake}) ends the wait early. A rejection is logged and retried after a backoff.
   */
  round: (worker: PollingRound) => Promise<number>;
  /** Waits after failed rounds: 200 ms doubling to 10 s by default. */
  backoff?: { initialMs: number; maxMs: number };
  logger: { warn(context: object, message: string): void };
}

/**
 * A loop that polls for work until stopped: the outbox relay, the notifier's projection and its delivery
 * dispatcher each run one. `stop()` wakes it, lets the round in hand finish, and resolves when the loop has ended.
 */
export class PollingWorker implements PollingRound {
  private readonly wakeup = new Wakeup();
  private running?: Promise<void>;
  private stopRequested = false;

  constructor(private readonly options: PollingWorkerOptions) {}

  get stopping(): boolean {
    return this.stopRequested;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** New work may be there: end the current wait. */
  wake(): void {
    this.wakeup.wake();
  }

  sleep(ms: number): Promise<void> {
    return this.wakeup.wait(ms);
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wakeup.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 200, maxMs: 10_000 };
    const backoff = new Backoff(initialMs, maxMs);
    while (!this.stopRequested) {
      let wait: number;
      try {
        wait = await this.options.round(this);
        backoff.reset();
      } catch (error) {
        wait = backoff.next();
        this.options.logger.warn(
          { err: error },
          `${this.options.name} interrupted, retrying in ${wait} ms: ${(error as Error)?.message ?? String(error)}`,
        );
      }
      if (wait > 0 && !this.stopRequested) await this.wakeup.wait(wait);
    }
  }
}
