import type { AlertReviewStatus } from './events';

/** An analyst's review of an alert (aggregate id = the alert id), run by the processor into `AlertReviewed`. */
export interface ReviewAlertV1 {
  alertId: string;
  status: AlertReviewStatus;
  reason: string;
}

/**
 * One review (status and reason) of many alerts, all or nothing (aggregate id = a batch id of its own): each alert
 * is decided by the rule of `ReviewAlert`; one unknown or refused alert refuses them all.
 */
export interface ReviewAlertsV1 {
  /** The command's aggregate id: the batch, not any one alert. */
  batchId: string;
  /** 1 to 500 distinct alert ids. */
  alertIds: string[];
  status: AlertReviewStatus;
  reason: string;
}

export const AlertCommands = {
  ReviewAlert: { type: 'ReviewAlert', schemaVersion: 1 },
  ReviewAlerts: { type: 'ReviewAlerts', schemaVersion: 1 },
} as const;

export type AlertCommandType = keyof typeof AlertCommands;

/** Deterministic id of the alert for one (report, location, list, entry): a redelivery or re-screen names the same alert. */
export { alertIdFor } from './alert-id';
