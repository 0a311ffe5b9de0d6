import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { ALERT_STREAM_TYPE, AlertEvents, alertIdFor, alertStreamId, type AlertRaisedV1, type AlertSupersededV1 } from '@tm/domain';
import { appendToStream, ExpectedVersionConflictError, inTransaction, type EventMetadata } from '@tm/event-store';
import type { AlertCandidate } from '@tm/screening';

const ACTOR = 'system:screening';

/**
 * Writes alert events and the `alerts` row in one transaction (the row reflects the stream version it was written
 * with). Raising is idempotent: the alert id is derived from (report, location, list, entry) and appended with
 * `no-stream`, so a redelivered event or a re-screen conflicts and raises nothing twice.
 */
@Injectable()
export class AlertWriter {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Raises the alert unless it exists or the analyst dismissed the same name and entry for this report.
   * @returns the alert id when raised now, undefined otherwise.
   */
  async raise(candidate: AlertCandidate, trigger: AlertRaisedV1['trigger'], cause: EventMetadata): Promise<string | undefined> {
    const alertId = alertIdFor(candidate.reportId, candidate.location, candidate.listId, candidate.entryId);
    const event: AlertRaisedV1 = { alertId, ...candidate, trigger };
    try {
      return await inTransaction(this.pool, async (client) => {
        const dismissed = await client.query(
          `SELECT 1 FROM alerts WHERE report_id = $1 AND list_id = $2 AND entry_id = $3 AND review_status = 'dismissed' AND lower(query_name) = lower($4) LIMIT 1`,
          [candidate.reportId, candidate.listId, candidate.entryId, candidate.queryName],
        );
        if (dismissed.rowCount) return undefined;
        await appendToStream(client, alertStreamId(alertId), ALERT_STREAM_TYPE, 'no-stream', [{ ...AlertEvents.AlertRaised, payload: event, metadata: { ...cause, actor: ACTOR } }]);
        await client.query(
          `INSERT INTO alerts (alert_id, report_id, claim_id, location, query_name, list_id, entry_id, list_version, entry_name, matched_name, matched_name_kind,
                               programs, countries, score, explanation, trigger, raised_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now(), 1)`,
          [alertId, event.reportId, event.claimId ?? null, event.location, event.queryName, event.listId, event.entryId, event.listVersion, event.entryName, event.matchedName, event.matchedNameKind, event.programs, event.countries, event.score, JSON.stringify(event.explanation), trigger],
        );
        return alertId;
      });
    } catch (error) {
      if (error instanceof ExpectedVersionConflictError) return undefined; // already raised
      throw error;
    }
  }

  /**
   * Marks not yet superseded alerts chosen by `where` (SQL on `alerts`, parameters from $1) as superseded, one
   * transaction per alert, at the stream version the row reflects (a concurrent review makes it reload).
   * @returns the number superseded.
   */
  async supersede(where: string, params: unknown[], reason: AlertSupersededV1['reason'], cause: EventMetadata, listVersion?: string): Promise<number> {
    let count = 0;
    for (let round = 0; round < 5; round++) {
      const { rows } = await this.pool.query<{ alert_id: string; version: number }>(`SELECT alert_id, version FROM alerts WHERE status <> 'superseded' AND ${where}`, params);
      if (rows.length === 0) return count;
      for (const row of rows) {
        const payload: AlertSupersededV1 = { alertId: row.alert_id, reason, ...(listVersion ? { listVersion } : {}) };
        try {
          await inTransaction(this.pool, async (client) => {
            const appended = await appendToStream(client, alertStreamId(row.alert_id), ALERT_STREAM_TYPE, row.version, [{ ...AlertEvents.AlertSuperseded, payload, metadata: { ...cause, actor: ACTOR } }]);
            await client.query(`UPDATE alerts SET status = 'superseded', superseded_reason = $2, superseded_at = now(), version = $3 WHERE alert_id = $1`, [row.alert_id, reason, appended.nextVersion]);
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
