import type { AlertReviewStatus } from './events';

/** An analyst's review of an alert (aggregate id = the alert id), run by the processor into `AlertReviewed`. */
export interface ReviewAlertV1 {
  alertId: string;
  status: AlertReviewStatus;
  reason: string;
}

export const AlertCommands = {
  ReviewAlert: { type: 'ReviewAlert', schemaVersion: 1 },
} as const;

export type AlertCommandType = keyof typeof AlertCommands;

/** Deterministic id of the alert for one (report, location, list, entry): a redelivery or re-screen names the same alert. */
export { alertIdFor } from './alert-id';
