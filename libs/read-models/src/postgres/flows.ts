import type { ClientBase, Pool } from 'pg';
import type { TransferStage } from '@tm/domain';
import { flowKeyString, foldFlows, type FlowFilter, type FlowKey, type FlowRow } from '../fold/flows';
import { ledgerKeysOf, ledgerKeyString } from '../fold/ledger';
import { byCodePoint } from '../fold/multiset';
import { addExact, exactOf, numberOfExact, ZERO, type ExactSum } from '../fold/exact-sum';
import { inTransaction } from '@tm/event-store';
import { claimStatesAsOf, resolveAsOf } from './as-of';
import { claimHistoryAsOf, claimHistoryCheckpoint, claimRowsAsOfSql } from './claim-history';
import { activeProjectionVersion } from './projection-versions';
import { CLAIM_FLOW_EXPRESSIONS } from './schema';

/** Flows and the global position they reflect. */
export interface FlowsAnswer {
  rows: FlowRow[];
  /** Global position of the last event the answer includes (the projection's, or the `asOf` target's). */
  position: number;
}

/** One group of claims that fold alike: the flow key, the year as digits, and the quantity as stored (or none). */
interface FlowGroupRow {
  supplier: string;
  recipient: string;
  category: string;
  stage: TransferStage;
  year: string | null;
  unit: string | null;
  min: string | null;
  max: string | null;
  open_ended: boolean | null;
  claims: number;
}

/**
 * Flows from the active projection version's `claim_states` in `schema`, totalled in PostgreSQL: the transfer claims
 * passing `filter` (a country's side through the indexed `supplier_country` / `recipient_country` columns), grouped
 * by flow key, year and quantity as stored, reading the small generated columns of `CLAIM_FLOW_COLUMNS` and
 * `ledger_keys`, never the TOASTed `state`; each group then added up here with the ledgers' own exact
 * decimal sums (`ExactSum`), so the rows equal {@link foldFlows} over the same claim states (the flow key's category, stage and
 * countries are the claim's supplier-side ledger key, which the projection computes with the same rules). A
 * country's 12,500 claims of 100k come back as a few hundred groups instead of 12,500 JSON states.
 * @param position the global position the projection has applied (returned as the answer's).
 */
export async function readFlows(db: Pool | ClientBase, schema: string, filter: FlowFilter, position: number): Promise<FlowsAnswer> {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  return { rows: await totalFlows(db, `${schema}.claim_states`, [], filter), position };
}

/**
 * The flows of the claim rows `source` (a table or a parenthesised query with the columns of {@link FLOW_SOURCE_COLUMNS},
 * its parameters `sourceParams` numbered from `$10`), as {@link readFlows} totals them.
 */
async function totalFlows(db: Pool | ClientBase, source: string, sourceParams: unknown[], filter: FlowFilter): Promise<FlowRow[]> {
  const direction = filter.direction ?? 'both';
  const { rows } = await db.query<FlowGroupRow>(
    `SELECT split_part(k.key, '|', 1) AS supplier, split_part(k.key, '|', 3) AS recipient, split_part(k.key, '|', 5) AS category,
            split_part(k.key, '|', 6) AS stage,
            coalesce(substring(c.claim_date->>'earliest' from '^-?[0-9]+'), substring(c.claim_date->>'latest' from '^-?[0-9]+')) AS year,
            CASE WHEN q->>'qualifier' = 'per-month' THEN (q->>'unit') || '/month' ELSE q->>'unit' END AS unit,
            coalesce(q->>'min', q->>'value', '0') AS min, coalesce(q->>'max', q->>'value', q->>'min', '0') AS max,
            q->>'qualifier' = 'at-least' OR (q ? 'min' AND NOT q ? 'max' AND NOT q ? 'value') AS open_ended,
            count(*)::int AS claims
       FROM ${source} c
       CROSS JOIN LATERAL (SELECT c.quantity AS q) quantity
       CROSS JOIN LATERAL (SELECT key FROM unnest(c.ledger_keys) AS key WHERE split_part(key, '|', 2) = 'supplier' LIMIT 1) k
      WHERE c.kind = 'transfer'
        AND (CASE WHEN $1::text IS NULL THEN c.status <> 'retracted' ELSE c.status = $1 END)
        AND ($2::int IS NULL OR c.credibility <= $2)
        AND ($3::text IS NULL
             OR ($4 AND c.supplier_country = $3)
             OR ($5 AND c.recipient_country = $3))
        AND ($6::text IS NULL OR split_part(k.key, '|', 5) = $6)
        AND ($7::text IS NULL OR split_part(k.key, '|', 6) = $7)
        AND (($8::text IS NULL AND $9::text IS NULL) OR (jsonb_typeof(c.claim_date) = 'object'
             AND ($8::text IS NULL OR (c.claim_date->>'latest') COLLATE "C" < $8 IS NOT TRUE)
             AND ($9::text IS NULL OR (c.claim_date->>'earliest') COLLATE "C" > $9 IS NOT TRUE)))
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    [
      filter.status ?? null,
      filter.minCredibility ?? null,
      filter.country ?? null,
      direction !== 'recipient',
      direction !== 'supplier',
      filter.category?.toLowerCase() ?? null,
      filter.stage ?? null,
      filter.from ?? null,
      filter.to ?? null,
      ...sourceParams,
    ],
  );
  return flowRowsOf(rows);
}

/** The columns flows read from a claim row (`claim_states`, `claim_state_history`). */
const FLOW_SOURCE_COLUMNS = 'kind, status, credibility, ledger_keys, supplier_country, recipient_country, claim_date, quantity';

/** Flow rows from the groups of {@link readFlows}: claims counted, quantities summed per unit as `accumulateLedgerClaim` sums them. */
function flowRowsOf(groups: FlowGroupRow[]): FlowRow[] {
  const flows = new Map<string, { key: FlowKey; claims: number; quantities: Map<string, QuantitySum> }>();
  for (const g of groups) {
    const key: FlowKey = {
      supplier: g.supplier,
      recipient: g.recipient,
      category: g.category,
      stage: g.stage,
      year: g.year === null ? null : Number(g.year),
    };
    const id = flowKeyString(key);
    let flow = flows.get(id);
    if (!flow) flows.set(id, (flow = { key, claims: 0, quantities: new Map() }));
    flow.claims += g.claims;
    if (!g.unit) continue;
    let total = flow.quantities.get(g.unit);
    if (!total) flow.quantities.set(g.unit, (total = { min: ZERO, max: ZERO, claims: 0, openEnded: 0 }));
    total.min = addExact(total.min, exactOf(Number(g.min)), g.claims);
    total.max = addExact(total.max, exactOf(Number(g.max)), g.claims);
    total.claims += g.claims;
    if (g.open_ended) total.openEnded += g.claims;
  }
  return [...flows.entries()]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([, { key, claims, quantities }]) => ({
      ...key,
      claims,
      quantity: [...quantities.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([unit, t]) => ({ unit, min: numberOfExact(t.min), max: numberOfExact(t.max), claims: t.claims, openEnded: t.openEnded > 0 })),
    }));
}

interface QuantitySum {
  min: ExactSum;
  max: ExactSum;
  claims: number;
  openEnded: number;
}

/**
 * Flows as they were known when the event store held the events up to `upTo` (a global position, or a moment of
 * recording), the claims as `claimStatesAsOf` takes them (the same answer): from the active version's claim-state
 * history, totalled in PostgreSQL as {@link readFlows} totals the current rows (the claims of reports with events
 * past the history checkpoint folded from the store and totalled with them, their flow columns computed by
 * `CLAIM_FLOW_EXPRESSIONS`), in one REPEATABLE READ snapshot; for a version without history, folded in memory from the
 * event store by `claimStatesAsOf`.
 */
export async function readFlowsAsOf(pool: Pool, upTo: number | Date, filter: FlowFilter): Promise<FlowsAnswer> {
  const answer = await inTransaction(pool, async (client): Promise<FlowsAnswer | undefined> => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const target = await resolveAsOf(client, upTo);
    if (!target) return { rows: [], position: 0 };
    const { schemaName } = await activeProjectionVersion(client);
    const history = await claimHistoryCheckpoint(client, schemaName);
    if (!history) return undefined;
    const gap = await claimHistoryAsOf(client, history, target);
    const folded = gap.gapClaims.map((c) => ({
      kind: c.claim.kind,
      status: c.status,
      credibility: c.credibility,
      ledger_keys: ledgerKeysOf(c).map(ledgerKeyString),
      state: c,
    }));
    const e = CLAIM_FLOW_EXPRESSIONS;
    const source = `(${claimRowsAsOfSql(schemaName, FLOW_SOURCE_COLUMNS, 10, 12)}
       UNION ALL
       SELECT kind, status, credibility, ledger_keys, ${e.supplier_country}, ${e.recipient_country}, ${e.claim_date}, ${e.quantity}
         FROM jsonb_to_recordset($13::jsonb) AS x(kind text, status text, credibility smallint, ledger_keys text[], state jsonb))`;
    const rows = await totalFlows(
      client,
      source,
      [target.transactionId, target.globalPosition, gap.gapReports, JSON.stringify(folded)],
      filter,
    );
    return { rows, position: target.globalPosition };
  });
  if (answer) return answer;
  const known = await claimStatesAsOf(pool, upTo);
  return { rows: foldFlows(known.claims, filter), position: known.globalPosition };
}
