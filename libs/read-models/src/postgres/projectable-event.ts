import type { FoldableEvent } from '../fold/report-state';

/** An event to project: what the folds read plus its stream coordinates. */
export interface ProjectableEvent extends FoldableEvent {
  streamId: string;
  streamType: string;
}
