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
export async function readEntityDirectory(
  db: Pool | ClientBase,
  schema: string,
  filter: EntityFilter,
  after: OrderedEntity['order'] | null,
  limit: number,
): Promise<OrderedEntity[]> {
  const needle = filter.text
    ? `%${filter.text
        .normalize('NFKC')
        .trim()
        .replace(/\s+/g, ' ')
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    : null;
  const { rows } = await db.query<{ entry: StoredDirectoryEntity; claim_count: number; key: string }>(
    `SELECT entry, claim_count, key FROM ${schema}.entity_directory
      WHERE ($1::text IS NULL OR key LIKE $1) AND ($2::text IS NULL OR $2 = ANY(countries))
        AND ($4::bigint IS NULL OR claim_count < $4 OR (claim_count = $4 AND key > $5))
      ORDER BY claim_count DESC, key LIMIT $3`,
    [needle, filter.country ?? null, limit, after?.[0] ?? null, after?.[1] ?? null],
  );
  const entities = await withEntityReports(
    db,
    schema,
    rows.map((r) => r.entry),
  );
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

/** How many claims name an entity (the sum of its names' directory counts) from which its claims are read in key order. */
export const DENSE_ENTITY_CLAIMS = 5_000;

/**
 * The claims naming any of `keys`, in key order, as SQL: for an entity named by many claims (`expectedClaims` ≥
 * {@link DENSE_ENTITY_CLAIMS}) the primary key read in order, filtered (the first matches come soon); for the others
 * the GIN index on `entity_keys` first, materialised (never a walk of the whole primary key looking for rare names).
 */
function entityClaimKeysSql(schema: string, expectedClaims: number, extraWhere: string, limitParam: string): string {
  const where = `entity_keys && $1::text[]${extraWhere}`;
  return expectedClaims >= DENSE_ENTITY_CLAIMS
    ? `SELECT report_id, claim_id FROM ${schema}.claim_states WHERE ${where} ORDER BY report_id, claim_id LIMIT ${limitParam}`
    : `SELECT report_id, claim_id FROM (SELECT report_id, claim_id FROM ${schema}.claim_states WHERE ${where} OFFSET 0) AS matches ORDER BY report_id, claim_id LIMIT ${limitParam}`;
}

/**
 * Up to `limit` claims naming any of the directory `keys`, by report id then claim id, after `after` (keyset
 * paging); `expectedClaims` (the directory's count) chooses how they are found ({@link entityClaimKeysSql}).
 */
export async function readEntityClaims(
  db: Pool | ClientBase,
  schema: string,
  keys: string[],
  after: [reportId: string, claimId: string] | null,
  limit: number,
  expectedClaims = 0,
): Promise<EntityClaimRow[]> {
  // The page's keys first, then the states of those claims only: an entity named by 100k claims does not read 100k
  // states for a page of 50.
  const { rows } = await db.query<{
    report_id: string;
    claim_id: string;
    kind: string;
    status: string;
    credibility: number;
    claim: unknown;
    source: unknown;
    source_reliability: string;
    keys: string[];
  }>(
    `WITH page AS (${entityClaimKeysSql(schema, expectedClaims, ' AND ($2::text IS NULL OR (report_id, claim_id) > ($2, $3))', '$4')})
     SELECT c.report_id, c.claim_id, c.kind, c.status, c.credibility, c.state->'claim' AS claim, c.state->'source' AS source, c.state->>'sourceReliability' AS source_reliability,
            ARRAY(SELECT k FROM unnest(c.entity_keys) AS k WHERE k = ANY($1::text[]) ORDER BY k) AS keys
       FROM page JOIN ${schema}.claim_states c USING (report_id, claim_id)
      ORDER BY c.report_id, c.claim_id`,
    [keys, after?.[0] ?? null, after?.[1] ?? null, limit],
  );
  return rows.map((r) => ({
    reportId: r.report_id,
    claimId: r.claim_id,
    kind: r.kind,
    status: r.status,
    credibility: r.credibility,
    claim: r.claim,
    source: r.source,
    sourceReliability: r.source_reliability,
    keys: r.keys,
  }));
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
 * than the entity itself (parties whose name is one of `keys`), with the number of such claims, most first, read
 * from the first `maxClaims` of those claims (by report id and claim id; `sampled` says when there were more; about
 * 0.2 ms of PostgreSQL per claim on the benchmark machine); and how many claims name the entity (all of them:
 * `knownClaimCount` when the caller knows it, e.g. the directory's count of a single name, else counted).
 */
export async function readEntityCounterparties(
  db: Pool | ClientBase,
  schema: string,
  keys: string[],
  limit: number,
  maxClaims = 1_000,
  expectedClaims = 0,
  knownClaimCount?: number,
): Promise<{ claimCount: number; counterparties: CounterpartyRow[]; sampled: boolean }> {
  const counted =
    knownClaimCount === undefined
      ? db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.claim_states WHERE entity_keys && $1::text[]`, [keys])
      : Promise.resolve({ rows: [{ n: String(knownClaimCount) }] });
  const { rows } = await db.query<{ country: string | null; name: string | null; key: string | null; claims: string }>(
    `WITH picked AS (${entityClaimKeysSql(schema, expectedClaims, '', '$3')}),
     mine AS (SELECT c.report_id, c.claim_id, c.state->'claim' AS c FROM picked JOIN ${schema}.claim_states c USING (report_id, claim_id)),
     parties AS (
       SELECT m.report_id, m.claim_id, p FROM mine m CROSS JOIN LATERAL (
         SELECT m.c->'supplier' UNION ALL SELECT m.c->'recipient' UNION ALL SELECT m.c->'endUser'
         UNION ALL SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(m.c->'intermediaries') = 'array' THEN m.c->'intermediaries' ELSE '[]' END)
         UNION ALL SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(m.c->'participants') = 'array' THEN m.c->'participants' ELSE '[]' END)
       ) AS parts(p) WHERE p IS NOT NULL AND jsonb_typeof(p) = 'object'),
     named AS (
       SELECT report_id, claim_id, p->>'country' AS country, nullif(btrim(p->'entity'->>'name'), '') AS name,
              lower(regexp_replace(btrim(normalize(coalesce(p->'entity'->>'name', ''), NFKC)), '\\s+', ' ', 'g')) AS key FROM parties)
     SELECT country, name, nullif(key, '') AS key, count(DISTINCT (report_id, claim_id)) AS claims
       FROM named WHERE NOT (key = ANY($1::text[])) GROUP BY country, name, key ORDER BY claims DESC, country, name LIMIT $2`,
    [keys, limit, maxClaims],
  );
  const total = Number((await counted).rows[0]!.n);
  return {
    claimCount: total,
    sampled: total > maxClaims,
    counterparties: rows.map((r) => ({
      country: r.country ?? '',
      ...(r.name ? { name: r.name, key: r.key ?? undefined } : {}),
      claimCount: Number(r.claims),
    })),
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
export async function readEntityAlerts(
  db: Pool | ClientBase,
  keys: string[],
  limit: number,
): Promise<{ total: number; alerts: EntityAlertRow[] }> {
  const { rows } = await db.query<{
    alert_id: string;
    status: string;
    report_id: string;
    claim_id: string | null;
    location: string;
    query_name: string;
    list_id: string;
    entry_id: string;
    entry_name: string;
    programs: string[];
    score: number;
    raised_at: Date;
    total: string;
  }>(
    `SELECT alert_id, status, report_id, claim_id, location, query_name, list_id, entry_id, entry_name, programs, score, raised_at, count(*) OVER () AS total
       FROM alerts WHERE lower(regexp_replace(btrim(normalize(query_name, NFKC)), '\\s+', ' ', 'g')) = ANY($1::text[])
      ORDER BY raised_at DESC, alert_id DESC LIMIT $2`,
    [keys, limit],
  );
  return {
    total: rows[0] ? Number(rows[0].total) : 0,
    alerts: rows.map((a) => ({
      alertId: a.alert_id,
      status: a.status,
      reportId: a.report_id,
      ...(a.claim_id ? { claimId: a.claim_id } : {}),
      location: a.location,
      queryName: a.query_name,
      listId: a.list_id,
      entryId: a.entry_id,
      entryName: a.entry_name,
      programs: a.programs,
      score: a.score,
      raisedAt: a.raised_at.toISOString(),
    })),
  };
}
