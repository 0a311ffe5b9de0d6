import type { ClientBase, Pool } from 'pg';
import { foldFlows, type FlowFilter, type FlowRow } from '../fold/flows';
import type { ClaimState } from '../fold/report-state';
import { claimStatesAsOf } from './as-of';

/** Flows and the global position they reflect. */
export interface FlowsAnswer {
  rows: FlowRow[];
  /** Global position of the last event the answer includes (the projection's, or the `asOf` target's). */
  position: number;
}

/** `LIKE` pattern on `claim_states.ledger_keys` for the country's side (keys start `<country>|<direction>|`). */
function sidePattern(filter: FlowFilter): string | null {
  if (filter.country === undefined) return null;
  const direction = filter.direction ?? 'both';
  return direction === 'both' ? `${filter.country}|%` : `${filter.country}|${direction}|%`;
}

/**
 * Flows from the active projection version's `claim_states` in `schema`: transfer claims narrowed in PostgreSQL by
 * status, credibility and the country's side, then folded by {@link foldFlows} (which applies every filter, so
 * what PostgreSQL narrows cannot change the answer, only its cost).
 * @param position the global position the projection has applied (returned as the answer's).
 */
export async function readFlows(db: Pool | ClientBase, schema: string, filter: FlowFilter, position: number): Promise<FlowsAnswer> {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  const { rows } = await db.query<{ state: ClaimState }>(
    `SELECT state FROM ${schema}.claim_states
     WHERE kind = 'transfer'
       AND (CASE WHEN $1::text IS NULL THEN status <> 'retracted' ELSE status = $1 END)
       AND ($2::int IS NULL OR credibility <= $2)
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM unnest(ledger_keys) AS k WHERE k LIKE $3))`,
    [filter.status ?? null, filter.minCredibility ?? null, sidePattern(filter)],
  );
  return {
    rows: foldFlows(
      rows.map((r) => r.state),
      filter,
    ),
    position,
  };
}

/**
 * Flows as they were known when the event store held the events up to `upTo` (a global position, or a moment of
 * recording), folded from the event store by `claimStatesAsOf`.
 */
export async function readFlowsAsOf(pool: Pool, upTo: number | Date, filter: FlowFilter): Promise<FlowsAnswer> {
  const known = await claimStatesAsOf(pool, upTo);
  return { rows: foldFlows(known.claims, filter), position: known.globalPosition };
}
