import type { Checkpoint } from '@tm/event-store';
import { entityKeysOf } from '../fold/entities';
import { ledgerKeysOf, ledgerKeyString } from '../fold/ledger';
import type { ClaimState, ReportState } from '../fold/report-state';
import { timelineEntriesOf } from '../fold/timeline';
import { storedReportState } from './report-states';

/**
 * The rows of `report_views`, `claim_states` and `timeline_entries` as the projection stores them, one builder per
 * table, shared by the live upserts (`apply-events.ts`) and the rebuild's `COPY` (`rebuild-batch.ts`) so that both
 * write the same columns. Keys are the column names; `state`/`entry` is the JSON column's value (an object, or its
 * JSON text when the caller serialised it already).
 */

export const REPORT_VIEW_COLUMNS = [
  'report_id',
  'submitted_position',
  'published_on',
  'publisher',
  'source_reliability',
  'status',
  'countries',
  'claim_count',
  'state',
  'updated_at',
] as const;
/** The columns `claim_states` and `claim_state_history` share: a claim's identity, standing, ledger keys and state, valid from. */
const CLAIM_COLUMNS = [
  'report_id',
  'claim_id',
  'kind',
  'status',
  'credibility',
  'ledger_keys',
  'state',
  'valid_from_xid',
  'valid_from_position',
] as const;
export const CLAIM_STATE_COLUMNS = [...CLAIM_COLUMNS, 'entity_keys'] as const;
/** The columns of `claim_state_history` a writer gives (the flow columns are generated). */
export const CLAIM_HISTORY_COLUMNS = [...CLAIM_COLUMNS, 'valid_to_xid', 'valid_to_position'] as const;
export const TIMELINE_COLUMNS = ['country', 'report_id', 'claim_id', 'earliest', 'latest', 'cameo_code', 'entry'] as const;

export type ReportViewRow = Record<(typeof REPORT_VIEW_COLUMNS)[number], unknown>;
export type ClaimStateRow = Record<(typeof CLAIM_STATE_COLUMNS)[number], unknown>;
export type ClaimHistoryRow = Record<(typeof CLAIM_HISTORY_COLUMNS)[number], unknown>;
export type TimelineRow = Record<(typeof TIMELINE_COLUMNS)[number], unknown>;

function countriesOf(report: ReportState): string[] {
  const countries = new Set<string>();
  for (const { claim } of report.claims) {
    if (claim.kind === 'transfer')
      [claim.supplier, claim.recipient, ...(claim.intermediaries ?? [])].forEach((p) => countries.add(p.country));
    else claim.participants.forEach((p) => countries.add(p.country));
  }
  return [...countries].sort();
}

/** The `report_views` row of a report; `state` defaults to its stored form ({@link storedReportState}). */
export function reportViewRow(r: ReportState, state: unknown = storedReportState(r)): ReportViewRow {
  return {
    report_id: r.reportId,
    submitted_position: r.submittedPosition,
    // Only a full day fits the `date` column; EDTF values such as `2023-03` or `2023?` are kept in `state` only.
    published_on: /^\d{4}-\d{2}-\d{2}$/.test(r.source.publishedOn) ? r.source.publishedOn : null,
    publisher: r.source.publisher,
    source_reliability: r.sourceReliability,
    status: r.status,
    countries: countriesOf(r),
    claim_count: r.claims.length,
    state,
    updated_at: r.updatedAt,
  };
}

/** The columns of {@link CLAIM_COLUMNS}: the claim valid from the checkpoint `from`, `state` its JSON column. */
function claimColumns(c: ClaimState, from: Checkpoint, state: unknown): Record<(typeof CLAIM_COLUMNS)[number], unknown> {
  return {
    report_id: c.reportId,
    claim_id: c.claimId,
    kind: c.claim.kind,
    status: c.status,
    credibility: c.credibility,
    ledger_keys: ledgerKeysOf(c).map(ledgerKeyString),
    state,
    valid_from_xid: from.transactionId,
    valid_from_position: from.globalPosition,
  };
}

/**
 * The `claim_states` row of a claim, with the ledger and entity keys it belongs to, valid from the checkpoint of the
 * event that made it; `state` defaults to the claim.
 */
export function claimStateRow(c: ClaimState, from: Checkpoint, state: unknown = c): ClaimStateRow {
  // Properties added to the fresh object, not spread into another: a spread copy made these rows 4× as slow to build.
  return Object.assign(claimColumns(c, from, state), { entity_keys: entityKeysOf(c) });
}

/** The `claim_state_history` row of a claim state valid from `from` until (excluded) `to`; `state` defaults to the claim. */
export function claimHistoryRow(c: ClaimState, from: Checkpoint, to: Checkpoint, state: unknown = c): ClaimHistoryRow {
  return Object.assign(claimColumns(c, from, state), { valid_to_xid: to.transactionId, valid_to_position: to.globalPosition });
}

/** The `timeline_entries` rows of claims (diplomatic events only: one per participant country). */
export function timelineRows(claims: ClaimState[]): TimelineRow[] {
  return claims
    .filter((c) => c.claim.kind === 'diplomatic-event')
    .flatMap(timelineEntriesOf)
    .map((e) => ({
      country: e.country,
      report_id: e.reportId,
      claim_id: e.claimId,
      earliest: e.date?.earliest ?? null,
      latest: e.date?.latest ?? null,
      cameo_code: e.cameoCode,
      entry: e,
    }));
}
