/** Who and what caused an event; stored in `events.metadata` and copied into Kafka headers. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  /** The API key (or component, e.g. `system:screening`) that caused the event. */
  actor?: string;
  /** The command that produced the event. */
  commandId?: string;
  /** When the API accepted that command (ISO 8601), carried on to the events it caused: end-to-end latency metrics. */
  acceptedAt?: string;
  [key: string]: unknown;
}

/** An event about to be appended. */
export interface NewEvent<P = unknown> {
  /** UUID; generated when absent. Consumers deduplicate on it. */
  eventId?: string;
  /** Past-tense name, e.g. `ReportSubmitted`. */
  type: string;
  /** Version of the payload schema of `type`, from 1. */
  schemaVersion: number;
  payload: P;
  metadata?: EventMetadata;
}

/** An event as stored. */
export interface StoredEvent<P = unknown> {
  /** Position in the store: unique and increasing in append order (not in commit order; see {@link Checkpoint}). */
  globalPosition: number;
  /** PostgreSQL transaction id (xid8, as a decimal string) of the append. */
  transactionId: string;
  eventId: string;
  streamId: string;
  streamType: string;
  /** 1-based version of the event within its stream. */
  version: number;
  type: string;
  schemaVersion: number;
  payload: P;
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * A reader's place in the global order, which is `(transactionId, globalPosition)`: every event committed after a
 * reader's last read sorts after it, so no event is skipped, however late its transaction committed.
 */
export interface Checkpoint {
  transactionId: string;
  globalPosition: number;
}

export const START: Checkpoint = Object.freeze({ transactionId: '0', globalPosition: 0 });

/**
 * `'no-stream'`: the stream must not exist yet; a number: the stream's current version must be exactly this;
 * `'any'`: no check (only for streams with a single writer).
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendResult {
  /** The stream's version after the append. */
  nextVersion: number;
  /** Global positions of the appended events, in order. */
  globalPositions: number[];
  transactionId: string;
}

/** The stream's version is not the one the writer expected: another writer got there first. */
export class ExpectedVersionConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number | undefined,
  ) {
    super(`stream ${streamId} is at version ${actual ?? 'none'}, expected ${expected}`);
  }
}
