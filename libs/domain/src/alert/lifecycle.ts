import { AlertEvents, type AlertReopenedV1, type AlertReviewedV1, type AlertReviewStatus, type AlertSupersededV1 } from './events';

/** What an alert's stream (`alert-<id>`) comes to, as far as screening decides on it. */
export interface AlertState {
  /** `open` until reviewed, then the review's status; `superseded` while a supersession holds. */
  status: 'open' | AlertReviewStatus | 'superseded';
  reviewStatus?: AlertReviewStatus;
  supersededReason?: AlertSupersededV1['reason'];
}

/**
 * Folds an alert stream's events (oldest first) onto `from` (a snapshot of the stream's earlier events; undefined:
 * the stream's start); undefined for an empty stream (no such alert).
 */
export function foldAlert(events: ReadonlyArray<{ type: string; payload: unknown }>, from?: AlertState): AlertState | undefined {
  let state = from;
  for (const { type, payload } of events) {
    switch (type) {
      case AlertEvents.AlertRaised.type:
        state = { status: 'open' };
        break;
      case AlertEvents.AlertReviewed.type: {
        if (!state) break;
        const { status } = payload as AlertReviewedV1;
        state = { ...state, reviewStatus: status, status: state.status === 'superseded' ? 'superseded' : status };
        break;
      }
      case AlertEvents.AlertSuperseded.type:
        if (state) state = { ...state, status: 'superseded', supersededReason: (payload as AlertSupersededV1).reason };
        break;
      case AlertEvents.AlertReopened.type:
        if (state) state = { status: state.reviewStatus ?? 'open', ...(state.reviewStatus ? { reviewStatus: state.reviewStatus } : {}) };
        break;
      // AlertBasisUpdated changes what the alert cites, not its state.
    }
  }
  return state;
}

/** What screening does when a report location matches a listed entry at or above the threshold. */
export type MatchDecision =
  | { action: 'raise' }
  /** Lift the supersession: the alert is in force again, with `status` (its review's, or `open`). */
  | { action: 'reopen'; lifts: AlertReopenedV1['lifts']; status: AlertState['status'] }
  | { action: 'none'; why: 'in-force' | 'report-retracted' | 'dismissed-for-report' };

/**
 * The alert rule for one match (report location × list entry), given the alert already derived for that pair:
 * - no alert yet: raise one, unless the analyst dismissed the same name and entry elsewhere in the report (a false
 *   positive is not raised again for that report);
 * - an alert superseded because its entry was delisted or amended, or its report amended: the report location
 *   matches the entry again, so the same alert is reopened (never a second alert beside it);
 * - an alert in force, or one superseded by the report's retraction: nothing.
 */
export function decideOnMatch(alert: AlertState | undefined, dismissedForReport: boolean): MatchDecision {
  if (!alert) return dismissedForReport ? { action: 'none', why: 'dismissed-for-report' } : { action: 'raise' };
  if (alert.status !== 'superseded') return { action: 'none', why: 'in-force' };
  if (alert.supersededReason !== undefined && alert.supersededReason !== 'report-retracted') {
    return { action: 'reopen', lifts: alert.supersededReason, status: alert.reviewStatus ?? 'open' };
  }
  return { action: 'none', why: 'report-retracted' };
}
