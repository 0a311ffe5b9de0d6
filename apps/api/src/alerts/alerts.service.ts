import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { AlertEvents, alertStreamId } from '@tm/domain';
import { readStreamThinned } from '@tm/event-store';
import { readAlert, readAlerts, type AlertAfter, type AlertRecord } from '@tm/read-models';
import { RequestValidationException } from '../http/api-exceptions';
import { ALERT_PAGE, type AlertsQueryDto } from './alerts.dto';
import { links } from '../http/links';

/** The basis updates `GET /v1/alerts/:id` lists, the last ones (every other event of the alert is listed). */
export const BASIS_UPDATES_SHOWN = 20;

/** An alert as the API shows it. */
export type AlertView = ReturnType<typeof toView>;

function toView(a: AlertRecord) {
  return {
    alertId: a.alertId,
    kind: a.kind,
    ...(a.basis ? { basis: a.basis } : {}),
    status: a.status,
    reportId: a.reportId,
    ...(a.claimId ? { claimId: a.claimId } : {}),
    location: a.location,
    queryName: a.queryName,
    listId: a.listId,
    entryId: a.entryId,
    listVersion: a.listVersion,
    entryName: a.entryName,
    matchedName: a.matchedName,
    matchedNameKind: a.matchedNameKind,
    programs: a.programs,
    countries: a.countries,
    score: a.score,
    explanation: a.explanation,
    trigger: a.trigger,
    raisedAt: a.raisedAt.toISOString(),
    ...(a.reviewStatus ? { review: { status: a.reviewStatus, reason: a.reviewReason, reviewedAt: a.reviewedAt?.toISOString() } } : {}),
    ...(a.supersededAt ? { superseded: { reason: a.supersededReason, supersededAt: a.supersededAt.toISOString() } } : {}),
    links: { self: links.alert(a.alertId), report: links.report(a.reportId), review: links.alertReview(a.alertId) },
  };
}

const encodeCursor = (key: AlertAfter) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string): AlertAfter {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === 'string') &&
      !Number.isNaN(Date.parse(value[0])) &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    )
      return value as AlertAfter;
  } catch {
    // fall through
  }
  throw new RequestValidationException([{ path: 'cursor', rule: 'isCursor', message: 'cursor must be the nextCursor of a previous page' }]);
}

/** Reads the `alerts` table (written in the transaction of every alert event). */
@Injectable()
export class AlertsService {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Alerts newest first (raised time, then id), filtered; keyset pagination: `nextCursor` names the last one
   * returned when more alerts follow, null on the last page.
   */
  async list(query: AlertsQueryDto): Promise<{ items: AlertView[]; nextCursor: string | null }> {
    const limit = query.limit ?? ALERT_PAGE.default;
    const rows = await readAlerts(this.pool, query, limit, query.cursor ? decodeCursor(query.cursor) : null);
    const page = rows.slice(0, limit);
    return { items: page.map((r) => toView(r.alert)), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.key) : null };
  }

  /**
   * One alert as it stands, with its history: the events of its stream (raised, reviewed, superseded, reopened, basis
   * updated), each with its actor, time and payload as stored; `AlertRaised`'s too, which holds the match and basis the
   * alert was raised with once a reopening or a basis update has replaced them in the alert's own fields. A busy
   * route's alert is updated on every run of reports touching it: only its last `BASIS_UPDATES_SHOWN` basis updates
   * are listed (`basisUpdatesOmitted` counts the others; every other event is listed).
   */
  async get(alertId: string) {
    const alert = await readAlert(this.pool, alertId);
    if (!alert) return undefined;
    const stream = await readStreamThinned(this.pool, alertStreamId(alertId), AlertEvents.AlertBasisUpdated.type, BASIS_UPDATES_SHOWN);
    return {
      ...toView(alert),
      basisUpdatesOmitted: stream.omitted,
      history: stream.events.map((e) => ({
        type: e.type,
        version: e.version,
        at: e.recordedAt.toISOString(),
        actor: e.metadata.actor,
        payload: e.payload,
      })),
    };
  }
}
