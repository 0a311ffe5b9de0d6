import type { ReviewAlertV1 } from './commands';
import type { AlertReviewedV1, AlertReviewStatus } from './events';
import type { AlertState } from './lifecycle';

/** Most alerts one `ReviewAlerts` command may name: its streams are read and appended in one transaction. */
export const MAX_ALERTS_PER_REVIEW = 500;

export const ALERT_REVIEW_STATUSES: readonly AlertReviewStatus[] = ['acknowledged', 'confirmed', 'dismissed'];

/** Why a review is refused: `path` names the field of the command at fault (absent for an unknown alert). */
export interface ReviewRefusal {
  code: 'invalid-payload' | 'unknown-alert';
  message: string;
  path?: 'status' | 'reason';
}

export type ReviewDecision = { action: 'review'; event: AlertReviewedV1 } | ({ action: 'refuse' } & ReviewRefusal);

/**
 * The review rule for one alert, given its folded stream ({@link foldAlert}; undefined when there is no such alert):
 * the status must be acknowledged, confirmed or dismissed and the reason non-blank; an unknown alert is refused. A
 * superseded alert may be reviewed (the review is kept; the alert stays superseded). Used by `ReviewAlert` and, for
 * each alert, by `ReviewAlerts`.
 */
export function decideReview(alert: AlertState | undefined, command: ReviewAlertV1): ReviewDecision {
  if (!ALERT_REVIEW_STATUSES.includes(command?.status))
    return {
      action: 'refuse',
      code: 'invalid-payload',
      message: `status must be one of ${ALERT_REVIEW_STATUSES.join(', ')}`,
      path: 'status',
    };
  if (typeof command.reason !== 'string' || !command.reason.trim())
    return { action: 'refuse', code: 'invalid-payload', message: 'a review needs a reason', path: 'reason' };
  if (!alert) return { action: 'refuse', code: 'unknown-alert', message: `no alert ${command.alertId}` };
  return { action: 'review', event: { alertId: command.alertId, status: command.status, reason: command.reason } };
}
