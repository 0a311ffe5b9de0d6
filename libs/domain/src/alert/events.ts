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

/**
 * What an alert rests on: `name-match` (a report's party or text names a listed entry; events written before kinds
 * existed carry no `kind` and are this), `ownership` (a party owned ≥ 50 %, directed or linked by listed parties:
 * `ownership` holds the holdings), `possible-diversion` (a flow through a third country: `diversion`, or a surge of
 * CHPL tier 1–2 items into a country against its own baseline: `surge`; see the README),
 * `front-company` (a party sharing an identifier, an address or, in another country, a close name with a listed
 * entity: `frontCompany`), `misdeclared-goods` (an item declared civilian that its codes or category say is military:
 * `misdeclared`).
 */
export type AlertKind = 'name-match' | 'ownership' | 'possible-diversion' | 'front-company' | 'misdeclared-goods';
export const ALERT_KINDS: readonly AlertKind[] = ['name-match', 'ownership', 'possible-diversion', 'front-company', 'misdeclared-goods'];

/** One listed party holding the alerted party, as the list in force gives it (`EntryRelationV1` seen from the held party). */
export interface OwnershipHolderV1 {
  listId: string;
  entryId: string;
  name: string;
  programs: string[];
  relation: 'owns' | 'directs' | 'linked';
  /** Percent held, when the list gives it. */
  share?: number;
  role?: string;
  startDate?: string;
  /** `party → holder → designation`, e.g. `LLC CST ← 51 % ← Alexander ZAKHAROV (opensanctions NK-aU5…: RUSSIA-EO14024)`. */
  path: string;
}

/** Why an `ownership` alert was raised: the aggregated share and every holder in force counted. */
export interface OwnershipBasisV1 {
  /** The held party as the list names it, and its id on the list (the holders' list). */
  partyId: string;
  partyName: string;
  /** Sum of the listed owners' shares in force, percent in [0, 100] (one figure per owner: its largest record). */
  aggregatedShare: number;
  /** The share at or above which ownership alone alerts (OFAC's 50 percent rule). */
  threshold: number;
  /** `owned` (aggregated share ≥ threshold), `directed` (a listed director), `linked` (OFAC "Linked To:"), as many as hold. */
  grounds: Array<'owned' | 'directed' | 'linked'>;
  holders: OwnershipHolderV1[];
  /** Holdings left out, e.g. `ended 2019-08-02: Alexander ZAKHAROV 100 %`, `share not given: …`. */
  notCounted: string[];
}

/** A sanctions program of a list that targets a country, as derived from the list's entries in force (`programTargets`). */
export interface ProgramTargetV1 {
  listId: string;
  program: string;
  country: string;
  /** Entries in force under the program that give this country, and the program's entry countries (an entry once per country). */
  entries: number;
  programEntries: number;
}

/** One claim a `possible-diversion` alert rests on. */
export interface DiversionClaimV1 {
  role: 'first' | 'onward';
  reportId: string;
  claimId: string;
  from: string;
  to: string;
  item: { description: string; hs6?: string; chplTier?: string; sipriCategory?: string };
  date: { edtf: string; earliest: string; latest: string };
  stage: string;
}

/**
 * Why a `possible-diversion` alert of a flow through a third country was raised. A route alert (`findDiversionRoutes`,
 * `via` and `pairs` present) covers every qualifying pair of one route: the first legs A → B and onward legs B → C
 * of one category. An alert raised before routes (one per ordered pair; no `via`) cites exactly two claims and gives
 * `gapDays`; the screening app supersedes those (`entry-amended`) the first time it decides every route.
 */
export interface DiversionBasisV1 {
  /** `A → B → C`. */
  path: string;
  /** B, the transit country (ISO 3166-1 alpha-2); present on route alerts (what the per-report look-up indexes). */
  via?: string;
  /** The category both legs of each pair share: `hs6:<code>` or `sipri:<category>`. */
  category: string;
  /**
   * The claims cited: first legs, then onward legs, each by date (earliest, latest), report, claim. A route cites
   * every claim taking part in a qualifying pair, up to `DIVERSION_ROUTE_CLAIMS_CITED` per role (`firstLegs` and
   * `onwardLegs` count them all); an alert of the pair shape cites its first and its onward claim.
   */
  claims: DiversionClaimV1[];
  /** Route alerts: the qualifying (first, onward) pairs, the first legs and the onward legs taking part in one. */
  pairs?: number;
  firstLegs?: number;
  onwardLegs?: number;
  windowDays: number;
  /** Route alerts: least and most days from a first leg's end to an onward leg's start over the pairs with closed bounds. */
  minGapDays?: number;
  maxGapDays?: number;
  /** Pair-shape alerts: days from the end of the first leg to the start of the onward leg; absent when a bound is open. */
  gapDays?: number;
  /** The programs in force targeting C and not B. */
  programs: ProgramTargetV1[];
  /** Every figure in words. */
  notes: string[];
}

/** One claim a CHPL surge cites: a transfer of a tier 1–2 item into the surge's country (`TransferLeg`). */
export type ChplSurgeClaimV1 = Omit<DiversionClaimV1, 'role'>;

/**
 * Why a `possible-diversion` alert of a CHPL surge was raised (`findChplSurges`): the CHPL tier 1–2 claims into one
 * country in one window against the country's own baseline.
 */
export interface ChplSurgeBasisV1 {
  /** ISO 3166-1 alpha-2 of the recipients' country. */
  country: string;
  /** The CHPL tiers counted: `['1', '2']`. */
  tiers: string[];
  /** The window's first and last day (ISO dates, inclusive): `windowDays` days. */
  window: { from: string; to: string };
  windowDays: number;
  /** Every claim of the window, by date, report and claim. */
  claims: ChplSurgeClaimV1[];
  /** Claims in the window (`claims.length`). */
  count: number;
  /** The windows right before, oldest first, with their counts. */
  baseline: Array<{ from: string; to: string; claims: number }>;
  /** Mean claims per baseline window. */
  baselineMean: number;
  /** `count / baselineMean`; absent when the baseline is 0. */
  ratio?: number;
  factor: number;
  minClaims: number;
  /** `max(minClaims, factor × baselineMean)`: the count reached. */
  threshold: number;
  /** Every figure in words. */
  notes: string[];
}

/** One thing a report's party shares with a listed entry (`FrontCompanyBasisV1.shared`). */
export type FrontCompanySharedV1 =
  | { kind: 'identifier'; value: string; partyScheme: string; listScheme: string }
  | { kind: 'address'; partyAddress: string; listAddress: string }
  | { kind: 'close-name'; score: number; scoreBeforeCountry: number };

/** Why a `front-company` alert was raised: what the party shares with which listed entry, and the countries of both. */
export interface FrontCompanyBasisV1 {
  partyName: string;
  partyCountry: string;
  entryName: string;
  /** The listed entry's countries (empty when the list gives none). */
  entryCountries: string[];
  programs: string[];
  /** True when the party's country is not among the entry's (both known). */
  otherCountry: boolean;
  shared: FrontCompanySharedV1[];
  /** Every ground in words. */
  notes: string[];
}

/** Why a `misdeclared-goods` alert was raised: the item's declaration and what says it is military. */
export interface MisdeclaredGoodsBasisV1 {
  item: { description: string; designation?: string; hs6?: string; sipriCategory?: string; euMilitaryListCategory?: string };
  declaredAs: string;
  /** Each military signal: `eu-military-list:ML10`, `sipri:Aircraft`, `hs6:930190` (HS chapter 93 arms…). */
  signals: string[];
  notes: string[];
}

export interface AlertRaisedV1 {
  alertId: string;
  /** Absent: `name-match`. */
  kind?: AlertKind;
  /** For `ownership` alerts. */
  ownership?: OwnershipBasisV1;
  /** For `possible-diversion` alerts of a flow through a third country. */
  diversion?: DiversionBasisV1;
  /** For `possible-diversion` alerts of a surge of CHPL tier 1–2 items into a country. */
  surge?: ChplSurgeBasisV1;
  /** For `front-company` alerts. */
  frontCompany?: FrontCompanyBasisV1;
  /** For `misdeclared-goods` alerts. */
  misdeclared?: MisdeclaredGoodsBasisV1;
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

/**
 * Why an alert was superseded, by what changed:
 * - `entry-delisted`: a list version delisted the entry (or, for an ownership, front-company, route or surge alert,
 *   an entry its basis rested on);
 * - `entry-amended`: a list version amended the entry or ended what the alert rests on (a route alert also
 *   replaces one of the pair shape this way at start); also a report's screening that no longer finds the match
 *   because the list changed since (the report as it stood before the event does not give it either);
 * - `report-amended`: the report changed, not the list: an amendment or evidence that names the match no longer
 *   (the report as it stood before still gives it), or, for route and surge alerts (which rest on the claims of
 *   several reports), a report submitted, amended or retracted that ended their basis (one that changes it records
 *   `AlertBasisUpdated`, with the same reasons);
 * - `report-retracted`: the alert's report was retracted (final: never reopened).
 * `report-amended` was added after the others (schema still v1): events stored before it say `entry-amended` for it.
 */
export const ALERT_SUPERSEDED_REASONS = ['entry-delisted', 'entry-amended', 'report-amended', 'report-retracted'] as const;
export type AlertSupersededReason = (typeof ALERT_SUPERSEDED_REASONS)[number];

/** The alert no longer holds as raised (see `ALERT_SUPERSEDED_REASONS`): it stays, marked superseded. */
export interface AlertSupersededV1 {
  alertId: string;
  reason: AlertSupersededReason;
  listVersion?: string;
}

/** The match as the report and the list in force give it now (a re-designation may rename or re-score it). */
export type AlertMatchV1 = Pick<
  AlertRaisedV1,
  'queryName' | 'listVersion' | 'entryName' | 'matchedName' | 'matchedNameKind' | 'programs' | 'countries' | 'score' | 'explanation'
>;

/**
 * What superseded the alert (a delisting, an amendment of the entry or of the report) no longer holds and the same
 * report location matches again: the alert is in force again, under its own id and history, with the match as
 * screened now. Its status returns to its review (`open` when none). A retraction is never lifted.
 */
export interface AlertReopenedV1 extends AlertMatchV1 {
  alertId: string;
  /** For `ownership` alerts: the holdings as the list in force gives them now. */
  ownership?: OwnershipBasisV1;
  /** For `front-company` alerts: what the party shares with the entry now. */
  frontCompany?: FrontCompanyBasisV1;
  /** For a route's `possible-diversion` alert: the route as decided now. */
  diversion?: DiversionBasisV1;
  /** For a CHPL surge's `possible-diversion` alert: the surge as decided now. */
  surge?: ChplSurgeBasisV1;
  /** For `misdeclared-goods` alerts: the declaration and what contradicts it now. */
  misdeclared?: MisdeclaredGoodsBasisV1;
  /** The supersession this lifts. */
  lifts: Exclude<AlertSupersededReason, 'report-retracted'>;
  trigger: AlertRaisedV1['trigger'];
}

/**
 * An alert in force that rests on the claims of several reports (a diversion route's, a CHPL surge's) now rests on
 * other claims or figures: `diversion` or `surge` as decided now, with the match fields. Its status and review are
 * unchanged: the alert still holds, only what it cites changed. `reason` says whose doing it was, as for a
 * supersession: `report-amended` (a report submitted, amended or retracted), `entry-amended` (a list version or a
 * rebuild). Added after the others (schema v1): alerts refreshed before it have `AlertSuperseded` + `AlertReopened`.
 */
export interface AlertBasisUpdatedV1 extends AlertMatchV1 {
  alertId: string;
  diversion?: DiversionBasisV1;
  surge?: ChplSurgeBasisV1;
  reason: Extract<AlertSupersededReason, 'report-amended' | 'entry-amended'>;
  trigger: AlertRaisedV1['trigger'];
}

export const AlertEvents = {
  AlertRaised: { type: 'AlertRaised', schemaVersion: 1 },
  AlertReviewed: { type: 'AlertReviewed', schemaVersion: 1 },
  AlertSuperseded: { type: 'AlertSuperseded', schemaVersion: 1 },
  AlertReopened: { type: 'AlertReopened', schemaVersion: 1 },
  AlertBasisUpdated: { type: 'AlertBasisUpdated', schemaVersion: 1 },
} as const;
