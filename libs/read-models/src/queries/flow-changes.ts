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
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  // Written out per case, so that a country's rows are found by the country indexes of both tables.
  const ofCountry = country === undefined ? '' : 'AND (supplier_country = $4 OR recipient_country = $4)';
  const { rows } = await db.query<{ position: string; recorded_at: Date }>(
    `WITH live AS (SELECT report_id, valid_from_position FROM ${schema}.claim_states WHERE kind = 'transfer' ${ofCountry}),
          former AS (SELECT report_id, valid_from_position, valid_to_position FROM ${schema}.claim_state_history WHERE kind = 'transfer' ${ofCountry}),
          changes AS (
            SELECT valid_from_position AS position FROM live WHERE valid_from_position IS NOT NULL
            UNION SELECT valid_from_position FROM former WHERE valid_from_position IS NOT NULL
            UNION SELECT valid_to_position FROM former
            UNION SELECT global_position FROM events
                   WHERE stream_id IN (SELECT $3::text || '-' || report_id FROM live WHERE valid_from_position IS NULL
                                       UNION SELECT $3::text || '-' || report_id FROM former WHERE valid_from_position IS NULL))
     SELECT c.position, e.recorded_at FROM changes c JOIN events e ON e.global_position = c.position
      WHERE $1::bigint IS NULL OR c.position > $1
      ORDER BY c.position LIMIT $2`,
    [after, limit, REPORT_STREAM_TYPE, ...(country === undefined ? [] : [country])],
  );
  return rows.map((r) => ({ position: Number(r.position), recordedAt: r.recorded_at.toISOString() }));
}
