import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { ALERT_STREAM_TYPE, AlertEvents, alertStreamId, type AlertRaisedV1 } from '@tm/domain';
import { appendToStream, inTransaction } from '@tm/event-store';

/** An `AlertRaised` payload; `overrides` set the filtered facets. */
export function alertRaised(overrides: Partial<AlertRaisedV1> = {}): AlertRaisedV1 {
  return {
    alertId: randomUUID(),
    reportId: randomUUID(),
    claimId: 'zt-180',
    location: 'claims[0].supplier.entity',
    queryName: "Xi'an Bingo Intelligent Aviation Technology",
    listId: 'us-ofac-sdn',
    entryId: '50123',
    listVersion: '2024-05-01',
    entryName: 'XIAN BINGO INTELLIGENT AVIATION TECHNOLOGY CO LTD',
    matchedName: 'XIAN BINGO INTELLIGENT AVIATION TECHNOLOGY',
    matchedNameKind: 'primary',
    programs: ['RUSSIA-EO14024'],
    countries: ['CN', 'RU'],
    score: 0.93,
    explanation: { tokens: [], penalties: [], notes: [] },
    trigger: 'report-submitted',
    ...overrides,
  };
}

/** Appends an `AlertRaised` as the screening app would; @returns the event id. */
export async function raiseAlert(pool: Pool, payload: AlertRaisedV1): Promise<string> {
  const eventId = randomUUID();
  await inTransaction(pool, (c) =>
    appendToStream(c, alertStreamId(payload.alertId), ALERT_STREAM_TYPE, 'no-stream', [
      { eventId, ...AlertEvents.AlertRaised, payload, metadata: { actor: 'system:screening', acceptedAt: new Date().toISOString() } },
    ]),
  );
  return eventId;
}

/** Appends a later event (`AlertReviewed`, `AlertSuperseded`) to an alert's stream; @returns the event id. */
export async function appendAlertEvent(
  pool: Pool,
  alertId: string,
  expectedVersion: number,
  event: { type: string; schemaVersion: number },
  payload: object,
): Promise<string> {
  const eventId = randomUUID();
  await inTransaction(pool, (c) =>
    appendToStream(c, alertStreamId(alertId), ALERT_STREAM_TYPE, expectedVersion, [
      { eventId, type: event.type, schemaVersion: event.schemaVersion, payload },
    ]),
  );
  return eventId;
}
