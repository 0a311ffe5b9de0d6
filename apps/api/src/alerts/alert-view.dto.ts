import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_KINDS, ALERT_SUPERSEDED_REASONS, AlertEvents } from '@tm/domain';

const OBJECT = { type: 'object', additionalProperties: true } as const;

class AlertReviewDto {
  @ApiProperty({ enum: ['acknowledged', 'confirmed', 'dismissed'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) reviewedAt?: string;
}

class AlertSupersededDto {
  @ApiProperty({
    enum: ALERT_SUPERSEDED_REASONS,
    nullable: true,
    description:
      'What changed: `entry-delisted` (a list version delisted the entry, or one the basis rests on), `entry-amended` (a list version amended the entry or ended the basis; also a report screened again that no longer matches because the list changed), `report-amended` (the report changed, not the list: an amendment or evidence names the match no longer; for route and surge alerts, which rest on several reports, a report submitted, amended or retracted ended the basis; one that only changes it records `AlertBasisUpdated` in the history, the alert staying in force), `report-retracted` (the report was retracted: final). The first three are lifted (`AlertReopened`) when the match holds again. Alerts superseded before `report-amended` existed say `entry-amended` for it',
  })
  reason: string | null;
  @ApiProperty({ format: 'date-time' }) supersededAt: string;
}

class AlertLinksDto {
  @ApiProperty({ example: '/v1/alerts/0b7c…' }) self: string;
  @ApiProperty({ example: '/v1/reports/5f1e…' }) report: string;
  @ApiProperty({ example: '/v1/alerts/0b7c…/review' }) review: string;
}

/** An alert as `GET /v1/alerts` and `GET /v1/alerts/:id` show it (see `AlertsService`). */
export class AlertViewDto {
  @ApiProperty({ format: 'uuid' }) alertId: string;
  @ApiProperty({
    enum: ALERT_KINDS,
    description:
      'What the alert rests on. `ownership`: `entryId` is `party:<id>` of the held party on `listId`, `basis.ownership` gives the aggregated share, threshold, grounds and each listed holder with its path. `possible-diversion` of a flow through a third country: one alert per route (path A → B → C and category), `entryId` `diversion:<A → B → C> <category>` (the alert id comes from it), the alert sits on the onward claim that made its first pair (`claimId`), `basis.diversion` gives every claim taking part in a pair (first legs, then onward legs; at most 50 per role, `firstLegs` and `onwardLegs` count them all), the number of pairs, the window and the programs (alerts raised before routes, one per pair, have `entryId` `diversion:<report>/<claim>` of the first claim and cite two claims). `possible-diversion` of a surge of CHPL tier 1–2 items into a country against its own baseline: `listId` is `reference`, `entryId` `chpl-surge:<country>:<from>..<to>` (the window; the alert id comes from it), the alert sits on the newest claim of the window when raised, `basis.surge` gives every claim of the window, the baseline counts and the threshold. `front-company`: `entryId` is the listed entry the party shares an identifier, an address or (in another country) a close name with, `basis.frontCompany` says what is shared. `misdeclared-goods`: `listId` is `reference`, `entryId` `misdeclared:<claimId>`, `basis.misdeclared` gives the declaration and the military signals',
  })
  kind: string;
  @ApiPropertyOptional({
    ...OBJECT,
    description:
      'For `ownership`: `{ ownership: { partyId, partyName, aggregatedShare, threshold, grounds, holders: [{ listId, entryId, name, programs, relation, share?, role?, startDate?, path }], notCounted } }`. For `possible-diversion`: `{ diversion: { path, via, category, claims: [first legs…, onward legs…] ({ role, reportId, claimId, from, to, item, date, stage }), pairs, firstLegs, onwardLegs, windowDays, minGapDays?, maxGapDays?, programs: [{ listId, program, country, entries, programEntries }], notes } }` (before routes: `claims: [first, onward]`, `gapDays?`, no `via` nor counts) or, for a CHPL surge, `{ surge: { country, tiers, window: { from, to }, windowDays, claims: [{ reportId, claimId, from, to, item, date, stage }], count, baseline: [{ from, to, claims }], baselineMean, ratio?, factor, minClaims, threshold, notes } }`. For `front-company`: `{ frontCompany: { partyName, partyCountry, entryName, entryCountries, programs, otherCountry, shared: [{ kind: identifier, value, partyScheme, listScheme } | { kind: address, partyAddress, listAddress } | { kind: close-name, score, scoreBeforeCountry }], notes } }`. For `misdeclared-goods`: `{ misdeclared: { item, declaredAs, signals, notes } }`',
  })
  basis?: unknown;
  @ApiProperty({
    example: 'open',
    description:
      "open until reviewed, then the review's status (acknowledged, confirmed, dismissed); superseded while a supersession holds (see `superseded`)",
  })
  status: string;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiPropertyOptional({ description: 'The claim naming the party, when the match is in a claim' }) claimId?: string;
  @ApiProperty({ description: 'Where in the report the name was found', example: 'claims[0].supplier.entities[0]' }) location: string;
  @ApiProperty() queryName: string;
  @ApiProperty({ example: 'us-ofac-sdn' }) listId: string;
  @ApiProperty() entryId: string;
  @ApiProperty() listVersion: string;
  @ApiProperty() entryName: string;
  @ApiProperty() matchedName: string;
  @ApiProperty() matchedNameKind: string;
  @ApiProperty({ type: [String] }) programs: string[];
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ ...OBJECT, description: 'How the score was reached (the screening explanation)' }) explanation: unknown;
  @ApiProperty({ example: 'report-submitted' }) trigger: string;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiPropertyOptional({ type: AlertReviewDto }) review?: AlertReviewDto;
  @ApiPropertyOptional({ type: AlertSupersededDto }) superseded?: AlertSupersededDto;
  @ApiProperty({ type: AlertLinksDto }) links: AlertLinksDto;
}

/** One event of an alert's stream, as `GET /v1/alerts/:id` lists them (oldest first). */
class AlertHistoryEntryDto {
  @ApiProperty({ enum: Object.values(AlertEvents).map((e) => e.type) }) type: string;
  @ApiProperty({ minimum: 1, description: "The event's version in the alert's stream" }) version: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    example: 'system:screening',
    description: 'Who recorded it: `system:screening`, or the actor of the review command (`key:<prefix>`, `bootstrap-admin`)',
  })
  actor: string;
  @ApiProperty({
    ...OBJECT,
    description:
      "The event as stored. `AlertRaised`: the alert as raised (its match and basis then; the alert's own fields are as they stand now, after any `AlertReopened` or `AlertBasisUpdated`). `AlertReviewed`: `{ alertId, status, reason }`. `AlertSuperseded`: `{ alertId, reason, listVersion? }` (see `superseded.reason`). `AlertReopened`: the match as screened now (`queryName`, `listVersion`, `entryName`, `matchedName`, `matchedNameKind`, `programs`, `countries`, `score`, `explanation`), its basis (`ownership`, `diversion`, `surge`, `frontCompany` or `misdeclared`, as in `basis`), `lifts` (the supersession it lifts) and `trigger`. `AlertBasisUpdated` (the `possible-diversion` alert of a route or a surge in force whose claims or figures changed; status and review unchanged): the match fields, `diversion` or `surge` as decided now, `reason` (`report-amended` or `entry-amended`) and `trigger`. Alerts refreshed before `AlertBasisUpdated` existed show `AlertSuperseded` + `AlertReopened` for the same thing",
  })
  payload: unknown;
}

/** An alert with its history, as `GET /v1/alerts/:id` shows it. */
export class AlertDetailDto extends AlertViewDto {
  @ApiProperty({
    type: [AlertHistoryEntryDto],
    description: "The events of the alert's stream, oldest first: every one but the `AlertBasisUpdated` before the last 20",
  })
  history: AlertHistoryEntryDto[];
  @ApiProperty({
    minimum: 0,
    description:
      "`AlertBasisUpdated` events left out of `history`, the earliest (a busy route's alert is updated on every run of reports touching it; the alert's fields and the last updates say what it cites now)",
  })
  basisUpdatesOmitted: number;
}

/** A page of alerts. */
export class AlertPageDto {
  @ApiProperty({ type: [AlertViewDto] }) items: AlertViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}
