import type { ClientBase, Pool } from 'pg';
import type { DirectoryEntity, StoredDirectoryEntity } from '../fold/entities';
import { withEntityReports } from '../postgres/members';

/** Which named parties: a substring of the normalised name (any text; matched literally) and an ISO 3166-1 alpha-2 country. */
export interface EntityFilter {
  text?: string;
  country?: string;
}

/** An entity with its place in the directory's order (claims, most first; then its key). */
export interface OrderedEntity {
  entity: DirectoryEntity;
  order: [claimCount: number, key: string];
}

/**
 * Up to `limit` entries of the entity directory in the read-model version `schema`, most mentioned first, after the
 * entry whose order is `after` (keyset paging), each with the reports that name it.
 */
export async function readEntityDirectory(db: Pool | ClientBase, schema: string, filter: EntityFilter, after: OrderedEntity['order'] | null, limit: number): Promise<OrderedEntity[]> {
  const needle = filter.text ? `%${filter.text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await db.query<{ entry: StoredDirectoryEntity; claim_count: number; key: string }>(
    `SELECT entry, claim_count, key FROM ${schema}.entity_directory
      WHERE ($1::text IS NULL OR key LIKE $1) AND ($2::text IS NULL OR $2 = ANY(countries))
        AND ($4::bigint IS NULL OR claim_count < $4 OR (claim_count = $4 AND key > $5))
      ORDER BY claim_count DESC, key LIMIT $3`,
    [needle, filter.country ?? null, limit, after?.[0] ?? null, after?.[1] ?? null],
  );
  const entities = await withEntityReports(db, schema, rows.map((r) => r.entry));
  return rows.map((r, i) => ({ entity: entities[i]!, order: [r.claim_count, r.key] }));
}

/** A directory name as entity resolution reads it: key, most used spelling, types, claims naming it. */
export interface EntityNameRow {
  key: string;
  name: string;
  types: StoredDirectoryEntity['types'];
  claimCount: number;
}

/** Every name of the entity directory in the read-model version `schema` (one row each; no order). */
export async function readEntityNames(db: Pool | ClientBase, schema: string): Promise<EntityNameRow[]> {
  const { rows } = await db.query<{ key: string; name: string; types: StoredDirectoryEntity['types']; claim_count: number }>(
    `SELECT key, name, entry->'types' AS types, claim_count FROM ${schema}.entity_directory`,
  );
  return rows.map((r) => ({ key: r.key, name: r.name, types: r.types, claimCount: r.claim_count }));
}

/** A claim naming an entity, as its page lists it. */
export interface EntityClaimRow {
  reportId: string;
  claimId: string;
  kind: string;
  status: string;
  /** Admiralty information credibility 1–6. */
  credibility: number;
  /** The claim as it now stands (`Claim` of `@tm/domain`). */
  claim: unknown;
  /** The report's source document. */
  source: unknown;
  sourceReliability: string;
  /** Which of the entity's directory keys the claim names. */
  keys: string[];
}

/**
 * Up to `limit` claims naming any of the directory `keys` (GIN index on `claim_states.entity_keys`), by report id
 * then claim id, after `after` (keyset paging).
 */
export async function readEntityClaims(db: Pool | ClientBase, schema: string, keys: string[], after: [reportId: string, claimId: string] | null, limit: number): Promise<EntityClaimRow[]> {
  const { rows } = await db.query<{ report_id: string; claim_id: string; kind: string; status: string; credibility: number; claim: unknown; source: unknown; source_reliability: string; keys: string[] }>(
    `SELECT report_id, claim_id, kind, status, credibility, state->'claim' AS claim, state->'source' AS source, state->>'sourceReliability' AS source_reliability,
            ARRAY(SELECT k FROM unnest(entity_keys) AS k WHERE k = ANY($1::text[]) ORDER BY k) AS keys
       FROM ${schema}.claim_states
      WHERE entity_keys && $1::text[] AND ($2::text IS NULL OR (report_id, claim_id) > ($2, $3))
      ORDER BY report_id, claim_id LIMIT $4`,
    [keys, after?.[0] ?? null, after?.[1] ?? null, limit],
  );
  return rows.map((r) => ({ reportId: r.report_id, claimId: r.claim_id, kind: r.kind, status: r.status, credibility: r.credibility, claim: r.claim, source: r.source, sourceReliability: r.source_reliability, keys: r.keys }));
}

/** A party that shares claims with an entity: a country, with the entity named for it (absent: the state itself). */
export interface CounterpartyRow {
  country: string;
  name?: string;
  /** Directory key of `name`. */
  key?: string;
  /** Claims naming both. */
  claimCount: number;
}

/**
 * Parties of the claims naming any of `keys` (suppliers, recipients, intermediaries, end users, participants), other
 * than the entity itself (parties whose name is one of `keys`), with the number of such claims, most first; and how
 * many claims name the entity.
 */
export async function readEntityCounterparties(db: Pool | ClientBase, schema: string, keys: string[], limit: number): Promise<{ claimCount: number; counterparties: CounterpartyRow[] }> {
  const { rows } = await db.query<{ country: string | null; name: string | null; key: string | null; claims: string; total: string }>(
    `WITH mine AS (SELECT report_id, claim_id, state->'claim' AS c FROM ${schema}.claim_states WHERE entity_keys && $1::text[]),
     parties AS (
       SELECT m.report_id, m.claim_id, p FROM mine m CROSS JOIN LATERAL (
         SELECT m.c->'supplier' UNION ALL SELECT m.c->'recipient' UNION ALL SELECT m.c->'endUser'
         UNION ALL SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(m.c->'intermediaries') = 'array' THEN m.c->'intermediaries' ELSE '[]' END)
         UNION ALL SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(m.c->'participants') = 'array' THEN m.c->'participants' ELSE '[]' END)
       ) AS parts(p) WHERE p IS NOT NULL AND jsonb_typeof(p) = 'object'),
     named AS (
       SELECT report_id, claim_id, p->>'country' AS country, nullif(btrim(p->'entity'->>'name'), '') AS name,
              lower(regexp_replace(btrim(normalize(coalesce(p->'entity'->>'name', ''), NFKC)), '\\s+', ' ', 'g')) AS key FROM parties)
     SELECT country, name, nullif(key, '') AS key, count(DISTINCT (report_id, claim_id)) AS claims, (SELECT count(*) FROM mine) AS total
       FROM named WHERE NOT (key = ANY($1::text[])) GROUP BY country, name, key ORDER BY claims DESC, country, name LIMIT $2`,
    [keys, limit],
  );
  const total = rows[0] ? Number(rows[0].total) : Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.claim_states WHERE entity_keys && $1::text[]`, [keys])).rows[0]!.n);
  return {
    claimCount: total,
    counterparties: rows.map((r) => ({ country: r.country ?? '', ...(r.name ? { name: r.name, key: r.key ?? undefined } : {}), claimCount: Number(r.claims) })),
  };
}

/** An alert raised on a name of an entity. */
export interface EntityAlertRow {
  alertId: string;
  status: string;
  reportId: string;
  claimId?: string;
  location: string;
  queryName: string;
  listId: string;
  entryId: string;
  entryName: string;
  programs: string[];
  score: number;
  raisedAt: string;
}

/**
 * Alerts (the `alerts` table) whose name as written in the report has one of the directory `keys` (same
 * normalisation as `entityKey`), newest first, at most `limit`; and how many there are in all.
 */
export async function readEntityAlerts(db: Pool | ClientBase, keys: string[], limit: number): Promise<{ total: number; alerts: EntityAlertRow[] }> {
  const { rows } = await db.query<{ alert_id: string; status: string; report_id: string; claim_id: string | null; location: string; query_name: string; list_id: string; entry_id: string; entry_name: string; programs: string[]; score: number; raised_at: Date; total: string }>(
    `SELECT alert_id, status, report_id, claim_id, location, query_name, list_id, entry_id, entry_name, programs, score, raised_at, count(*) OVER () AS total
       FROM alerts WHERE lower(regexp_replace(btrim(normalize(query_name, NFKC)), '\\s+', ' ', 'g')) = ANY($1::text[])
      ORDER BY raised_at DESC, alert_id DESC LIMIT $2`,
    [keys, limit],
  );
  return {
    total: rows[0] ? Number(rows[0].total) : 0,
    alerts: rows.map((a) => ({
      alertId: a.alert_id, status: a.status, reportId: a.report_id, ...(a.claim_id ? { claimId: a.claim_id } : {}), location: a.location, queryName: a.query_name,
      listId: a.list_id, entryId: a.entry_id, entryName: a.entry_name, programs: a.programs, score: a.score, raisedAt: a.raised_at.toISOString(),
    })),
  };
}
