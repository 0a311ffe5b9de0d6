import type { FoldableEvent } from '../fold/report-state';

/** An event to project: what the folds read plus its stream coordinates. */
export interface ProjectableEvent extends FoldableEvent {
  streamId: string;
  streamType: string;
  /**
   * Transaction id (xid8, decimal) of the event's append: with `globalPosition`, its checkpoint in the event store's
   * read order, which dates the claim states it makes in `claim_state_history` (required for report events).
   */
  transactionId: string;
}
