import type { AssistanceType, TransferClaim } from '@tm/domain';
import { countryNameEn, kielTrackerColumns, sipriTradeRegisterColumns } from '@tm/reference';
import { claimMatches, rowMatches, type ClaimFilter, type RowFilter } from './filters';
import { yearOfDate } from './flows';
import { ledgerKeysOf, sortClaimStates } from './ledger';
import type { ClaimState } from './report-state';

/** The column sets a ledger can be exported in. */
export const LEDGER_EXPORT_FORMATS = ['sipri', 'kiel'] as const;
export type LedgerExportFormat = (typeof LEDGER_EXPORT_FORMATS)[number];

/** Stages at which a transfer counts as ordered (SIPRI's order date) and as delivered (delivery year, numbers delivered). */
const ORDERED = new Set([
  'agreed-in-principle',
  'pledged',
  'allocated',
  'contracted',
  'in-production',
  'shipped',
  'delivered',
  'observed-in-use',
]);
const DELIVERED = new Set(['delivered', 'observed-in-use']);

/** Kiel's "Type of Aid General" for an assistance type (dual-use goods are counted with military aid). */
const KIEL_AID: Record<AssistanceType, string> = {
  military: 'Military',
  'dual-use': 'Military',
  economic: 'Financial',
  humanitarian: 'Humanitarian',
};

/** A quantity as written: the value, a range `min-max`, or `min+` when open-ended; `/month` for rates. */
function quantityText(claim: TransferClaim): string {
  const q = claim.quantity;
  if (!q) return '';
  const amount = q.value !== undefined ? String(q.value) : q.max !== undefined ? `${q.min ?? 0}-${q.max}` : `${q.min ?? 0}+`;
  return `${amount}${q.unit === 'units' ? '' : ` ${q.unit}`}${q.qualifier === 'per-month' ? '/month' : ''}`;
}

const yesNo = (estimate: boolean) => (estimate ? 'Yes' : 'No');

/** A claim's date is an estimate unless it names one day or one month. */
const dateIsEstimate = (claim: TransferClaim) => !claim.date || !['day', 'month'].includes(claim.date.precision);

/** One transfer claim as a row of SIPRI's trade register (2025+ columns); what the claims do not say is left empty. */
function sipriRow(state: ClaimState, claim: TransferClaim): string[] {
  const year = yearOfDate(claim.date);
  const delivered = DELIVERED.has(claim.stage);
  return [
    `${state.reportId}/${state.claimId}`,
    countryNameEn(claim.supplier.country),
    countryNameEn(claim.recipient.country),
    claim.item.designation ?? '',
    claim.item.description,
    claim.item.sipriCategory ?? '',
    ORDERED.has(claim.stage) && year !== null ? String(year) : '',
    ORDERED.has(claim.stage) && year !== null ? yesNo(dateIsEstimate(claim)) : '',
    delivered ? quantityText(claim) : '',
    delivered && claim.quantity ? yesNo(claim.quantity.qualifier !== 'exact') : '',
    delivered && year !== null ? String(year) : '',
    delivered && year !== null ? yesNo(dateIsEstimate(claim)) : '',
    state.status === 'active' ? claim.stage : `${claim.stage} (${state.status})`,
    '',
    '',
    '',
    '',
  ];
}

/** One transfer claim as a row of the Kiel tracker; Kiel's own valuations and groupings are left empty. */
function kielRow(state: ClaimState, claim: TransferClaim): string[] {
  return [
    `${state.reportId}/${state.claimId}`,
    countryNameEn(claim.supplier.country),
    '',
    state.source.publishedOn,
    KIEL_AID[claim.assistanceType],
    claim.item.description,
    claim.item.designation ?? '',
    quantityText(claim),
    claim.value?.currency ?? '',
    claim.value ? String(claim.value.amount) : '',
    '',
    '',
    '',
    '',
    '',
    '',
  ];
}

/**
 * Transfer claims as rows of SIPRI's trade register (`sipri`: the 2025+ export's 17 columns, one row per claim,
 * countries by English name, the order date and delivery year from the claim's reported year and stage, TIV
 * columns empty) or of the Kiel Ukraine Support Tracker (`kiel`: 16 columns, donor = supplier, announcement = the
 * source's publication day, values as given by the source; Kiel's own estimates empty). The column names are those
 * of `data/reference` (see `sipriTradeRegisterColumns`, `kielTrackerColumns`); claims in the order given.
 */
export function ledgerExportRows(states: ClaimState[], format: LedgerExportFormat): { columns: string[]; rows: string[][] } {
  const columns = format === 'sipri' ? sipriTradeRegisterColumns() : kielTrackerColumns();
  const rows = states.flatMap((state) =>
    state.claim.kind === 'transfer' ? [format === 'sipri' ? sipriRow(state, state.claim) : kielRow(state, state.claim)] : [],
  );
  for (const row of rows)
    if (row.length !== columns.length) throw new Error(`a ${format} row has ${row.length} values for ${columns.length} columns`);
  return { columns, rows };
}

/**
 * The transfer claims behind a country's ledger rows that pass the filters: a claim is kept when its side of the
 * transfer (the country as supplier or as recipient) has a ledger key passing `rowFilter`, and it passes
 * `claimFilter`. Sorted by report and claim id.
 */
export function ledgerClaims(states: ClaimState[], country: string, rowFilter: RowFilter, claimFilter: ClaimFilter): ClaimState[] {
  return sortClaimStates(
    states.filter(
      (state) =>
        claimMatches(state, claimFilter) && ledgerKeysOf(state).some((key) => key.country === country && rowMatches(key, rowFilter)),
    ),
  );
}
