import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { alertStreamId } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { RequestValidationException } from '../http/api-exceptions';
import type { AlertsQueryDto } from './alerts.dto';
import { links } from '../http/links';

interface AlertRow {
  alert_id: string;
  report_id: string;
  claim_id: string | null;
  location: string;
  query_name: string;
  list_id: string;
  entry_id: string;
  list_version: string;
  entry_name: string;
  matched_name: string;
  matched_name_kind: string;
  programs: string[];
  countries: string[];
  score: number;
  explanation: unknown;
  trigger: string;
  status: string;
  review_status: string | null;
  review_reason: string | null;
  reviewed_at: Date | null;
  superseded_reason: string | null;
  superseded_at: Date | null;
  raised_at: Date;
  raised_at_text: string;
  version: number;
}

/** An alert as the API shows it. */
export type AlertView = ReturnType<typeof toView>;

function toView(r: AlertRow) {
  return {
    alertId: r.alert_id,
    status: r.status,
    reportId: r.report_id,
    ...(r.claim_id ? { claimId: r.claim_id } : {}),
    location: r.location,
    queryName: r.query_name,
    listId: r.list_id,
    entryId: r.entry_id,
    listVersion: r.list_version,
    entryName: r.entry_name,
    matchedName: r.matched_name,
    matchedNameKind: r.matched_name_kind,
    programs: r.programs,
    countries: r.countries,
    score: r.score,
    explanation: r.explanation,
    trigger: r.trigger,
    raisedAt: r.raised_at.toISOString(),
    ...(r.review_status ? { review: { status: r.review_status, reason: r.review_reason, reviewedAt: r.reviewed_at?.toISOString() } } : {}),
    ...(r.superseded_at ? { superseded: { reason: r.superseded_reason, supersededAt: r.superseded_at.toISOString() } } : {}),
    links: { self: links.alert(r.alert_id), report: links.report(r.report_id), review: links.alertReview(r.alert_id) },
  };
}

const encodeCursor = (r: AlertRow) => Buffer.from(JSON.stringify([r.raised_at_text, r.alert_id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string') && !Number.isNaN(Date.parse(value[0])) && /^[0-9a-f-]{36}$/i.test(value[1])) return value as [string, string];
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
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.status) add('status = ?', query.status);
    if (query.list) add('list_id = ?', query.list);
    if (query.program) add('? = ANY(programs)', query.program);
    if (query.country) add('? = ANY(countries)', query.country);
    if (query.minScore !== undefined) add('score >= ?', query.minScore);
    if (query.since) add('raised_at >= ?::timestamptz', query.since);
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      params.push(at, id);
      where.push(`(raised_at, alert_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const limit = query.limit ?? 50;
    params.push(limit + 1);
    const { rows } = await this.pool.query<AlertRow>(
      `SELECT *, raised_at::text AS raised_at_text FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, alert_id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    return { items: page.map(toView), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
  }

  /** One alert with its history (the events of its stream: raised, reviewed, superseded, with actor and time). */
  async get(alertId: string) {
    const { rows } = await this.pool.query<AlertRow>('SELECT *, raised_at::text AS raised_at_text FROM alerts WHERE alert_id = $1', [alertId]);
    if (!rows[0]) return undefined;
    const stream = await readStream(this.pool, alertStreamId(alertId));
    return {
      ...toView(rows[0]),
      history: stream.events.map((e) => ({ type: e.type, version: e.version, at: e.recordedAt.toISOString(), actor: e.metadata.actor, ...(e.type === 'AlertRaised' ? {} : { payload: e.payload }) })),
    };
  }
}
