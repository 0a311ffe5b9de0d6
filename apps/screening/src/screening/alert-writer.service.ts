import { Inject, Injectable } from '@nestjs/common';
import type { ClientBase, Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import {
  ALERT_STREAM_TYPE,
  AlertEvents,
  alertIdFor,
  alertStreamId,
  decideOnMatch,
  foldAlert,
  type AlertBasisUpdatedV1,
  type AlertMatchV1,
  type AlertRaisedV1,
  type AlertReopenedV1,
  type AlertReviewStatus,
  type AlertState,
  type AlertSupersededReason,
  type AlertSupersededV1,
} from '@tm/domain';
import {
  appendToStream,
  appendToStreams,
  ExpectedVersionConflictError,
  inTransaction,
  readStream,
  type EventMetadata,
} from '@tm/event-store';
import type { AlertCandidate } from '@tm/screening';

const ACTOR = 'system:screening';
/** Decisions on one alert retried after a concurrent append to its stream (then the consumer's own retry). */
const CONFLICT_ATTEMPTS = 5;

/**
 * Writes alert events and the `alerts` row in one transaction (the row reflects the stream version it was written
 * with). The alert id is derived from (report, location, list, entry), so a redelivered event or a re-screen finds
 * the alert it raised before and decides on it (`decideOnMatch`): one alert per match, raised once, reopened when
 * a re-designation lifts its supersession; a route's or surge's alert in force is updated when its basis changes.
 */
@Injectable()
export class AlertWriter {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Acts on one match by the alert rule (`decideOnMatch`, on the alert's stream as stored: `alertAt`): raises the
   * alert when none exists (unless the analyst dismissed the same name and entry for this report), reopens it when its
   * entry's delisting or amendment superseded it (the entry is listed and matched again), else does nothing. A concurrent
   * append to the same alert makes it decide again on the new stream, so two screenings never raise or reopen twice.
   * @returns `raised` or `reopened` when an event was appended now, undefined otherwise.
   */
  async raise(
    candidate: AlertCandidate,
    trigger: AlertRaisedV1['trigger'],
    cause: EventMetadata,
  ): Promise<'raised' | 'reopened' | undefined> {
    const alertId = alertIdOf(candidate);
    const metadata = { ...cause, actor: ACTOR };
    return retryOnConflict(() =>
      inTransaction(this.pool, async (client) => {
        const stream = await alertAt(client, alertId);
        const dismissed =
          stream.version === 0 &&
          !!(
            await client.query(
              `SELECT 1 FROM alerts WHERE report_id = $1 AND list_id = $2 AND entry_id = $3 AND review_status = 'dismissed' AND lower(query_name) = lower($4) AND kind = $5 LIMIT 1`,
              [candidate.reportId, candidate.listId, candidate.entryId, candidate.queryName, candidate.kind ?? 'name-match'],
            )
          ).rowCount;
        const decision = decideOnMatch(stream.state, dismissed);
        if (decision.action === 'raise') {
          await this.insertRaised(client, { alertId, ...candidate, trigger }, metadata);
          return 'raised';
        }
        if (decision.action === 'reopen') {
          const event: AlertReopenedV1 = {
            alertId,
            lifts: decision.lifts,
            trigger,
            ...matchOf(candidate),
            ...(candidate.ownership ? { ownership: candidate.ownership } : {}),
            ...(candidate.diversion ? { diversion: candidate.diversion } : {}),
            ...(candidate.surge ? { surge: candidate.surge } : {}),
            ...(candidate.frontCompany ? { frontCompany: candidate.frontCompany } : {}),
            ...(candidate.misdeclared ? { misdeclared: candidate.misdeclared } : {}),
          };
          await this.appendMatch(client, AlertEvents.AlertReopened, event, metadata, stream.version, decision.status);
          return 'reopened';
        }
        return undefined;
      }),
    );
  }

  /**
   * Records that an alert in force resting on several reports' claims (a route's, a surge's) now rests on `candidate`'s
   * basis: `AlertBasisUpdated` with the match and basis, the row updated, status and review kept; one event where a
   * supersession and a reopening said the same. An alert found superseded (a writer outside the rule's lock, e.g. a
   * restore) is reopened with the basis instead (`raise`), and one that does not exist is raised.
   * @returns `updated`, or what `raise` did.
   */
  async updateBasis(
    candidate: AlertCandidate,
    reason: AlertBasisUpdatedV1['reason'],
    trigger: AlertRaisedV1['trigger'],
    cause: EventMetadata,
  ): Promise<'updated' | 'raised' | 'reopened' | undefined> {
    const alertId = alertIdOf(candidate);
    const metadata = { ...cause, actor: ACTOR };
    const updated = await retryOnConflict(() =>
      inTransaction(this.pool, async (client) => {
        const stream = await alertAt(client, alertId);
        if (!stream.state || stream.state.status === 'superseded') return false;
        const event = basisUpdated(alertId, candidate, reason, trigger);
        await this.appendMatch(client, AlertEvents.AlertBasisUpdated, event, metadata, stream.version, stream.state.status);
        return true;
      }),
    );
    return updated ? 'updated' : this.raise(candidate, trigger, cause);
  }

  /**
   * `updateBasis` for many alerts in one transaction of three statements, whatever their number (a run of reports
   * changes most of the busy routes' bases at once): the rows read, one `appendToStreams` with each alert at its row's
   * version, the rows updated from one JSON array. An alert that is not in force, has events past its row, or was
   * appended to meanwhile (a conflict: nothing of it written) is then decided alone by `updateBasis`.
   * @returns how many alerts were updated, raised or reopened.
   */
  async updateBases(
    updates: ReadonlyArray<{ candidate: AlertCandidate; trigger: AlertRaisedV1['trigger']; cause: EventMetadata }>,
    reason: AlertBasisUpdatedV1['reason'],
  ): Promise<number> {
    const byId = new Map(updates.map((u) => [alertIdOf(u.candidate), u]));
    if (byId.size === 0) return 0;
    const done = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ alert_id: string; version: number }>(
        `SELECT alert_id, version FROM alerts WHERE alert_id = ANY($1::uuid[]) AND status <> 'superseded'`,
        [[...byId.keys()]],
      );
      if (rows.length === 0) return new Map<string, number>();
      const events = rows.map((row) => {
        const { candidate, trigger, cause } = byId.get(row.alert_id)!;
        const event = basisUpdated(row.alert_id, candidate, reason, trigger);
        return { row, event, metadata: { ...cause, actor: ACTOR } };
      });
      const outcomes = await appendToStreams(
        client,
        events.map(({ row, event, metadata }) => ({
          streamId: alertStreamId(row.alert_id),
          streamType: ALERT_STREAM_TYPE,
          expected: row.version,
          events: [{ ...AlertEvents.AlertBasisUpdated, payload: event, metadata }],
        })),
      );
      const written = events.flatMap((e, i) => {
        const outcome = outcomes[i]!;
        if (outcome instanceof ExpectedVersionConflictError) return [];
        const { alertId, queryName, listVersion, entryName, matchedName, matchedNameKind, programs, countries, score, explanation } =
          e.event;
        const row = { queryName, listVersion, entryName, matchedName, matchedNameKind, programs, countries, score, explanation };
        return [{ alertId, ...row, version: outcome.nextVersion, basis: basisOf(e.event) }];
      });
      if (written.length)
        await client.query(
          `UPDATE alerts a SET query_name = u."queryName", list_version = u."listVersion", entry_name = u."entryName",
                  matched_name = u."matchedName", matched_name_kind = u."matchedNameKind", programs = u.programs, countries = u.countries,
                  score = u.score, explanation = u.explanation, version = u.version, basis = COALESCE(u.basis::jsonb, a.basis)
             FROM jsonb_to_recordset($1::jsonb) AS u("alertId" uuid, "queryName" text, "listVersion" text, "entryName" text, "matchedName" text,
                  "matchedNameKind" text, programs text[], countries text[], score double precision, explanation jsonb, version int, basis text)
            WHERE a.alert_id = u."alertId"`,
          [JSON.stringify(written)],
        );
      return new Map(written.map((w) => [w.alertId, w.version]));
    });
    let count = done.size;
    for (const [alertId, { candidate, trigger, cause }] of byId)
      if (!done.has(alertId) && (await this.updateBasis(candidate, reason, trigger, cause))) count++;
    return count;
  }

  /** Appends a reopening or a basis update at `version` and writes its match, basis and `status` to the row. */
  private async appendMatch(
    client: ClientBase,
    type: typeof AlertEvents.AlertReopened | typeof AlertEvents.AlertBasisUpdated,
    event: AlertReopenedV1 | AlertBasisUpdatedV1,
    metadata: EventMetadata,
    version: number,
    status: AlertState['status'],
  ): Promise<void> {
    const appended = await appendToStream(client, alertStreamId(event.alertId), ALERT_STREAM_TYPE, version, [
      { ...type, payload: event, metadata },
    ]);
    await client.query(
      `UPDATE alerts SET status = $2, superseded_reason = NULL, superseded_at = NULL, query_name = $3, list_version = $4, entry_name = $5, matched_name = $6,
                         matched_name_kind = $7, programs = $8, countries = $9, score = $10, explanation = $11, version = $12,
                         basis = COALESCE($13, basis)
       WHERE alert_id = $1`,
      [
        event.alertId,
        status,
        event.queryName,
        event.listVersion,
        event.entryName,
        event.matchedName,
        event.matchedNameKind,
        event.programs,
        event.countries,
        event.score,
        JSON.stringify(event.explanation),
        appended.nextVersion,
        basisOf(event),
      ],
    );
  }

  private async insertRaised(client: ClientBase, event: AlertRaisedV1, metadata: EventMetadata): Promise<void> {
    await appendToStream(client, alertStreamId(event.alertId), ALERT_STREAM_TYPE, 'no-stream', [
      { ...AlertEvents.AlertRaised, payload: event, metadata },
    ]);
    await client.query(
      `INSERT INTO alerts (alert_id, report_id, claim_id, location, query_name, list_id, entry_id, list_version, entry_name, matched_name, matched_name_kind,
                           programs, countries, score, explanation, trigger, raised_at, version, kind, basis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now(), 1, $17, $18)`,
      [
        event.alertId,
        event.reportId,
        event.claimId ?? null,
        event.location,
        event.queryName,
        event.listId,
        event.entryId,
        event.listVersion,
        event.entryName,
        event.matchedName,
        event.matchedNameKind,
        event.programs,
        event.countries,
        event.score,
        JSON.stringify(event.explanation),
        event.trigger,
        event.kind ?? 'name-match',
        basisOf(event),
      ],
    );
  }

  /**
   * Marks not yet superseded alerts chosen by `where` (SQL on `alerts`, parameters from $1) as superseded, one
   * transaction per alert, at the stream version the row reflects (a concurrent review makes it reload). A CHPL
   * surge's alert and a diversion route's are never superseded as `report-retracted`: they rest on the claims of many
   * reports, not only the one they sit on, and `ChplSurgeService` / `DiversionService` decide them again without the
   * retracted report's claims.
   * @returns the number superseded.
   */
  async supersede(
    where: string,
    params: unknown[],
    reason: AlertSupersededV1['reason'],
    cause: EventMetadata,
    listVersion?: string,
  ): Promise<number> {
    let count = 0;
    for (let round = 0; round < 5; round++) {
      const { rows } = await this.pool.query<{ alert_id: string; version: number }>(
        `SELECT alert_id, version FROM alerts WHERE status <> 'superseded' AND (${where})${reason === 'report-retracted' ? ` AND basis->'surge' IS NULL AND basis->'diversion'->'via' IS NULL` : ''}`,
        params,
      );
      if (rows.length === 0) return count;
      for (const row of rows) {
        const payload: AlertSupersededV1 = { alertId: row.alert_id, reason, ...(listVersion ? { listVersion } : {}) };
        try {
          await inTransaction(this.pool, async (client) => {
            const appended = await appendToStream(client, alertStreamId(row.alert_id), ALERT_STREAM_TYPE, row.version, [
              { ...AlertEvents.AlertSuperseded, payload, metadata: { ...cause, actor: ACTOR } },
            ]);
            await client.query(
              `UPDATE alerts SET status = 'superseded', superseded_reason = $2, superseded_at = now(), version = $3 WHERE alert_id = $1`,
              [row.alert_id, reason, appended.nextVersion],
            );
          });
          count++;
        } catch (error) {
          if (!(error instanceof ExpectedVersionConflictError)) throw error;
        }
      }
    }
    return count;
  }
}

/** Runs `decide` (a transaction deciding on one alert) again after a concurrent append to the alert's stream. */
async function retryOnConflict<T>(decide: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await decide();
    } catch (error) {
      if (!(error instanceof ExpectedVersionConflictError) || attempt >= CONFLICT_ATTEMPTS) throw error;
    }
  }
}

/** An alert's state (`foldAlert`) and the stream version it reflects: version 0 and no state when there is none. */
interface AlertAt {
  version: number;
  state: AlertState | undefined;
}

/**
 * The alert's state: its `alerts` row as a snapshot, and the stream's events after the row's version folded onto it
 * (none, in practice: every writer of an alert stream, this one and the processor's review, updates the row in the
 * append's transaction). A route or surge alert refreshed on every run is so decided without reading its whole,
 * growing stream.
 */
async function alertAt(client: ClientBase, alertId: string): Promise<AlertAt> {
  const { rows } = await client.query<AlertStateRow>(
    'SELECT status, review_status, superseded_reason, version FROM alerts WHERE alert_id = $1',
    [alertId],
  );
  const row = rows[0];
  const after = await readStream(client, alertStreamId(alertId), (row?.version ?? 0) + 1);
  return { version: Math.max(after.version, row?.version ?? 0), state: foldAlert(after.events, row && alertStateOfRow(row)) };
}

/** The columns of an `alerts` row that hold its state. */
export interface AlertStateRow {
  status: AlertState['status'];
  review_status: AlertReviewStatus | null;
  superseded_reason: AlertSupersededReason | null;
  version: number;
}

/** The state (`foldAlert`) an `alerts` row holds: the fold of its stream up to `row.version`. */
export function alertStateOfRow(row: AlertStateRow): AlertState {
  return {
    status: row.status,
    ...(row.review_status ? { reviewStatus: row.review_status } : {}),
    ...(row.status === 'superseded' && row.superseded_reason ? { supersededReason: row.superseded_reason } : {}),
  };
}

/** The `alerts.basis` of an alert event: what a kind other than a name match rests on (JSON), else null. */
function basisOf(event: Pick<AlertRaisedV1, 'ownership' | 'diversion' | 'surge' | 'frontCompany' | 'misdeclared'>): string | null {
  if (event.ownership) return JSON.stringify({ ownership: event.ownership });
  if (event.surge) return JSON.stringify({ surge: event.surge });
  if (event.frontCompany) return JSON.stringify({ frontCompany: event.frontCompany });
  if (event.misdeclared) return JSON.stringify({ misdeclared: event.misdeclared });
  return event.diversion ? JSON.stringify({ diversion: event.diversion }) : null;
}

/**
 * The id of a candidate's alert: from (report, location, list, entry); a diversion route's from its entry only
 * (`diversion:<A → B → C> <category>`) and a CHPL surge's too (`chpl-surge:<country>:<window>`), whichever report
 * they sit on and lists' programs they cite (a pair-shaped diversion, raised before routes, had its id from its two
 * claims: location = the onward claim, entry = the first claim); a front company's under
 * `front-company:<list>`, so it never shares the id of a name alert on the same party and entry.
 */
export function alertIdOf(
  c: Pick<AlertCandidate, 'kind' | 'reportId' | 'location' | 'listId' | 'entryId' | 'surge' | 'diversion'>,
): string {
  if (c.kind === 'possible-diversion' && (c.surge || c.diversion?.via)) return alertIdFor('', '', 'possible-diversion', c.entryId);
  const list = c.kind === 'possible-diversion' ? 'possible-diversion' : c.kind === 'front-company' ? `front-company:${c.listId}` : c.listId;
  return alertIdFor(c.reportId, c.location, list, c.entryId);
}

/** The `AlertBasisUpdated` of an alert whose route's or surge's basis is now `candidate`'s. */
function basisUpdated(
  alertId: string,
  candidate: AlertCandidate,
  reason: AlertBasisUpdatedV1['reason'],
  trigger: AlertRaisedV1['trigger'],
): AlertBasisUpdatedV1 {
  return {
    alertId,
    reason,
    trigger,
    ...matchOf(candidate),
    ...(candidate.diversion ? { diversion: candidate.diversion } : {}),
    ...(candidate.surge ? { surge: candidate.surge } : {}),
  };
}

function matchOf(c: AlertCandidate): AlertMatchV1 {
  const { queryName, listVersion, entryName, matchedName, matchedNameKind, programs, countries, score, explanation } = c;
  return { queryName, listVersion, entryName, matchedName, matchedNameKind, programs, countries, score, explanation };
}
