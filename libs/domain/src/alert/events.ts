/**
 * Alerts: a report (one of its parties, or its text) matched a sanctions-list entry at or above the threshold.
 * One stream per alert, `alert-<alertId>`; the alert id is derived from (reportId, claimId/party path, listId,
 * entryId) so that screening the same report twice raises one alert.
 */
export const ALERT_STREAM_TYPE = 'alert';
export const alertStreamId = (alertId: string) => `alert-${alertId}`;

export interface AlertMatchExplanationV1 {
  /** Token-by-token alignment of the query name with the matched list name. */
  tokens: { query: string; candidate: string; similarity: number; weight: number }[];
  penalties: { rule: string; factor: number }[];
  notes: string[];
}

export interface AlertRaisedV1 {
  alertId: string;
  reportId: string;
  /** The claim whose party matched, or absent for a match in the report text. */
  claimId?: string;
  /** Where in the report the name was found, e.g. `claims[2].supplier.entity`, `text[120..148]`. */
  location: string;
  /** The name as written in the report. */
  queryName: string;
  listId: string;
  entryId: string;
  listVersion: string;
  entryName: string;
  matchedName: string;
  matchedNameKind: string;
  programs: string[];
  /** Countries of the report's claim (supplier, recipient…) and of the list entry: for subscription filters. */
  countries: string[];
  /** In [0, 1]. */
  score: number;
  explanation: AlertMatchExplanationV1;
  /**
   * `report-submitted`, `claim-amended`, `evidence-added` (an `attributedTo` party or statement) or `list-updated`
   * (retroactive screening after a new designation or amendment).
   */
  trigger: 'report-submitted' | 'claim-amended' | 'evidence-added' | 'list-updated';
}

export type AlertReviewStatus = 'acknowledged' | 'confirmed' | 'dismissed';

/** An analyst reviewed the alert; `dismissed` is a false positive, not raised again for that report. */
export interface AlertReviewedV1 {
  alertId: string;
  status: AlertReviewStatus;
  reason: string;
}

/** The entry was delisted (or the report retracted): the alert stays, marked superseded. */
export interface AlertSupersededV1 {
  alertId: string;
  reason: 'entry-delisted' | 'report-retracted' | 'entry-amended';
  listVersion?: string;
}

/** The match as the report and the list in force give it now (a re-designation may rename or re-score it). */
export type AlertMatchV1 = Pick<
  AlertRaisedV1,
  'queryName' | 'listVersion' | 'entryName' | 'matchedName' | 'matchedNameKind' | 'programs' | 'countries' | 'score' | 'explanation'
>;

/**
 * The entry a delisting (or amendment) superseded the alert for is listed again and the same report location still
 * matches it: the alert is in force again, under its own id and history, with the match as screened now. Its
 * status returns to its review (`open` when none).
 */
export interface AlertReopenedV1 extends AlertMatchV1 {
  alertId: string;
  /** The supersession this lifts. */
  lifts: 'entry-delisted' | 'entry-amended';
  trigger: AlertRaisedV1['trigger'];
}

export const AlertEvents = {
  AlertRaised: { type: 'AlertRaised', schemaVersion: 1 },
  AlertReviewed: { type: 'AlertReviewed', schemaVersion: 1 },
  AlertSuperseded: { type: 'AlertSuperseded', schemaVersion: 1 },
  AlertReopened: { type: 'AlertReopened', schemaVersion: 1 },
} as const;
