import type { Pool } from 'pg';
import { appendToStreams, withEventIds, type StreamAppend } from './sql/append';
import { ExpectedVersionConflictError, type AppendResult, type ExpectedVersion, type NewEvent } from './types';

interface Pending {
  append: StreamAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Options of {@link GroupCommitAppender}. */
export interface GroupCommitOptions {
  /** Statements (each its own transaction, on its own pooled connection) in flight at once; default 2. */
  maxInFlight?: number;
  /** Streams per statement at most; default 256. */
  maxStreams?: number;
}

/** A server-reported error (SQLSTATE) other than a lost connection: the statement was rolled back, so a retry is safe. */
function rolledBack(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08') && !code.startsWith('57P');
}

/**
 * Group commit for appends that need nothing else in their transaction: appends made while a statement is in flight
 * are written together by the next one ({@link appendToStreams}: one statement, which is its own transaction, so one
 * round trip and one commit for the whole group). Each append keeps its own expected version: a conflicting one is
 * rejected alone with {@link ExpectedVersionConflictError} while the rest of its group commits. Two appends to the
 * same stream never share a statement, nor are two statements holding the same stream in flight at once: the later
 * append waits for the earlier one's statement (appends to a stream commit in call order). A group whose statement
 * fails with a server error (e.g. one append's duplicate event id) is retried append by append, so the error reaches
 * only its own caller; a lost connection fails the whole group (its outcome is unknown; a retry writes the same event
 * ids, which the store refuses twice). Events of one group share a transaction id and take positions in call order.
 * An idle appender writes an append at once (after the current turn of the event loop), so a single caller waits for
 * one round trip, no timer.
 */
export class GroupCommitAppender {
  private readonly queue: Pending[] = [];
  private readonly busyStreams = new Set<string>();
  private inFlight = 0;
  private scheduled = false;
  private readonly maxInFlight: number;
  private readonly maxStreams: number;

  constructor(
    private readonly pool: Pool,
    options: GroupCommitOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxStreams = options.maxStreams ?? 256;
  }

  /**
   * Appends `events` to `streamId` at `expected`, committed when the promise resolves.
   * @throws ExpectedVersionConflictError when the stream is not at `expected`; a database error otherwise.
   */
  append(streamId: string, streamType: string, expected: ExpectedVersion, events: NewEvent[]): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ append: withEventIds({ streamId, streamType, expected, events }), resolve, reject });
      this.schedule();
    });
  }

  /** Starts a statement once the callers resumed by the last one have queued their next appends. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.maxInFlight) {
        const group = this.takeGroup();
        if (group.length === 0) break;
        this.inFlight++;
        void this.write(group).finally(() => {
          this.inFlight--;
          for (const p of group) this.busyStreams.delete(p.append.streamId);
          this.schedule();
        });
      }
    });
  }

  /** The oldest queued appends whose streams are not in flight nor already taken, at most `maxStreams`. */
  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    const skipped = new Set<string>();
    for (let i = 0; i < this.queue.length && group.length < this.maxStreams;) {
      const p = this.queue[i]!;
      const id = p.append.streamId;
      if (this.busyStreams.has(id) || skipped.has(id)) {
        skipped.add(id); // keep this stream's later appends behind this one
        i++;
        continue;
      }
      this.busyStreams.add(id);
      group.push(p);
      this.queue.splice(i, 1);
    }
    return group;
  }

  private async write(group: Pending[]): Promise<void> {
    try {
      const outcomes = await appendToStreams(
        this.pool,
        group.map((p) => p.append),
      );
      outcomes.forEach((o, i) => (o instanceof ExpectedVersionConflictError ? group[i]!.reject(o) : group[i]!.resolve(o)));
    } catch (error) {
      if (group.length === 1 || !rolledBack(error)) {
        for (const p of group) p.reject(error);
        return;
      }
      for (const p of group) await this.write([p]);
    }
  }
}
