/** A sleep that ends early when {@link wake} is called (a notification arrived, or shutdown began). */
export class Wakeup {
  private pending?: () => void;
  private woken = false;

  wake(): void {
    this.woken = true;
    this.pending?.();
  }

  /** Resolves after `ms`, or at once if woken since the last wait. */
  wait(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pending = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pending = done;
    });
  }
}
