import type { ClaimState } from './report-state';
import type { LedgerRow } from './ledger';

/** Filters on the claims behind a ledger (applied before folding). */
export interface ClaimFilter {
  /** Keep claims at least this credible: Admiralty credibility ≤ this value (1 best). */
  minCredibility?: number;
  /** Keep claims whose reported date range overlaps [from, to] (ISO days `YYYY-MM-DD`, inclusive: the API reads a year or month as its first or last day); undated claims drop out. */
  from?: string;
  to?: string;
}

/** Filters on ledger rows (applied after folding). */
export interface RowFilter {
  direction?: string;
  counterparty?: string;
  assistanceType?: string;
  category?: string;
  stage?: string;
  status?: string;
}

/** True when the claim passes every claim filter given. */
export function claimMatches(state: ClaimState, filter: ClaimFilter): boolean {
  if (filter.minCredibility !== undefined && state.credibility > filter.minCredibility) return false;
  if (filter.from !== undefined || filter.to !== undefined) {
    const date = state.claim.date;
    if (!date) return false;
    if (filter.from !== undefined && date.latest < filter.from) return false;
    if (filter.to !== undefined && date.earliest > filter.to) return false;
  }
  return true;
}

/** True when the row passes every row filter given (category compared case-insensitively). */
export function rowMatches(
  row: Pick<LedgerRow, 'direction' | 'counterparty' | 'assistanceType' | 'itemCategory' | 'stage' | 'status'>,
  filter: RowFilter,
): boolean {
  return (
    (filter.direction === undefined || row.direction === filter.direction) &&
    (filter.counterparty === undefined || row.counterparty === filter.counterparty) &&
    (filter.assistanceType === undefined || row.assistanceType === filter.assistanceType) &&
    (filter.category === undefined || row.itemCategory === filter.category.toLowerCase()) &&
    (filter.stage === undefined || row.stage === filter.stage) &&
    (filter.status === undefined || row.status === filter.status)
  );
}
