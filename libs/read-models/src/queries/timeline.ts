import type { ClientBase, Pool } from 'pg';
import type { TimelineEntry } from '../fold/timeline';

/** Which entries of a country's timeline: EDTF bounds (`YYYY[-MM[-DD]]` strings) and a CAMEO code prefix. */
export interface TimelineFilter {
  country: string;
  from?: string;
  to?: string;
  cameo?: string;
}

/** A timeline entry with its place in the timeline's order (earliest, latest bound, report id, claim id). */
export interface OrderedTimelineEntry {
  entry: TimelineEntry;
  order: [earliest: string | null, latest: string | null, reportId: string, claimId: string];
}

/** The timeline's order: by the EDTF earliest then latest bound (undated last), then report and claim id. */
const TIMELINE_ORDER = `earliest IS NULL, coalesce(earliest, ''), latest IS NULL, coalesce(latest, ''), report_id, claim_id`;

/**
 * Up to `limit` entries of a country's diplomatic timeline in the read-model version `schema`, in timeline order,
 * after the entry whose order is `after` (keyset paging).
 */
export async function readTimeline(
  db: Pool | ClientBase,
  schema: string,
  filter: TimelineFilter,
  after: OrderedTimelineEntry['order'] | null,
  limit: number,
): Promise<OrderedTimelineEntry[]> {
  const { rows } = await db.query<{
    entry: TimelineEntry;
    earliest: string | null;
    latest: string | null;
    report_id: string;
    claim_id: string;
  }>(
    `SELECT entry, earliest, latest, report_id, claim_id FROM ${schema}.timeline_entries
     WHERE country = $1 AND ($2::text IS NULL OR latest >= $2) AND ($3::text IS NULL OR earliest <= $3) AND ($4::text IS NULL OR cameo_code LIKE $4 || '%')
       AND ($6::boolean IS NULL OR (${TIMELINE_ORDER}) > ($6::boolean, coalesce($7::text, ''), $8::boolean, coalesce($9::text, ''), $10::text, $11::text))
     ORDER BY ${TIMELINE_ORDER} LIMIT $5`,
    [
      filter.country,
      filter.from ?? null,
      filter.to ?? null,
      filter.cameo ?? null,
      limit,
      after ? after[0] === null : null,
      after?.[0] ?? null,
      after ? after[1] === null : null,
      after?.[1] ?? null,
      after?.[2] ?? null,
      after?.[3] ?? null,
    ],
  );
  return rows.map((r) => ({ entry: r.entry, order: [r.earliest, r.latest, r.report_id, r.claim_id] }));
}
