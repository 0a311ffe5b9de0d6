import type { ClientBase, Pool } from 'pg';
import { ALERT_FILTER_SQL, alertFilterParams, type AlertFilter } from '../queries/alert-filter';

/** How alerts are grouped: per report (every alert its claims and text raised), or per list entry matched. */
export const ALERT_GROUPINGS = ['report', 'entry'] as const;
export type AlertGrouping = (typeof ALERT_GROUPINGS)[number];

/** The alert statuses counted per group. */
export const GROUPED_ALERT_STATUSES = ['open', 'acknowledged', 'confirmed', 'dismissed', 'superseded'] as const;

/** One group of alerts in the `alerts` table. */
export interface AlertGroup {
  /** Set when grouped by report. */
  reportId?: string;
  /** Set when grouped by entry: the list, the entry and its name in the latest alert. */
  listId?: string;
  entryId?: string;
  entryName?: string;
  /** Alerts in the group (after the filters). */
  alerts: number;
  /** Alerts per status; every status present, 0 when none. */
  statuses: Record<(typeof GROUPED_ALERT_STATUSES)[number], number>;
  /** Highest match score in the group, in [0, 1]. */
  maxScore: number;
  /** When the latest alert of the group was raised, ISO 8601. */
  latestRaisedAt: string;
  /** The group's alerts, highest score first (then id). */
  alertIds: string[];
  /** Distinct entries (by report) or reports (by entry) behind the group's alerts. */
  counterparts: number;
}

/**
 * The sort key of a group: its latest raise (as PostgreSQL prints it in UTC, `0050-06-01 12:00:00.5+00`, whatever the
 * session's time zone, so no local-mean-time offset such as +00:09:21 before 1900) and its key fields.
 */
export type AlertGroupAfter = [latestRaisedAt: string, key1: string, key2: string];

/**
 * Alert groups, latest raised first (then by key), at most `limit + 1` after `after` (one more than asked, so the
 * caller knows whether a next page exists), each with its sort key.
 */
export async function readAlertGroups(
  db: Pool | ClientBase,
  by: AlertGrouping,
  filter: AlertFilter,
  limit: number,
  after: AlertGroupAfter | null,
): Promise<{ group: AlertGroup; key: AlertGroupAfter }[]> {
  const [key1, key2, counterpart] =
    by === 'report' ? [`report_id::text`, `''`, `list_id || '/' || entry_id`] : [`list_id`, `entry_id`, `report_id::text`];
  const { rows } = await db.query<{
    key1: string;
    key2: string;
    entry_name: string;
    alerts: number;
    statuses: Record<string, number>;
    max_score: number;
    latest: Date;
    latest_text: string;
    alert_ids: string[];
    counterparts: number;
  }>(
    `SELECT ${key1} AS key1, ${key2} AS key2, (array_agg(entry_name ORDER BY raised_at DESC, alert_id DESC))[1] AS entry_name,
            count(*)::int AS alerts,
            jsonb_build_object(${GROUPED_ALERT_STATUSES.map((s) => `'${s}', count(*) FILTER (WHERE status = '${s}')`).join(', ')}) AS statuses,
            max(score) AS max_score, max(raised_at) AS latest, (max(raised_at) AT TIME ZONE 'UTC')::text || '+00' AS latest_text,
            array_agg(alert_id::text ORDER BY score DESC, alert_id) AS alert_ids, count(DISTINCT ${counterpart})::int AS counterparts
       FROM alerts
      WHERE ${ALERT_FILTER_SQL}
      GROUP BY 1, 2
     HAVING $7::timestamptz IS NULL OR max(raised_at) < $7 OR (max(raised_at) = $7 AND (${key1} COLLATE "C", ${key2} COLLATE "C") > ($8, $9))
      ORDER BY max(raised_at) DESC, ${key1} COLLATE "C", ${key2} COLLATE "C"
      LIMIT $10`,
    [...alertFilterParams(filter), after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
  );
  return rows.map((r) => ({
    group: {
      ...(by === 'report' ? { reportId: r.key1 } : { listId: r.key1, entryId: r.key2, entryName: r.entry_name }),
      alerts: r.alerts,
      statuses: r.statuses as AlertGroup['statuses'],
      maxScore: r.max_score,
      latestRaisedAt: r.latest.toISOString(),
      alertIds: r.alert_ids,
      counterparts: r.counterparts,
    },
    key: [r.latest_text, r.key1, r.key2],
  }));
}
