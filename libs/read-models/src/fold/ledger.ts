import type { AssistanceType, CountryCode, InformationCredibility, TransferClaim, TransferStage } from '@tm/domain';
import { chplTierOf, itemCategoryOf } from './item-category';
import { bump, byCodePoint, multisetFromJson, multisetToJson, sortedMembers, type Multiset, type MultisetJson } from './multiset';
import { addExact, exactFromJson, exactOf, exactToJson, numberOfExact, ZERO, type ExactSum } from './exact-sum';
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
  /** Item descriptions and designations, distinct, sorted. */
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
  const common = {
    assistanceType: claim.assistanceType,
    itemCategory: itemCategoryOf(claim.item),
    stage: claim.stage,
    status: state.status,
  };
  const keys: LedgerKey[] = [{ country: claim.supplier.country, direction: 'supplier', counterparty: claim.recipient.country, ...common }];
  keys.push({ country: claim.recipient.country, direction: 'recipient', counterparty: claim.supplier.country, ...common });
  return keys;
}

function quantityUnit(claim: TransferClaim): string | undefined {
  if (!claim.quantity) return undefined;
  return claim.quantity.qualifier === 'per-month' ? `${claim.quantity.unit}/month` : claim.quantity.unit;
}

/**
 * A ledger row while it is being folded: sums that can be taken back (quantities, values, claim counts) and
 * {@link Multiset}s for what cannot (date bounds, credibility range, distinct publishers, tiers, items, entities). The live projection stores it beside the row (`ledger_rows.acc`) and applies each changed
 * claim as −old +new, so an event costs the same whether the row holds ten claims or a hundred thousand.
 */
export interface LedgerAccumulator {
  key: LedgerKey;
  claimCount: number;
  /** Per unit: sums of minimum and maximum (exact decimals, see {@link ExactSum}), claims giving it, how many were open-ended. */
  quantities: Map<string, QuantitySum>;
  /** Per ISO 4217 currency: sum (exact decimal) and claims giving it. */
  values: Map<string, ValueSum>;
  earliest: Multiset;
  latest: Multiset;
  /** Information credibility 1–6 (as strings). */
  credibility: Multiset;
  publishers: Multiset;
  chplTiers: Multiset;
  items: Multiset;
  entities: Multiset;
}

interface QuantitySum {
  min: ExactSum;
  max: ExactSum;
  claims: number;
  openEnded: number;
}
interface ValueSum {
  amount: ExactSum;
  claims: number;
}

export function emptyLedgerAccumulator(key: LedgerKey): LedgerAccumulator {
  return {
    key: Object.fromEntries(KEY_FIELDS.map((f) => [f, key[f]])) as unknown as LedgerKey,
    claimCount: 0,
    quantities: new Map(),
    values: new Map(),
    earliest: new Map(),
    latest: new Map(),
    credibility: new Map(),
    publishers: new Map(),
    chplTiers: new Map(),
    items: new Map(),
    entities: new Map(),
  };
}

/** Adds (`sign` +1) or takes out (−1) one transfer claim's contribution; the claim must belong to the row's key. */
export function accumulateLedgerClaim(acc: LedgerAccumulator, state: ClaimState, sign: 1 | -1): void {
  const claim = state.claim as TransferClaim;
  acc.claimCount += sign;
  const unit = quantityUnit(claim);
  if (unit && claim.quantity) {
    const q = claim.quantity;
    let total = acc.quantities.get(unit);
    if (!total) acc.quantities.set(unit, (total = { min: ZERO, max: ZERO, claims: 0, openEnded: 0 }));
    total.min = addExact(total.min, exactOf(q.min ?? q.value ?? 0), sign);
    total.max = addExact(total.max, exactOf(q.max ?? q.value ?? q.min ?? 0), sign);
    total.claims += sign;
    if (q.qualifier === 'at-least' || (q.min !== undefined && q.max === undefined && q.value === undefined)) total.openEnded += sign;
    if (total.claims <= 0) acc.quantities.delete(unit);
  }
  if (claim.value) {
    let value = acc.values.get(claim.value.currency);
    if (!value) acc.values.set(claim.value.currency, (value = { amount: ZERO, claims: 0 }));
    value.amount = addExact(value.amount, exactOf(claim.value.amount), sign);
    value.claims += sign;
    if (value.claims <= 0) acc.values.delete(claim.value.currency);
  }
  if (claim.date) {
    bump(acc.earliest, claim.date.earliest, sign);
    bump(acc.latest, claim.date.latest, sign);
  }
  bump(acc.credibility, String(state.credibility), sign);
  for (const publisher of new Set(state.publishers.map((p) => p.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase())))
    bump(acc.publishers, publisher, sign);
  const tier = chplTierOf(claim.item);
  if (tier) bump(acc.chplTiers, tier, sign);
  bump(acc.items, claim.item.designation ? `${claim.item.description} (${claim.item.designation})` : claim.item.description, sign);
  for (const entity of new Set([claim.supplier.entity?.name, claim.recipient.entity?.name])) if (entity) bump(acc.entities, entity, sign);
}

/**
 * A ledger row as stored (`ledger_rows.row`): without the lists of reports and claims behind it, which grow with
 * every claim (rewriting them made each event cost as much as the row's claims). Readers add them from
 * `claim_states` ({@link withLedgerMembers}).
 */
export type StoredLedgerRow = Omit<LedgerRow, 'reportIds' | 'claimRefs'>;

/** A claim behind a row: `[reportId, claimId]`. */
export type ClaimMember = [reportId: string, claimId: string];

/** Adds the reports and claims behind a row (any order in; sorted by report id, then claim id, out). */
export function withMembers(row: StoredLedgerRow, members: ClaimMember[]): LedgerRow {
  const sorted = [...members].sort(([ra, ca], [rb, cb]) => byCodePoint(ra, rb) || byCodePoint(ca, cb));
  return { ...row, reportIds: [...new Set(sorted.map(([r]) => r))], claimRefs: sorted.map(([r, c]) => `${r}/${c}`) };
}

/** The row an accumulator stands for; `undefined` once no claim is left under its key. */
export function ledgerRowOf(acc: LedgerAccumulator): StoredLedgerRow | undefined {
  if (acc.claimCount <= 0) return undefined;
  const credibilities = [...acc.credibility.keys()].map(Number);
  const earliest = sortedMembers(acc.earliest);
  const latest = sortedMembers(acc.latest);
  return {
    ...acc.key,
    claimCount: acc.claimCount,
    quantities: [...acc.quantities.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([unit, t]) => ({ unit, min: numberOfExact(t.min), max: numberOfExact(t.max), claims: t.claims, openEnded: t.openEnded > 0 })),
    values: [...acc.values.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, v]) => ({ currency, amount: numberOfExact(v.amount) })),
    ...(earliest.length ? { earliest: earliest[0] } : {}),
    ...(latest.length ? { latest: latest[latest.length - 1] } : {}),
    bestCredibility: Math.min(...credibilities) as InformationCredibility,
    worstCredibility: Math.max(...credibilities) as InformationCredibility,
    independentSources: acc.publishers.size,
    chplTiers: sortedMembers(acc.chplTiers),
    items: sortedMembers(acc.items),
    entities: sortedMembers(acc.entities),
  };
}

/** JSON form of an accumulator (`ledger_rows.acc`), every list sorted: equal accumulators store equal JSON. */
export function ledgerAccumulatorToJson(acc: LedgerAccumulator): unknown {
  return {
    ...acc,
    quantities: [...acc.quantities.entries()]
      .sort(([a], [b]) => byCodePoint(a, b))
      .map(([unit, t]) => [unit, { ...t, min: exactToJson(t.min), max: exactToJson(t.max) }]),
    values: [...acc.values.entries()]
      .sort(([a], [b]) => byCodePoint(a, b))
      .map(([currency, v]) => [currency, { ...v, amount: exactToJson(v.amount) }]),
    ...Object.fromEntries(MULTISET_FIELDS.map((f) => [f, multisetToJson(acc[f])])),
  };
}

export function ledgerAccumulatorFromJson(json: unknown): LedgerAccumulator {
  const j = json as Record<string, unknown>;
  return {
    key: j.key as LedgerKey,
    claimCount: j.claimCount as number,
    quantities: new Map(
      (j.quantities as [string, { min: string; max: string; claims: number; openEnded: number }][]).map(([unit, t]) => [
        unit,
        { ...t, min: exactFromJson(t.min), max: exactFromJson(t.max) },
      ]),
    ),
    values: new Map(
      (j.values as [string, { amount: string; claims: number }][]).map(([currency, v]) => [
        currency,
        { ...v, amount: exactFromJson(v.amount) },
      ]),
    ),
    ...(Object.fromEntries(MULTISET_FIELDS.map((f) => [f, multisetFromJson(j[f] as MultisetJson)])) as Record<
      (typeof MULTISET_FIELDS)[number],
      Multiset
    >),
  };
}

const MULTISET_FIELDS = ['earliest', 'latest', 'credibility', 'publishers', 'chplTiers', 'items', 'entities'] as const;

/** Accumulators of every ledger key the claims belong to (each transfer claim counts on both sides). */
export function accumulateLedger(states: Iterable<ClaimState>): Map<string, LedgerAccumulator> {
  const accs = new Map<string, LedgerAccumulator>();
  for (const state of states) {
    for (const key of ledgerKeysOf(state)) {
      const id = ledgerKeyString(key);
      let acc = accs.get(id);
      if (!acc) accs.set(id, (acc = emptyLedgerAccumulator(key)));
      accumulateLedgerClaim(acc, state, 1);
    }
  }
  return accs;
}

/**
 * Folds claim states into ledger rows: every transfer claim counts once on its supplier's side and once on its
 * recipient's side, under its {@link LedgerKey}. Rows come out sorted by key, their lists sorted by code point, so
 * the result does not depend on the order of the claims (the live projection's incremental rows equal a rebuild's).
 * @param country only this country's rows (ISO 3166-1 alpha-2): the other side of each claim is not folded.
 */
export function foldLedger(states: Iterable<ClaimState>, country?: CountryCode): LedgerRow[] {
  const rows = new Map<string, { acc: LedgerAccumulator; members: ClaimMember[] }>();
  for (const state of states) {
    for (const key of ledgerKeysOf(state)) {
      if (country !== undefined && key.country !== country) continue;
      const id = ledgerKeyString(key);
      let row = rows.get(id);
      if (!row) rows.set(id, (row = { acc: emptyLedgerAccumulator(key), members: [] }));
      accumulateLedgerClaim(row.acc, state, 1);
      row.members.push([state.reportId, state.claimId]);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => byCodePoint(a, b))
    .flatMap(([, { acc, members }]) => {
      const row = ledgerRowOf(acc);
      return row ? [withMembers(row, members)] : [];
    });
}

/** Claim states in a stable order (report id, then claim id), e.g. for listing them; the folds do not need it. */
export function sortClaimStates<T extends Pick<ClaimState, 'reportId' | 'claimId'>>(states: T[]): T[] {
  return [...states].sort((a, b) => byCodePoint(a.reportId, b.reportId) || byCodePoint(a.claimId, b.claimId));
}
