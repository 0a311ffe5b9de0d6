import type { TransferStage } from '@tm/domain';
import { claimMatches, type ClaimFilter } from './filters';
import { itemCategoryOf } from './item-category';
import { accumulateLedgerClaim, emptyLedgerAccumulator, ledgerRowOf, type LedgerAccumulator, type QuantityTotal } from './ledger';
import { byCodePoint } from './multiset';
import type { ClaimState, ClaimStatus } from './report-state';

/** Which side of a flow `FlowFilter.country` must be on; `both` keeps flows where it is either. */
export const FLOW_DIRECTIONS = ['supplier', 'recipient', 'both'] as const;
export type FlowDirection = (typeof FLOW_DIRECTIONS)[number];

/**
 * A flow's key: who supplies whom, what, at which stage, in which year. `year` is the year of the claim's earliest
 * reported date (a claim dated 2022-12/2023-01 counts in 2022; one open at the start, `[..2023-02]`, in its latest
 * date's year), null for an undated claim or one open at both ends.
 */
export interface FlowKey {
  /** ISO 3166-1 alpha-2. */
  supplier: string;
  recipient: string;
  /** Item category slug, as in the ledgers (`itemCategoryOf`). */
  category: string;
  stage: TransferStage;
  year: number | null;
}

/** One flow: the transfer claims under a {@link FlowKey}, counted, and their quantities summed per unit. */
export interface FlowRow extends FlowKey {
  /** Transfer claims folded into the row (each counts once, not once per side as in the ledgers). */
  claims: number;
  /** Totals per unit, sorted by unit, summed as the ledgers sum them (ranges as min/max; `<unit>/month` for rates). */
  quantity: QuantityTotal[];
}

/**
 * Which claims a flow answer folds: claim filters (credibility, reported dates) plus the country and side, category,
 * stage and status. Without `status`, every claim but a `retracted` one counts (a withdrawn report moved nothing).
 */
export interface FlowFilter extends ClaimFilter {
  country?: string;
  /** Default `both`. */
  direction?: FlowDirection;
  /** Compared case-insensitively. */
  category?: string;
  stage?: string;
  status?: ClaimStatus;
}

/** The year of an ISO date's first field (`2023-02-01` → 2023, `-0044-03-15` → -44); null for an open bound (`-infinity`, `infinity`). */
function yearOf(isoDate: string): number | null {
  const year = /^(-?\d+)/.exec(isoDate);
  return year ? Number(year[1]) : null;
}

/**
 * The year a claim's reported date counts in: its earliest bound's, or for an open start (`[..2023-02]`, earliest
 * `-infinity`) its latest bound's; null when undated or open at both ends. (An open start made the read throw: a 500
 * on `GET /v1/flows?country=CN` after the article example, found by the dashboard's browser test.)
 */
export function yearOfDate(date: { earliest: string; latest: string } | undefined): number | null {
  return date ? (yearOf(date.earliest) ?? yearOf(date.latest)) : null;
}

/** The flow key of a transfer claim; undefined for a diplomatic event. */
export function flowKeyOf(state: ClaimState): FlowKey | undefined {
  if (state.claim.kind !== 'transfer') return undefined;
  const claim = state.claim;
  return {
    supplier: claim.supplier.country,
    recipient: claim.recipient.country,
    category: itemCategoryOf(claim.item),
    stage: claim.stage,
    year: yearOfDate(claim.date),
  };
}

/**
 * The string a flow is ordered and paged by: its key fields joined by `|` (the year last, empty when undated).
 * Flows are sorted by this string in code point order, so a cursor holding it finds the next page.
 */
export function flowKeyString(key: FlowKey): string {
  return [key.supplier, key.recipient, key.category, key.stage, key.year ?? ''].join('|');
}

/** True when a transfer claim with key `key` passes the flow filter's country, side, category, stage and status. */
function flowMatches(state: ClaimState, key: FlowKey, filter: FlowFilter): boolean {
  if (filter.status !== undefined ? state.status !== filter.status : state.status === 'retracted') return false;
  if (filter.country !== undefined) {
    const direction = filter.direction ?? 'both';
    const asSupplier = direction !== 'recipient' && key.supplier === filter.country;
    const asRecipient = direction !== 'supplier' && key.recipient === filter.country;
    if (!asSupplier && !asRecipient) return false;
  }
  return (
    (filter.category === undefined || key.category === filter.category.toLowerCase()) &&
    (filter.stage === undefined || key.stage === filter.stage) &&
    claimMatches(state, filter)
  );
}

/**
 * Folds claim states into flows: every transfer claim passing `filter` counts once under its {@link FlowKey}; its
 * quantity is summed with the ledgers' own accumulator, so a flow's totals are those a ledger would show. Rows come
 * out sorted by {@link flowKeyString}; the result does not depend on the order of the claims.
 */
export function foldFlows(states: Iterable<ClaimState>, filter: FlowFilter = {}): FlowRow[] {
  const flows = new Map<string, { key: FlowKey; acc: LedgerAccumulator }>();
  for (const state of states) {
    const key = flowKeyOf(state);
    if (!key || !flowMatches(state, key, filter)) continue;
    const id = flowKeyString(key);
    let flow = flows.get(id);
    if (!flow) {
      const ledgerKey = {
        country: key.supplier,
        direction: 'supplier',
        counterparty: key.recipient,
        assistanceType: 'military',
        itemCategory: key.category,
        stage: key.stage,
        status: 'active',
      } as const;
      flows.set(id, (flow = { key, acc: emptyLedgerAccumulator(ledgerKey) }));
    }
    accumulateLedgerClaim(flow.acc, state, 1);
  }
  return [...flows.entries()]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([, { key, acc }]) => ({ ...key, claims: acc.claimCount, quantity: ledgerRowOf(acc)!.quantities }));
}
