import { getAll } from './api';

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

/** Alerts newest first, every page up to `maxPages` of 200 (the API has no report or name filter: filter these). */
export async function loadAlerts(filters = '', maxPages = 5): Promise<Alert[]> {
  return (await getAll<Alert>(`/v1/alerts?limit=200${filters}`, maxPages)).items;
}

/** The state an analyst sees: the review's status once reviewed, else open or superseded. */
export function alertState(alert: Alert): string {
  return alert.review?.status ?? alert.status;
}
