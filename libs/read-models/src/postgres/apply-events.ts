import type { ClientBase } from 'pg';
import { advisoryLocks, advisoryXactLocks } from '@tm/database';
import { REPORT_STREAM_TYPE } from '@tm/domain';
import {
  accumulateEntityClaim,
  directoryEntityOf,
  entityAccumulatorFromJson,
  entityAccumulatorToJson,
  entityKeysOf,
  type EntityAccumulator,
} from '../fold/entities';
import {
  accumulateLedger,
  accumulateLedgerClaim,
  emptyLedgerAccumulator,
  ledgerAccumulatorFromJson,
  ledgerAccumulatorToJson,
  ledgerKeysOf,
  ledgerKeyString,
  ledgerRowOf,
  type LedgerAccumulator,
} from '../fold/ledger';
import type { ClaimState, ReportState } from '../fold/report-state';
import { claimHistoryOf, foldBatch, reportIdOf, type ClaimHistoryWrites, type ClaimVersion } from './fold-batch';
import type { ProjectableEvent } from './projectable-event';
import { readReportStates } from './report-states';
import { claimHistoryRow, claimStateRow, reportViewRow, timelineRows } from './rows';

export type { ProjectableEvent } from './projectable-event';

export interface ApplyOptions {
  /**
   * Update the ledger rows and directory entries the batch touches (default true). A rebuild turns it off for its
   * bulk batches: it keeps the accumulators in memory (`inMemory`) and writes them once at the end
   * ({@link writeAggregates}), or, resuming after a crash, derives them from `claim_states` ({@link deriveAllAggregates}).
   */
  deriveAggregates?: boolean;
  /** Accumulators to update in memory instead of the tables (only with `deriveAggregates: false`). */
  inMemory?: InMemoryAggregates;
}

/** Ledger and directory accumulators held by a rebuild between its batches, by key. */
export interface InMemoryAggregates {
  ledger: Map<string, LedgerAccumulator>;
  entities: Map<string, EntityAccumulator>;
}

export function emptyAggregates(): InMemoryAggregates {
  return { ledger: new Map(), entities: new Map() };
}

/** Takes the claims' old states out of the accumulators and adds their new ones. */
export function accumulateChanges(aggregates: InMemoryAggregates, before: ClaimState[], after: ClaimState[]): void {
  accumulateLedgerChanges(aggregates.ledger, before, after);
  accumulateEntityChanges(aggregates.entities, before, after);
}

/** −old +new on the ledger accumulators of the claims' keys, leaving the keys in `skip` alone. */
function accumulateLedgerChanges(
  accs: Map<string, LedgerAccumulator>,
  before: ClaimState[],
  after: ClaimState[],
  skip?: ReadonlySet<string>,
): void {
  const apply = (state: ClaimState, sign: 1 | -1) => {
    for (const key of ledgerKeysOf(state)) {
      const id = ledgerKeyString(key);
      if (skip?.has(id)) continue;
      let acc = accs.get(id);
      if (!acc) accs.set(id, (acc = emptyLedgerAccumulator(key)));
      accumulateLedgerClaim(acc, state, sign);
    }
  };
  before.forEach((state) => apply(state, -1));
  after.forEach((state) => apply(state, 1));
}

/** −old +new on the directory accumulators of the entities the claims name (of those in `only`, when given). */
function accumulateEntityChanges(
  accs: Map<string, EntityAccumulator>,
  before: ClaimState[],
  after: ClaimState[],
  only?: Set<string>,
): void {
  before.forEach((state) => accumulateEntityClaim(accs, state, -1, only));
  after.forEach((state) => accumulateEntityClaim(accs, state, 1, only));
}

export interface ApplyResult {
  /** Events applied (at most one per stream version; redelivered ones are not counted). */
  applied: number;
  /** Events at or below their stream's stored version: already applied, changed nothing. */
  duplicates: number;
  /** Events the fold refused, with the reason; nothing of them was written. */
  refused: { event: ProjectableEvent; reason: string }[];
}

/**
 * Applies events to the read models in `schema`, inside the caller's transaction (which must also be the one that
 * commits them, so writes and per-stream versions commit together):
 * 1. skips events at or below their stream's stored version (idempotent under redelivery and replay);
 * 2. folds report events into the stored report states (events of other stream types only advance the position);
 * 3. writes the report views and the claim states that changed (valid from their event's checkpoint; the states
 *    they replace go to `claim_state_history`), and the timeline entries of those claims;
 * 4. updates exactly the ledger rows and directory entries whose keys the old or new claim states belong to, by
 *    taking the old states out of their accumulators and adding the new ones (see {@link updateAggregates});
 * 5. stores the streams' versions and the highest global position applied or skipped.
 * Events must come in global order (per stream: version order).
 */
export async function applyEvents(
  client: ClientBase,
  schema: string,
  events: ProjectableEvent[],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, duplicates: 0, refused: [] };
  // The read models are folds of report streams only: events of other streams (sanctions lists, alerts, entity
  // decisions) change none and get no stream version here, but the position moves past them, so a reader waiting for
  // one (`minPosition`, `hasApplied`) sees the projection reach it.
  const skipped = maxSkippedPosition(events);
  events = events.filter((e) => e.streamType === REPORT_STREAM_TYPE);
  if (events.length === 0) {
    if (skipped > 0) await storeProgress(client, schema, new Map(), skipped, 0);
    return result;
  }
  const streamIds = [...new Set(events.map((e) => e.streamId))];
  const { rows: versionRows } = await client.query<{ stream_id: string; version: string }>(
    `SELECT stream_id, version FROM ${schema}.stream_versions WHERE stream_id = ANY($1)`,
    [streamIds],
  );
  const streamVersions = new Map(versionRows.map((r) => [r.stream_id, Number(r.version)]));
  const fresh = events.filter((e) => {
    if (e.version <= (streamVersions.get(e.streamId) ?? 0)) {
      result.duplicates += 1;
      return false;
    }
    streamVersions.set(e.streamId, e.version);
    return true;
  });
  if (fresh.length === 0) {
    if (skipped > 0) await storeProgress(client, schema, new Map(), skipped, 0);
    return result;
  }

  const reportIds = [...new Set(fresh.map((e) => reportIdOf(e.streamId)))];
  const before = await loadReportStates(client, schema, reportIds);
  const { changedReports, touchedBefore, touchedAfter, versions, changedVersions, maxPosition, applied, refused } = foldBatch(
    fresh,
    before,
  );
  result.applied = applied;
  result.refused = refused;
  const history = claimHistoryOf(versions, before);
  await writeReportViews(client, schema, changedReports);
  await writeClaimHistory(client, schema, history);
  await writeClaimStates(client, schema, history.current);
  await writeTimeline(client, schema, touchedAfter);
  if (options.deriveAggregates ?? true) await updateAggregates(client, schema, touchedBefore, touchedAfter);
  else if (options.inMemory) accumulateChanges(options.inMemory, touchedBefore, touchedAfter);
  await storeProgress(client, schema, changedVersions, Math.max(maxPosition, skipped), applied);
  return result;
}

/** Highest global position among the events of streams other than reports, which the read models skip (0 for none). */
export function maxSkippedPosition(events: readonly ProjectableEvent[]): number {
  let max = 0;
  for (const e of events) if (e.streamType !== REPORT_STREAM_TYPE && e.globalPosition > max) max = e.globalPosition;
  return max;
}

async function loadReportStates(client: ClientBase, schema: string, reportIds: string[]): Promise<Map<string, ReportState>> {
  if (reportIds.length === 0) return new Map();
  return new Map((await readReportStates(client, schema, reportIds)).map((r) => [r.reportId, r]));
}

async function writeReportViews(client: ClientBase, schema: string, reports: ReportState[]): Promise<void> {
  if (reports.length === 0) return;
  const records = reports.map((r) => reportViewRow(r));
  await client.query(
    `INSERT INTO ${schema}.report_views (report_id, submitted_position, published_on, publisher, source_reliability, status, countries, claim_count, state, updated_at)
     SELECT report_id, submitted_position, published_on, publisher, source_reliability, status, countries, claim_count, state, updated_at
     FROM jsonb_to_recordset($1::jsonb) AS x(report_id text, submitted_position bigint, published_on date, publisher text, source_reliability text, status text,
                                             countries text[], claim_count integer, state jsonb, updated_at timestamptz)
     ON CONFLICT (report_id) DO UPDATE SET status = EXCLUDED.status, countries = EXCLUDED.countries, claim_count = EXCLUDED.claim_count,
       state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(records)],
  );
}

async function writeClaimStates(client: ClientBase, schema: string, claims: ClaimVersion[]): Promise<void> {
  if (claims.length === 0) return;
  const records = claims.map((v) => claimStateRow(v.state, v.at));
  await client.query(
    `INSERT INTO ${schema}.claim_states (report_id, claim_id, kind, status, credibility, ledger_keys, entity_keys, state, valid_from_xid, valid_from_position)
     SELECT report_id, claim_id, kind, status, credibility, ledger_keys, entity_keys, state, valid_from_xid::xid8, valid_from_position
     FROM jsonb_to_recordset($1::jsonb) AS x(report_id text, claim_id text, kind text, status text, credibility smallint, ledger_keys text[], entity_keys text[], state jsonb,
                                             valid_from_xid text, valid_from_position bigint)
     ON CONFLICT (report_id, claim_id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status, credibility = EXCLUDED.credibility,
       ledger_keys = EXCLUDED.ledger_keys, entity_keys = EXCLUDED.entity_keys, state = EXCLUDED.state,
       valid_from_xid = EXCLUDED.valid_from_xid, valid_from_position = EXCLUDED.valid_from_position`,
    [JSON.stringify(records)],
  );
}

/**
 * Writes a batch's claim history before its `claim_states` rows are replaced: the stored rows of the claims it
 * changed, closed at the checkpoint of their first change, and the states made and replaced within the batch.
 */
export async function writeClaimHistory(client: ClientBase, schema: string, history: ClaimHistoryWrites): Promise<void> {
  const { closed, replaced } = history;
  if (closed.length > 0) {
    await client.query(
      `INSERT INTO ${schema}.claim_state_history (report_id, claim_id, kind, status, credibility, ledger_keys, state, valid_from_xid, valid_from_position, valid_to_xid, valid_to_position)
       SELECT c.report_id, c.claim_id, c.kind, c.status, c.credibility, c.ledger_keys, c.state, c.valid_from_xid, c.valid_from_position, x.to_xid::xid8, x.to_position
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS x(report_id, claim_id, to_xid, to_position)
         JOIN ${schema}.claim_states c USING (report_id, claim_id)`,
      [
        closed.map((c) => c.reportId),
        closed.map((c) => c.claimId),
        closed.map((c) => c.at.transactionId),
        closed.map((c) => c.at.globalPosition),
      ],
    );
  }
  if (replaced.length > 0) {
    await client.query(
      `INSERT INTO ${schema}.claim_state_history (report_id, claim_id, kind, status, credibility, ledger_keys, state, valid_from_xid, valid_from_position, valid_to_xid, valid_to_position)
       SELECT report_id, claim_id, kind, status, credibility, ledger_keys, state, valid_from_xid::xid8, valid_from_position, valid_to_xid::xid8, valid_to_position
       FROM jsonb_to_recordset($1::jsonb) AS x(report_id text, claim_id text, kind text, status text, credibility smallint, ledger_keys text[], state jsonb,
                                               valid_from_xid text, valid_from_position bigint, valid_to_xid text, valid_to_position bigint)`,
      [JSON.stringify(replaced.map((r) => claimHistoryRow(r.state, r.from, r.to)))],
    );
  }
}

async function writeTimeline(client: ClientBase, schema: string, claims: ClaimState[]): Promise<void> {
  const diplomatic = claims.filter((c) => c.claim.kind === 'diplomatic-event');
  if (diplomatic.length === 0) return;
  await client.query(
    `DELETE FROM ${schema}.timeline_entries WHERE (report_id, claim_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [diplomatic.map((c) => c.reportId), diplomatic.map((c) => c.claimId)],
  );
  const entries = timelineRows(diplomatic);
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO ${schema}.timeline_entries (country, report_id, claim_id, earliest, latest, cameo_code, entry)
     SELECT country, report_id, claim_id, earliest, latest, cameo_code, entry
     FROM jsonb_to_recordset($1::jsonb) AS x(country text, report_id text, claim_id text, earliest text, latest text, cameo_code text, entry jsonb)`,
    [JSON.stringify(entries)],
  );
}

/**
 * Updates the ledger rows and directory entries the changed claims belong to, under advisory locks on their keys
 * (so concurrent projector instances cannot lose an update): each stored accumulator takes out the claims' old
 * states and adds their new ones, so the cost is that of the change, not of every claim under the key. A row written
 * before accumulators existed (`acc` NULL) is re-folded once from `claim_states` as written in this transaction.
 */
async function updateAggregates(client: ClientBase, schema: string, before: ClaimState[], after: ClaimState[]): Promise<void> {
  const ledgerKeys = [...new Set([...before, ...after].flatMap((c) => ledgerKeysOf(c).map(ledgerKeyString)))];
  const entityKeys = [...new Set([...before, ...after].flatMap(entityKeysOf))];
  if (ledgerKeys.length === 0 && entityKeys.length === 0) return;
  // Lock the keys (sorted by hash: one order for every transaction, so no deadlock) before reading the accumulators:
  // a concurrent transaction touching the same keys then reads after this one commits.
  await advisoryXactLocks(client, [
    ...ledgerKeys.map((k) => advisoryLocks.readModelRow(schema, 'ledger', k)),
    ...entityKeys.map((k) => advisoryLocks.readModelRow(schema, 'entity', k)),
  ]);
  if (ledgerKeys.length > 0) await updateLedgerRows(client, schema, ledgerKeys, before, after);
  if (entityKeys.length > 0) await updateEntities(client, schema, entityKeys, before, after);
}

async function updateLedgerRows(
  client: ClientBase,
  schema: string,
  keys: string[],
  before: ClaimState[],
  after: ClaimState[],
): Promise<void> {
  const { rows } = await client.query<{ key: string; acc: unknown }>(`SELECT key, acc FROM ${schema}.ledger_rows WHERE key = ANY($1)`, [
    keys,
  ]);
  const legacy = rows.filter((r) => r.acc === null).map((r) => r.key);
  const accs = new Map(rows.filter((r) => r.acc !== null).map((r) => [r.key, ledgerAccumulatorFromJson(r.acc)]));
  const refolded = new Set(legacy);
  if (legacy.length > 0) {
    const { rows: states } = await client.query<{ state: ClaimState }>(
      `SELECT state FROM ${schema}.claim_states WHERE ledger_keys && $1::text[]`,
      [legacy],
    );
    for (const [key, acc] of accumulateLedger(states.map((r) => r.state))) if (refolded.has(key)) accs.set(key, acc);
  }
  // Re-folded keys already hold the claim states as they now stand.
  accumulateLedgerChanges(accs, before, after, refolded);
  const gone = keys.filter((k) => !accs.has(k) || accs.get(k)!.claimCount <= 0);
  if (gone.length > 0) await client.query(`DELETE FROM ${schema}.ledger_rows WHERE key = ANY($1)`, [gone]);
  await upsertLedgerRows(
    client,
    schema,
    [...accs.values()].filter((acc) => acc.claimCount > 0),
  );
}

async function updateEntities(
  client: ClientBase,
  schema: string,
  keys: string[],
  before: ClaimState[],
  after: ClaimState[],
): Promise<void> {
  const { rows } = await client.query<{ key: string; acc: unknown }>(
    `SELECT key, acc FROM ${schema}.entity_directory WHERE key = ANY($1)`,
    [keys],
  );
  const legacy = rows.filter((r) => r.acc === null).map((r) => r.key);
  const accs = new Map(rows.filter((r) => r.acc !== null).map((r) => [r.key, entityAccumulatorFromJson(r.acc)]));
  if (legacy.length > 0) {
    const { rows: states } = await client.query<{ state: ClaimState }>(
      `SELECT state FROM ${schema}.claim_states WHERE entity_keys && $1::text[]`,
      [legacy],
    );
    const wanted = new Set(legacy);
    for (const state of states) accumulateEntityClaim(accs, state.state, 1, wanted);
  }
  accumulateEntityChanges(accs, before, after, new Set(keys.filter((k) => !legacy.includes(k))));
  const gone = keys.filter((k) => !accs.has(k) || accs.get(k)!.claimCount <= 0);
  if (gone.length > 0) await client.query(`DELETE FROM ${schema}.entity_directory WHERE key = ANY($1)`, [gone]);
  await upsertEntities(
    client,
    schema,
    [...accs.values()].filter((acc) => acc.claimCount > 0),
  );
}

async function upsertLedgerRows(client: ClientBase, schema: string, accs: LedgerAccumulator[]): Promise<void> {
  if (accs.length === 0) return;
  const records = accs.map((acc) => {
    const row = ledgerRowOf(acc)!;
    return {
      key: ledgerKeyString(row),
      country: row.country,
      direction: row.direction,
      counterparty: row.counterparty,
      assistance_type: row.assistanceType,
      item_category: row.itemCategory,
      stage: row.stage,
      status: row.status,
      row,
      acc: ledgerAccumulatorToJson(acc),
    };
  });
  await client.query(
    `INSERT INTO ${schema}.ledger_rows (key, country, direction, counterparty, assistance_type, item_category, stage, status, row, acc)
     SELECT key, country, direction, counterparty, assistance_type, item_category, stage, status, row, acc
     FROM jsonb_to_recordset($1::jsonb) AS x(key text, country text, direction text, counterparty text, assistance_type text, item_category text, stage text, status text, row jsonb, acc jsonb)
     ON CONFLICT (key) DO UPDATE SET row = EXCLUDED.row, acc = EXCLUDED.acc`,
    [JSON.stringify(records)],
  );
}

async function upsertEntities(client: ClientBase, schema: string, accs: EntityAccumulator[]): Promise<void> {
  if (accs.length === 0) return;
  const records = accs.map((acc) => {
    const e = directoryEntityOf(acc)!;
    return { key: e.key, name: e.name, countries: e.countries, claim_count: e.claimCount, entry: e, acc: entityAccumulatorToJson(acc) };
  });
  await client.query(
    `INSERT INTO ${schema}.entity_directory (key, name, countries, claim_count, entry, acc)
     SELECT key, name, countries, claim_count, entry, acc FROM jsonb_to_recordset($1::jsonb) AS x(key text, name text, countries text[], claim_count integer, entry jsonb, acc jsonb)
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, countries = EXCLUDED.countries, claim_count = EXCLUDED.claim_count, entry = EXCLUDED.entry, acc = EXCLUDED.acc`,
    [JSON.stringify(records)],
  );
}

async function storeProgress(
  client: ClientBase,
  schema: string,
  versions: Map<string, number>,
  maxPosition: number,
  applied: number,
): Promise<void> {
  if (versions.size > 0) {
    await client.query(
      `INSERT INTO ${schema}.stream_versions (stream_id, version) SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (stream_id) DO UPDATE SET version = GREATEST(${schema}.stream_versions.version, EXCLUDED.version)`,
      [[...versions.keys()], [...versions.values()]],
    );
  }
  await client.query(
    `UPDATE ${schema}.position SET global_position = GREATEST(global_position, $1), events_applied = events_applied + $2, updated_at = now()`,
    [maxPosition, applied],
  );
}

/**
 * Derives every ledger row and directory entry from `claim_states` (the end of a rebuild resumed after a crash,
 * whose in-memory accumulators were lost). Reads the claim states in pages, so memory holds the accumulators (one
 * per key), never every claim. Replaces whatever the two tables held.
 */
export async function deriveAllAggregates(client: ClientBase, schema: string, pageSize = 10_000): Promise<void> {
  const aggregates = emptyAggregates();
  for (let after: [string, string] = ['', '']; ;) {
    const { rows } = await client.query<{ report_id: string; claim_id: string; state: ClaimState }>(
      `SELECT report_id, claim_id, state FROM ${schema}.claim_states WHERE (report_id, claim_id) > ($1, $2) ORDER BY report_id, claim_id LIMIT $3`,
      [after[0], after[1], pageSize],
    );
    if (rows.length === 0) break;
    accumulateChanges(
      aggregates,
      [],
      rows.map((r) => r.state),
    );
    const last = rows[rows.length - 1];
    after = [last.report_id, last.claim_id];
  }
  await writeAggregates(client, schema, aggregates);
}

/** Replaces every ledger row and directory entry with the given accumulators' (those with claims left). */
export async function writeAggregates(client: ClientBase, schema: string, aggregates: InMemoryAggregates): Promise<void> {
  await client.query(`DELETE FROM ${schema}.ledger_rows`);
  await client.query(`DELETE FROM ${schema}.entity_directory`);
  const ledger = [...aggregates.ledger.values()].filter((acc) => acc.claimCount > 0);
  for (let i = 0; i < ledger.length; i += 2000) await upsertLedgerRows(client, schema, ledger.slice(i, i + 2000));
  const entities = [...aggregates.entities.values()].filter((acc) => acc.claimCount > 0);
  for (let i = 0; i < entities.length; i += 2000) await upsertEntities(client, schema, entities.slice(i, i + 2000));
}
