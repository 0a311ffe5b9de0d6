/**
 * Capped exponential backoff: `next()` gives `initialMs`, then doubles up to `maxMs` (milliseconds), each with
 * `jitter` (0–1) of it drawn at random so that restarted workers do not retry in step; `reset()` after a success.
 */
export class Backoff {
  private current: number;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly jitter = 0,
  ) {
    this.current = initialMs;
  }

  /** The wait before the next attempt (ms); later calls wait longer, up to the cap. */
  next(): number {
    const base = this.current;
    this.current = Math.min(this.current * 2, this.maxMs);
    return Math.round(base * (1 - this.jitter / 2 + (this.jitter * Math.random()) / 2));
  }

  reset(): void {
    this.current = this.initialMs;
  }
}
