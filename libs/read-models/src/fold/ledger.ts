import type { AssistanceType, CountryCode, InformationCredibility, TransferClaim, TransferStage } from '@tm/domain';
import { chplTierOf, itemCategoryOf } from './item-category';
import type { ClaimState, ClaimStatus } from './report-state';

/** Which side of a transfer the ledger's country is on. */
export type LedgerDirection = 'supplier' | 'recipient';

/**
 * A ledger row's key. Stage and status are part of it, so pledged never adds to delivered, economic support
 * never adds to military transfers, and denied, disputed or retracted claims get rows of their own instead of
 * being summed with the standing ones.
 */
export interface LedgerKey {
  /** The ledger's country, ISO 3166-1 alpha-2. */
  country: CountryCode;
  direction: LedgerDirection;
  /** The country on the other side. */
  counterparty: CountryCode;
  assistanceType: AssistanceType;
  /** See {@link itemCategoryOf}. */
  itemCategory: string;
  stage: TransferStage;
  status: ClaimStatus;
}

/** A quantity total in one unit; `min`/`max` add up claims' values or ranges. */
export interface QuantityTotal {
  unit: string;
  min: number;
  max: number;
  /** Claims that gave a quantity in this unit. */
  claims: number;
  /** True when a summed claim was "at least": `max` is then a lower bound of the true maximum. */
  openEnded: boolean;
}

/** One row of a country's assistance ledger: the fold of the claims under one {@link LedgerKey}. */
export interface LedgerRow extends LedgerKey {
  claimCount: number;
  /** Totals per unit, sorted by unit; rates (`per-month`) are kept apart as `<unit>/month`. */
  quantities: QuantityTotal[];
  /** Totals per ISO 4217 currency, sorted by currency. */
  values: { currency: string; amount: number }[];
  /** Bounds of the claims' reported dates (ISO dates), when any claim is dated. */
  earliest?: string;
  latest?: string;
  /** Admiralty information credibility, 1 best: the best (lowest) and worst (highest) of the claims. */
  bestCredibility: InformationCredibility;
  worstCredibility: InformationCredibility;
  /** Distinct publishers across the claims (see `ClaimState.publishers`). */
  independentSources: number;
  /** CHPL tiers of the items (1, 2, 3.A…), sorted; empty when none is on the list. */
  chplTiers: string[];
  /** Item descriptions and designations, distinct, in claim order. */
  items: string[];
  /** Named parties (company, body, person) on either side, distinct. */
  entities: string[];
  reportIds: string[];
  /** `<reportId>/<claimId>` of each claim folded into the row. */
  claimRefs: string[];
}

const KEY_FIELDS = ['country', 'direction', 'counterparty', 'assistanceType', 'itemCategory', 'stage', 'status'] as const;

/** The string form of a ledger key (fields joined by `|`), as stored in `claim_states.ledger_keys`. */
export function ledgerKeyString(key: LedgerKey): string {
  return KEY_FIELDS.map((f) => key[f]).join('|');
}

/** The ledger keys a claim belongs to: none for a diplomatic event; the supplier's and the recipient's side otherwise. */
export function ledgerKeysOf(state: ClaimState): LedgerKey[] {
  if (state.claim.kind !== 'transfer') return [];
  const claim = state.claim;
  const common = { assistanceType: claim.assistanceType, itemCategory: itemCategoryOf(claim.item), stage: claim.stage, status: state.status };
  const keys: LedgerKey[] = [{ country: claim.supplier.country, direction: 'supplier', counterparty: claim.recipient.country, ...common }];
  keys.push({ country: claim.recipient.country, direction: 'recipient', counterparty: claim.supplier.country, ...common });
  return keys;
}

function quantityUnit(claim: TransferClaim): string | undefined {
  if (!claim.quantity) return undefined;
  return claim.quantity.qualifier === 'per-month' ? `${claim.quantity.unit}/month` : claim.quantity.unit;
}

/** Distinct lists of a row being folded, as insertion-ordered sets (an array scan per claim was quadratic). */
interface Distinct {
  publishers: Set<string>;
  chplTiers: Set<string>;
  items: Set<string>;
  entities: Set<string>;
  reportIds: Set<string>;
}

function addDistinct(set: Set<string>, value: string | undefined): void {
  if (value) set.add(value);
}

function emptyRow(key: LedgerKey, credibility: InformationCredibility): LedgerRow {
  return {
    ...key,
    claimCount: 0,
    quantities: [],
    values: [],
    bestCredibility: credibility,
    worstCredibility: credibility,
    independentSources: 0,
    chplTiers: [],
    items: [],
    entities: [],
    reportIds: [],
    claimRefs: [],
  };
}

/** Adds one claim to a row (mutates the row; the row is private to {@link foldLedger}). */
function addClaim(row: LedgerRow, state: ClaimState, distinct: Distinct): void {
  const claim = state.claim as TransferClaim;
  row.claimCount += 1;
  const unit = quantityUnit(claim);
  if (unit && claim.quantity) {
    const q = claim.quantity;
    let total = row.quantities.find((t) => t.unit === unit);
    if (!total) row.quantities.push((total = { unit, min: 0, max: 0, claims: 0, openEnded: false }));
    total.min += q.min ?? q.value ?? 0;
    total.max += q.max ?? q.value ?? q.min ?? 0;
    total.claims += 1;
    if (q.qualifier === 'at-least' || (q.min !== undefined && q.max === undefined && q.value === undefined)) total.openEnded = true;
  }
  if (claim.value) {
    const value = row.values.find((v) => v.currency === claim.value!.currency);
    if (value) value.amount += claim.value.amount;
    else row.values.push({ currency: claim.value.currency, amount: claim.value.amount });
  }
  if (claim.date) {
    if (!row.earliest || claim.date.earliest < row.earliest) row.earliest = claim.date.earliest;
    if (!row.latest || claim.date.latest > row.latest) row.latest = claim.date.latest;
  }
  row.bestCredibility = Math.min(row.bestCredibility, state.credibility) as InformationCredibility;
  row.worstCredibility = Math.max(row.worstCredibility, state.credibility) as InformationCredibility;
  for (const p of state.publishers) distinct.publishers.add(p.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase());
  addDistinct(distinct.chplTiers, chplTierOf(claim.item));
  addDistinct(distinct.items, claim.item.designation ? `${claim.item.description} (${claim.item.designation})` : claim.item.description);
  addDistinct(distinct.entities, claim.supplier.entity?.name);
  addDistinct(distinct.entities, claim.recipient.entity?.name);
  addDistinct(distinct.reportIds, state.reportId);
  row.claimRefs.push(`${state.reportId}/${state.claimId}`);
}

/**
 * Folds claim states into ledger rows: every transfer claim counts once on its supplier's side and once on its
 * recipient's side, under its {@link LedgerKey}. Rows come out sorted by key; claims are taken in the order given
 * (sort them for a deterministic `claimRefs`/`items` order: {@link sortClaimStates}).
 */
export function foldLedger(states: Iterable<ClaimState>): LedgerRow[] {
  const rows = new Map<string, { row: LedgerRow; distinct: Distinct }>();
  for (const state of states) {
    for (const key of ledgerKeysOf(state)) {
      const id = ledgerKeyString(key);
      let entry = rows.get(id);
      if (!entry) {
        const distinct: Distinct = { publishers: new Set(), chplTiers: new Set(), items: new Set(), entities: new Set(), reportIds: new Set() };
        rows.set(id, (entry = { row: emptyRow(key, state.credibility), distinct }));
      }
      addClaim(entry.row, state, entry.distinct);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { row, distinct }]) => ({
      ...row,
      independentSources: distinct.publishers.size,
      quantities: row.quantities.sort((a, b) => a.unit.localeCompare(b.unit)),
      values: row.values.sort((a, b) => a.currency.localeCompare(b.currency)),
      chplTiers: [...distinct.chplTiers].sort(),
      items: [...distinct.items],
      entities: [...distinct.entities],
      reportIds: [...distinct.reportIds],
    }));
}

/** Claim states in a stable order (report id, then claim id), so that every fold of them lists them alike. */
export function sortClaimStates<T extends Pick<ClaimState, 'reportId' | 'claimId'>>(states: T[]): T[] {
  return [...states].sort((a, b) => (a.reportId === b.reportId ? cmp(a.claimId, b.claimId) : cmp(a.reportId, b.reportId)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
