/** An alert as the dashboard shows it, and its state: pure (no DOM), unit-tested without a browser. */

/** An alert as `GET /v1/alerts` answers it (the fields the dashboard shows). */
export interface Alert {
  alertId: string;
  status: string;
  reportId: string;
  claimId?: string;
  location: string;
  queryName: string;
  listId: string;
  entryId: string;
  entryName: string;
  matchedName: string;
  programs: string[];
  countries: string[];
  score: number;
  raisedAt: string;
  review?: { status: string; reason: string | null; reviewedAt?: string };
  superseded?: { reason: string | null; supersededAt: string };
}

/**
 * The state an analyst sees: `superseded` while a supersession holds (a review it had is kept, shown beside it), else
 * the review's status once reviewed, else `open`; as the API's `status` says.
 */
export function alertState(alert: Alert): string {
  return alert.status === 'superseded' ? 'superseded' : (alert.review?.status ?? alert.status);
}
