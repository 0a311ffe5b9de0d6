import type { ClientBase, Pool } from 'pg';

type Queryable = Pool | ClientBase;

/** A list entry in force, as listed by {@link searchListEntries}. */
export interface ListEntrySummary {
  listId: string;
  entryId: string;
  schema: string;
  primaryName: string;
  programs: string[];
  countries: string[];
  /** The list version of the entry's last designation or amendment. */
  changedIn: string;
}

/**
 * Entries in force of one list (`sanctions_entries`) whose primary name or any other name contains `q` (every entry
 * without `q`), ordered by entry id (code point order), at most `limit + 1` after `after`. Both sides are compared in
 * one normal form, NFKC and lower case: `q` here, the names in `folded_names` (generated when the entry is written,
 * migration 1765430000000), so any case and a full-width letter or a ligature (`ＡＢＣ`, `ﬁ`) find the plain form and
 * the reverse.
 */
export async function searchListEntries(
  db: Queryable,
  listId: string,
  q: string | undefined,
  limit: number,
  after: string | null,
): Promise<ListEntrySummary[]> {
  const needle =
    q === undefined
      ? null
      : `%${q
          .normalize('NFKC')
          .toLowerCase()
          .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await db.query<{
    entry_id: string;
    changed_in: string;
    entry: { schema: string; primaryName: string; programs: string[]; countries: string[] };
  }>(
    `SELECT entry_id, changed_in, entry FROM sanctions_entries
      WHERE list_id = $1 AND ($2::text IS NULL OR entry_id COLLATE "C" > $2)
        AND ($3::text IS NULL OR folded_names LIKE $3)
      ORDER BY entry_id COLLATE "C" LIMIT $4`,
    [listId, after, needle, limit + 1],
  );
  return rows.map((r) => ({
    listId,
    entryId: r.entry_id,
    schema: r.entry.schema,
    primaryName: r.entry.primaryName,
    programs: r.entry.programs,
    countries: r.entry.countries,
    changedIn: r.changed_in,
  }));
}

/** One change of a list entry, from its list's event stream. */
export interface ListEntryVersion {
  change: 'designated' | 'amended' | 'delisted';
  /** The list version that made the change. */
  listVersion: string;
  /** When the event store recorded it, ISO 8601. */
  recordedAt: string;
  globalPosition: number;
  /** The entry as that version listed it (absent for a delisting). */
  entry?: Record<string, unknown>;
}

/** An alert a list entry raised, in short. */
export interface ListEntryAlert {
  alertId: string;
  status: string;
  reportId: string;
  claimId?: string;
  score: number;
  raisedAt: string;
}

/** One list entry: as in force now (null once delisted), every version it had, and the alerts it raised. */
export interface ListEntryHistory {
  listId: string;
  entryId: string;
  current: Record<string, unknown> | null;
  versions: ListEntryVersion[];
  alerts: ListEntryAlert[];
}

const CHANGES: Record<string, ListEntryVersion['change']> = {
  SanctionsEntryDesignated: 'designated',
  SanctionsEntryAmended: 'amended',
  SanctionsEntryDelisted: 'delisted',
};

/**
 * One entry's history: its designations, amendments and delistings read from the list's stream
 * (`sanctions-list-<listId>`, in stream order), the entry in force (`sanctions_entries`), and its alerts, newest
 * first. Undefined when the list never held the entry.
 */
export async function readListEntryHistory(db: Queryable, listId: string, entryId: string): Promise<ListEntryHistory | undefined> {
  const { rows: events } = await db.query<{
    event_type: string;
    payload: { listVersion: string; entry?: Record<string, unknown> };
    recorded_at: Date;
    global_position: string;
  }>(
    `SELECT event_type, payload, recorded_at, global_position FROM events
      WHERE stream_id = $1 AND event_type = ANY($2::text[]) AND coalesce(payload->'entry'->>'entryId', payload->>'entryId') = $3
      ORDER BY version`,
    [`sanctions-list-${listId}`, Object.keys(CHANGES), entryId],
  );
  if (events.length === 0) return undefined;
  const { rows: current } = await db.query<{ entry: Record<string, unknown> }>(
    `SELECT entry FROM sanctions_entries WHERE list_id = $1 AND entry_id = $2`,
    [listId, entryId],
  );
  const { rows: alerts } = await db.query<{
    alert_id: string;
    status: string;
    report_id: string;
    claim_id: string | null;
    score: number;
    raised_at: Date;
  }>(
    `SELECT alert_id, status, report_id, claim_id, score, raised_at FROM alerts WHERE list_id = $1 AND entry_id = $2 ORDER BY raised_at DESC, alert_id DESC`,
    [listId, entryId],
  );
  return {
    listId,
    entryId,
    current: current[0]?.entry ?? null,
    versions: events.map((e) => ({
      change: CHANGES[e.event_type],
      listVersion: e.payload.listVersion,
      recordedAt: e.recorded_at.toISOString(),
      globalPosition: Number(e.global_position),
      ...(e.payload.entry === undefined ? {} : { entry: e.payload.entry }),
    })),
    alerts: alerts.map((a) => ({
      alertId: a.alert_id,
      status: a.status,
      reportId: a.report_id,
      ...(a.claim_id ? { claimId: a.claim_id } : {}),
      score: a.score,
      raisedAt: a.raised_at.toISOString(),
    })),
  };
}
