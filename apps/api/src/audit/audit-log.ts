import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { appendAuditEntries, type NewAuditEntry } from '@tm/read-models';

/** How the audit log buffers: flush every `intervalMs` or at `batchRows` rows; keep at most `capRows` while PostgreSQL is away. */
export interface AuditBuffering {
  intervalMs: number;
  batchRows: number;
  capRows: number;
}
export const AUDIT_BUFFERING = Symbol('AUDIT_BUFFERING');
const DEFAULT_BUFFERING: AuditBuffering = { intervalMs: 200, batchRows: 500, capRows: 20_000 };

/**
 * Writes audit entries off the request path: {@link record} only buffers; the buffer goes to `api_audit` in
 * multi-row INSERTs through the shared pool every `intervalMs` or once `batchRows` wait, and at shutdown. While
 * PostgreSQL is unreachable the rows stay buffered, up to `capRows`: beyond it the oldest are dropped and counted
 * ({@link droppedRows}), logged once per outage, so requests never wait for the audit. Rows still buffered are lost
 * if the process is killed without a shutdown (SIGKILL).
 */
@Injectable()
export class AuditLog implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditLog.name);
  private readonly buffering: AuditBuffering;
  private readonly timer: NodeJS.Timeout;
  private buffer: NewAuditEntry[] = [];
  private flushing?: Promise<void>;
  private dropped = 0;
  private outage = false;
  private dropLogged = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Optional() @Inject(AUDIT_BUFFERING) buffering?: Partial<AuditBuffering>,
  ) {
    this.buffering = { ...DEFAULT_BUFFERING, ...buffering };
    this.timer = setInterval(() => void this.flush(), this.buffering.intervalMs).unref();
  }

  /** Rows dropped since start because the buffer was full (PostgreSQL unreachable for too long). */
  get droppedRows(): number {
    return this.dropped;
  }

  /** Rows waiting to be written. */
  get bufferedRows(): number {
    return this.buffer.length;
  }

  /** Buffers one entry; never waits and never throws. */
  record(entry: NewAuditEntry): void {
    this.buffer.push(entry);
    this.trimToCap();
    if (this.buffer.length >= this.buffering.batchRows) void this.flush();
  }

  /** Writes the buffer (one INSERT per `batchRows`); joins a flush under way. Resolves when written or on a failure (rows kept). */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    // A flush that began before the last rows came stops when the buffer is empty, so one more covers them.
    if (this.buffer.length > 0) await this.flush();
    if (this.buffer.length > 0) this.logger.warn(`audit log: ${this.buffer.length} rows not written at shutdown (PostgreSQL unreachable)`);
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.buffering.batchRows);
      try {
        await appendAuditEntries(this.pool, batch);
      } catch (error) {
        // Back in front, oldest first, for the next flush; the cap drops the oldest if the outage lasts.
        this.buffer = batch.concat(this.buffer);
        this.trimToCap();
        if (!this.outage)
          this.logger.warn(
            `audit log: cannot write to PostgreSQL (${(error as Error).message}); buffering up to ${this.buffering.capRows} rows, dropping the oldest beyond`,
          );
        this.outage = true;
        return;
      }
      if (this.outage) this.logger.log(`audit log: writing again; ${this.dropped} rows dropped so far`);
      this.outage = false;
      this.dropLogged = false;
    }
  }

  private trimToCap(): void {
    const excess = this.buffer.length - this.buffering.capRows;
    if (excess <= 0) return;
    this.buffer.splice(0, excess);
    if (!this.dropLogged)
      this.logger.warn(`audit log: buffer full (${this.buffering.capRows} rows), dropping the oldest; counted in droppedRows`);
    this.dropLogged = true;
    this.dropped += excess;
  }
}
