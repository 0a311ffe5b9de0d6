import { createHash } from 'node:crypto';
import type { AlertBasisUpdatedV1, AlertRaisedV1, AlertReopenedV1, AlertReviewedV1, AlertSupersededV1 } from '@tm/domain';
import { WEBHOOK_TYPE_OF_EVENT, type WebhookEventType } from './event-types';

/** What subscription filters look at: the facets of the alert an event is about (from its `AlertRaised`). */
export interface AlertFacets {
  alertId: string;
  /** `AlertKind`; absent in facets recorded before kinds existed (a `name-match`). */
  kind?: string;
  reportId: string;
  listId: string;
  entryId: string;
  entryName: string;
  programs: string[];
  countries: string[];
  /** In [0, 1]. */
  score: number;
}

/** An alert event as the notifier's projection reads it from the event store. */
export interface AlertEventInput {
  eventId: string;
  type: string;
  payload: unknown;
  recordedAt: Date;
}

/** A webhook message, built once per alert event and shared by its deliveries. */
export interface WebhookMessage {
  /** The `webhook-id`: `msg_` + 32 hex digits derived from the event id, so a replayed event gives the same id. */
  messageId: string;
  eventType: WebhookEventType;
  /** The exact bytes (UTF-8) that are signed and sent: `{ type, timestamp, data }`. */
  body: string;
  alertId: string;
}

/** The facets of an `AlertRaised` payload. */
export function facetsOfRaised(payload: AlertRaisedV1): AlertFacets {
  return {
    alertId: payload.alertId,
    kind: payload.kind ?? 'name-match',
    reportId: payload.reportId,
    listId: payload.listId,
    entryId: payload.entryId,
    entryName: payload.entryName,
    programs: payload.programs ?? [],
    countries: payload.countries ?? [],
    score: payload.score,
  };
}

/**
 * The webhook-id of an event: deterministic (SHA-256 of the event id, 128 bits), so re-projecting an event never
 * makes a second message. The spec asks for an id unique per message and the same on every retry
 * (Standard Webhooks, "webhook-id").
 */
export function messageIdOf(eventId: string): string {
  return `msg_${createHash('sha256').update(`alert-webhook:${eventId}`).digest('hex').slice(0, 32)}`;
}

/**
 * Builds the message for an alert event, or undefined for an event type that is not a webhook.
 * Payload shape per Standard Webhooks: `{ type, timestamp, data }`, `timestamp` being when the event occurred
 * (the event's `recordedAt`, ISO 8601). `data` is the event's payload; for `alert.reviewed`, `alert.superseded`,
 * `alert.reopened` and `alert.updated` it also carries `alert` (the raised alert's facets) when known, so the receiver
 * needs no second call. `alert.superseded`'s `data.reason` is one of `ALERT_SUPERSEDED_REASONS` (`alert.reopened`'s
 * `lifts` too, but `report-retracted`), as stored; `alert.updated` (a route's or surge's alert in force now citing
 * other claims or figures: `data.diversion` or `data.surge`) says `report-amended` or `entry-amended`.
 */
export function buildWebhookMessage(event: AlertEventInput, facets: AlertFacets | undefined): WebhookMessage | undefined {
  const eventType = WEBHOOK_TYPE_OF_EVENT[event.type];
  if (!eventType) return undefined;
  const payload = event.payload as AlertRaisedV1 | AlertReviewedV1 | AlertSupersededV1 | AlertReopenedV1 | AlertBasisUpdatedV1;
  const data = eventType === 'alert.raised' || !facets ? { ...payload } : { ...payload, alert: facets };
  const body = JSON.stringify({ type: eventType, timestamp: event.recordedAt.toISOString(), data });
  return { messageId: messageIdOf(event.eventId), eventType, body, alertId: payload.alertId };
}
