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

/**
 * The entity an alert was raised on, for a link to its page: the name when the alert is on a party of a claim or
 * of evidence (`claims[c1].supplier.entity`, `evidence[e1].attributedTo.entity`: names the entity directory holds);
 * none for a name found in a text (the report's, a statement) or an item (a misdeclared-goods alert's description).
 */
export function alertEntityName(alert: Pick<Alert, 'location' | 'queryName'>): string | undefined {
  return /\.entity$/.test(alert.location) ? alert.queryName : undefined;
}

/**
 * The sanctions-list entry an alert matched, for a link to its versions and alerts: none for an alert of a rule
 * (`reference` list: misdeclared goods, surges) or on a held party or route (`party:…`, `diversion:…`), which no
 * list holds as an entry.
 */
export function alertListEntry(alert: Pick<Alert, 'listId' | 'entryId'>): { listId: string; entryId: string } | undefined {
  return alert.listId === 'reference' || /^[a-z-]+:/.test(alert.entryId) ? undefined : { listId: alert.listId, entryId: alert.entryId };
}
