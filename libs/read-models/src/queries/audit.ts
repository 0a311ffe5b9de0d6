import type { ClientBase, Pool } from 'pg';

/** What became of a request: let through by access control, or refused by it (401, 403, 429). */
export const AUDIT_OUTCOMES = ['allowed', 'unauthenticated', 'forbidden', 'rate-limited'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One request to the API as the audit log keeps it (`api_audit`). */
export interface AuditEntry {
  /** Position in the log (digits, as text: a bigint). */
  auditId: string;
  /** When the request arrived (ISO 8601, UTC, millisecond precision). */
  at: string;
  /** The API key's id, `bootstrap-admin`, or null when no key or an unknown one was presented. */
  keyId: string | null;
  /** The key's name and role as they were at the time. */
  keyName: string | null;
  keyRole: string | null;
  method: string;
  /** The route template (`/v1/reports/:id`); null when no route matched (404). */
  route: string | null;
  /** The path as requested, without the query string, at most {@link AUDIT_PATH_MAX} characters. */
  path: string;
  /** The HTTP status answered. */
  status: number;
  outcome: AuditOutcome;
  correlationId: string | null;
  /** The TCP peer's address. */
  clientAddress: string | null;
}

/** Longest `path` stored; longer ones are cut. */
export const AUDIT_PATH_MAX = 512;

/** Which requests: exact key id, route template and outcome, and an arrival time range (ISO 8601, both inclusive). */
export interface AuditFilter {
  keyId?: string;
  route?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

/** Where the previous page ended: its last entry's `at` and `auditId`. */
export type AuditPosition = [at: string, auditId: string];

/**
 * Up to `limit` audit entries matching `filter`, newest first (by arrival, then position), after `after` (keyset
 * paging). Source: table `api_audit`, written by the API's audit log in batches.
 */
export async function readAuditLog(
  db: Pool | ClientBase,
  filter: AuditFilter,
  after: AuditPosition | null,
  limit: number,
): Promise<AuditEntry[]> {
  const { rows } = await db.query<{
    audit_id: string;
    at: Date;
    key_id: string | null;
    key_name: string | null;
    key_role: string | null;
    method: string;
    route: string | null;
    path: string;
    status: number;
    outcome: AuditOutcome;
    correlation_id: string | null;
    client_address: string | null;
  }>(
    `SELECT audit_id, at, key_id, key_name, key_role, method, route, path, status, outcome, correlation_id, client_address
       FROM api_audit
      WHERE ($1::text IS NULL OR key_id = $1) AND ($2::text IS NULL OR route = $2) AND ($3::text IS NULL OR outcome = $3)
        AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at <= $5)
        AND ($6::timestamptz IS NULL OR (at, audit_id) < ($6, $7::bigint))
      ORDER BY at DESC, audit_id DESC
      LIMIT $8`,
    [
      filter.keyId ?? null,
      filter.route ?? null,
      filter.outcome ?? null,
      filter.from ?? null,
      filter.to ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      limit,
    ],
  );
  return rows.map((r) => ({
    auditId: String(r.audit_id),
    at: r.at.toISOString(),
    keyId: r.key_id,
    keyName: r.key_name,
    keyRole: r.key_role,
    method: r.method,
    route: r.route,
    path: r.path,
    status: r.status,
    outcome: r.outcome,
    correlationId: r.correlation_id,
    clientAddress: r.client_address,
  }));
}

/** An audit entry to store (no `auditId`: the table numbers it). */
export type NewAuditEntry = Omit<AuditEntry, 'auditId' | 'at'> & { at: Date };

/**
 * Stores `entries` in one multi-row INSERT (one round trip, whatever their number: the columns go as arrays).
 * @throws the pg error when PostgreSQL cannot be reached or refuses the statement
 */
export async function appendAuditEntries(db: Pool | ClientBase, entries: NewAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const column = <T>(pick: (e: NewAuditEntry) => T): T[] => entries.map(pick);
  await db.query(
    `INSERT INTO api_audit (at, key_id, key_name, key_role, method, route, path, status, outcome, correlation_id, client_address)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[])`,
    [
      column((e) => e.at),
      column((e) => e.keyId),
      column((e) => e.keyName),
      column((e) => e.keyRole),
      column((e) => e.method),
      column((e) => e.route),
      column((e) => e.path),
      column((e) => e.status),
      column((e) => e.outcome),
      column((e) => e.correlationId),
      column((e) => e.clientAddress),
    ],
  );
}
