import type { ClientBase, Pool } from 'pg';
import type { ClaimState } from '../fold/report-state';
import type { StoredLedgerRow } from '../fold/ledger';

/**
 * A country's stored ledger rows in the read-model version `schema`, in the order of their ledger key by code point
 * (`COLLATE "C"`, as the fold sorts), after the key `afterKey`.
 */
export async function readLedgerRows(
  db: Pool | ClientBase,
  schema: string,
  country: string,
  afterKey: string | null,
): Promise<StoredLedgerRow[]> {
  const { rows } = await db.query<{ row: StoredLedgerRow }>(
    `SELECT row FROM ${schema}.ledger_rows WHERE country = $1 AND ($2::text IS NULL OR key COLLATE "C" > $2) ORDER BY key COLLATE "C"`,
    [country, afterKey],
  );
  return rows.map((r) => r.row);
}

/** The claim states of every transfer claim with a ledger row of `country` (for folds with claim filters), in report and claim order. */
export async function readTransferClaimStates(db: Pool | ClientBase, schema: string, country: string): Promise<ClaimState[]> {
  const { rows } = await db.query<{ state: ClaimState }>(
    `SELECT state FROM ${schema}.claim_states WHERE kind = 'transfer' AND EXISTS (SELECT 1 FROM unnest(ledger_keys) AS k WHERE k LIKE $1) ORDER BY report_id, claim_id`,
    [`${country}|%`],
  );
  return rows.map((r) => r.state);
}
