import type { ReportState } from '../fold/report-state';

/**
 * The report states a rebuild wrote last, kept between its batches (least recently written evicted first), so that a
 * batch continuing a stream (evidence added after the report) does not read its report view back from PostgreSQL.
 * Bounded by a count because the rebuild runs in the API process or a script under a heap limit: a report state of the
 * benchmark's shape (three claims, three pieces of evidence) takes 4.7 KB of heap.
 * Holds exactly what the rebuild's tables hold for those reports as long as every batch it saw committed: drop it
 * when a batch's transaction fails (the rebuild's `run()` does, by ending).
 */
export class ReportStateCache {
  private readonly states = new Map<string, ReportState>();

  /** @param capacity reports kept at most (0 keeps none). */
  constructor(readonly capacity: number) {}

  get size(): number {
    return this.states.size;
  }

  get(reportId: string): ReportState | undefined {
    return this.states.get(reportId);
  }

  /** Keeps `state` as the latest of its report, evicting the least recently written beyond the capacity. */
  set(state: ReportState): void {
    if (this.capacity <= 0) return;
    // Re-inserted at the end of the Map's order: the order is that of the last write.
    this.states.delete(state.reportId);
    this.states.set(state.reportId, state);
    if (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value as string);
  }
}
