import type { ClientBase, Pool } from 'pg';
import { REPORT_STREAM_TYPE } from '@tm/domain';

/** A global position at which a transfer claim changed, and when the event store recorded its event (ISO 8601). */
export interface FlowChange {
  position: number;
  recordedAt: string;
}

/**
 * Up to `limit` global positions after `after`, oldest first, at which the read-model version `schema` changed a
 * transfer claim (of `country`, as supplier or recipient, when given): the positions `asOf` answers flows and ledgers
 * differently at. They are the positions from which a claim state is valid (`claim_states`, `claim_state_history`)
 * and up to which a former one was (a claim amended away from the country changes it too); for claim states kept
 * from before the version kept history (valid from NULL), every event of their report stream stands in.
 */
export async function readFlowChanges(
  db: Pool | ClientBase,
  schema: string,
  country: string | undefined,
  after: number | null,
  limit: number,
): Promise<FlowChange[]> {
  return (await queryFlowChanges(db, schema, country, after, { limit })).items;
}

/**
 * At most `steps` (≥ 2) of the positions {@link readFlowChanges} gives after `after`, spread evenly over all of them in
 * one query: the first and the last always, oldest first; `total` counts them all. What a slider needs: a country
 * with 12,500 claims changed at 25,000 positions took 25 pages of 1,000 (1.2 s) to read whole, and a slider of a few
 * hundred pixels cannot show more steps than it has pixels.
 */
export async function readFlowChangeSteps(
  db: Pool | ClientBase,
  schema: string,
  country: string | undefined,
  after: number | null,
  steps: number,
): Promise<{ items: FlowChange[]; total: number }> {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`steps must be an integer of at least 2: ${steps}`);
  return queryFlowChanges(db, schema, country, after, { steps });
}

async function queryFlowChanges(
  db: Pool | ClientBase,
  schema: string,
  country: string | undefined,
  after: number | null,
  take: { limit: number } | { steps: number },
): Promise<{ items: FlowChange[]; total: number }> {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  // Written out per case, so that a country's rows are found by the country indexes of both tables.
  const ofCountry = country === undefined ? '' : 'AND (supplier_country = $4 OR recipient_country = $4)';
  const changes = `WITH live AS (SELECT report_id, valid_from_position FROM ${schema}.claim_states WHERE kind = 'transfer' ${ofCountry}),
          former AS (SELECT report_id, valid_from_position, valid_to_position FROM ${schema}.claim_state_history WHERE kind = 'transfer' ${ofCountry}),
          changes AS (
            SELECT valid_from_position AS position FROM live WHERE valid_from_position IS NOT NULL
            UNION SELECT valid_from_position FROM former WHERE valid_from_position IS NOT NULL
            UNION SELECT valid_to_position FROM former
            UNION SELECT global_position FROM events
                   WHERE stream_id IN (SELECT $3::text || '-' || report_id FROM live WHERE valid_from_position IS NULL
                                       UNION SELECT $3::text || '-' || report_id FROM former WHERE valid_from_position IS NULL)),
          since AS (SELECT c.position, e.recorded_at FROM changes c JOIN events e ON e.global_position = c.position
                     WHERE $1::bigint IS NULL OR c.position > $1)`;
  // Spread: the row numbers rn of n at which floor(rn · (steps − 1) / n) rises (steps − 1 of them, the last among
  // them), and the first; all of them when n ≤ steps.
  const sql =
    'limit' in take
      ? `${changes} SELECT position, recorded_at FROM since ORDER BY position LIMIT $2`
      : `${changes}, ranked AS (SELECT position, recorded_at, row_number() OVER (ORDER BY position) AS rn, count(*) OVER () AS n FROM since)
         SELECT position, recorded_at, n FROM ranked
          WHERE n <= $2 OR rn = 1 OR (rn * ($2::bigint - 1)) / n > ((rn - 1) * ($2::bigint - 1)) / n
          ORDER BY position`;
  const { rows } = await db.query<{ position: string; recorded_at: Date; n?: string }>(sql, [
    after,
    'limit' in take ? take.limit : take.steps,
    REPORT_STREAM_TYPE,
    ...(country === undefined ? [] : [country]),
  ]);
  return {
    items: rows.map((r) => ({ position: Number(r.position), recordedAt: r.recorded_at.toISOString() })),
    total: rows[0]?.n === undefined ? rows.length : Number(rows[0].n),
  };
}
