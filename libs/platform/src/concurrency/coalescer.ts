/** An item waiting in a {@link Coalescer}; `withdraw` takes it out if its batch has not started. */
export interface Pending {
  /** @returns true when the item was still queued and is now removed (it will never be handled). */
  withdraw(): boolean;
}

/**
 * Runs concurrent requests in batches: while one batch is being handled, new items queue, and the next batch takes
 * all of them (up to `maxBatch`). Under light load every item goes alone at once (no added latency); under heavy
 * load one round trip serves many (a Kafka produce request or a database commit per batch, not per item).
 * `handle` settles the whole batch: when it throws, every item of the batch is rejected with that error.
 */
export class Coalescer<T> {
  private readonly queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly handle: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  /** Queues an item; the promise settles with its batch. */
  submit(item: T): Promise<void> & Pending {
    let entry!: (typeof this.queue)[number];
    const done = new Promise<void>((resolve, reject) => {
      entry = { item, resolve, reject };
    });
    this.queue.push(entry);
    if (!this.running) void this.drain();
    return Object.assign(done, {
      withdraw: () => {
        const index = this.queue.indexOf(entry);
        if (index < 0) return false;
        this.queue.splice(index, 1);
        return true;
      },
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.handle(batch.map((b) => b.item));
          batch.forEach((b) => b.resolve());
        } catch (error) {
          batch.forEach((b) => b.reject(error));
        }
      }
    } finally {
      this.running = false;
    }
  }
}
