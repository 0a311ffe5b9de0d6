import type { ClientBase, Pool } from 'pg';
import { withReports, type DirectoryEntity, type StoredDirectoryEntity } from '../fold/entities';
import { ledgerKeyString, withMembers, type ClaimMember, type LedgerRow, type StoredLedgerRow } from '../fold/ledger';

type Queryable = Pool | ClientBase;

/**
 * Stored ledger rows with the reports and claims behind them, read from `claim_states` (GIN index on
 * `ledger_keys`) in one query: the projection keeps these lists out of `ledger_rows`, where every claim would
 * rewrite them.
 */
export async function withLedgerMembers(db: Queryable, schema: string, rows: StoredLedgerRow[]): Promise<LedgerRow[]> {
  if (rows.length === 0) return [];
  const keys = rows.map(ledgerKeyString);
  const { rows: found } = await db.query<{ key: string; report_id: string; claim_id: string }>(
    `SELECT k AS key, report_id, claim_id FROM ${schema}.claim_states CROSS JOIN LATERAL unnest(ledger_keys) AS k
     WHERE ledger_keys && $1::text[] AND k = ANY($1::text[])`,
    [keys],
  );
  const members = new Map<string, ClaimMember[]>();
  for (const m of found) {
    if (!members.has(m.key)) members.set(m.key, []);
    members.get(m.key)!.push([m.report_id, m.claim_id]);
  }
  return rows.map((row) => withMembers(row, members.get(ledgerKeyString(row)) ?? []));
}

/** Stored directory entries with the reports naming them, read from `claim_states` (GIN index on `entity_keys`). */
export async function withEntityReports(db: Queryable, schema: string, entries: StoredDirectoryEntity[]): Promise<DirectoryEntity[]> {
  if (entries.length === 0) return [];
  const { rows: found } = await db.query<{ key: string; report_ids: string[] }>(
    `SELECT k AS key, array_agg(DISTINCT report_id) AS report_ids FROM ${schema}.claim_states CROSS JOIN LATERAL unnest(entity_keys) AS k
     WHERE entity_keys && $1::text[] AND k = ANY($1::text[]) GROUP BY k`,
    [entries.map((e) => e.key)],
  );
  const reports = new Map(found.map((r) => [r.key, r.report_ids]));
  return entries.map((entry) => withReports(entry, reports.get(entry.key) ?? []));
}
