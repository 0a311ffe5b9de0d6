import type { ClientBase } from 'pg';
import { ALERT_STREAM_TYPE, AlertEvents, type AlertRaisedV1 } from '@tm/domain';
import type { StoredEvent } from '@tm/event-store';
import { buildWebhookMessage, facetsOfRaised, matchesSubscription, type AlertFacets } from '@tm/webhooks';

interface SubscriptionRow {
  subscription_id: string;
  event_types: string[];
  countries: string[];
  lists: string[];
  programs: string[];
  kinds: string[];
  min_score: number | null;
  created_at: Date;
}

/** What one batch recorded. */
export interface RecordedBatch {
  messages: number;
  deliveries: number;
}

/**
 * Records the webhook messages of a batch of stored events, and one delivery per matching subscription, inside the
 * caller's transaction (which also stores the projection's checkpoint): a message never exists without its
 * deliveries, nor a delivery without its message. Events other than alert events are skipped.
 *
 * A subscription matches when its filters accept the alert (see `matchesSubscription`) and it existed when the
 * event was recorded. Paused and disabled subscriptions get their deliveries too: they are held, not sent, until the
 * subscription is active again, so a subscriber misses nothing it subscribed to. A message id already recorded (an
 * event projected twice) adds nothing.
 */
export async function recordAlertDeliveries(client: ClientBase, events: readonly StoredEvent[]): Promise<RecordedBatch> {
  const alertEvents = events.filter((e) => e.streamType === ALERT_STREAM_TYPE);
  if (alertEvents.length === 0) return { messages: 0, deliveries: 0 };
  const { rows: subscriptions } = await client.query<SubscriptionRow>(
    'SELECT subscription_id, event_types, countries, lists, programs, kinds, min_score, created_at FROM webhook_subscriptions',
  );
  const facetsByAlert = new Map<string, AlertFacets | undefined>();
  const recorded: RecordedBatch = { messages: 0, deliveries: 0 };
  for (const event of alertEvents) {
    const alertId = (event.payload as { alertId: string }).alertId;
    let facets: AlertFacets | undefined;
    if (event.type === AlertEvents.AlertRaised.type) {
      facets = facetsOfRaised(event.payload as AlertRaisedV1);
      await client.query(
        'INSERT INTO webhook_alerts (alert_id, facets) VALUES ($1, $2) ON CONFLICT (alert_id) DO UPDATE SET facets = EXCLUDED.facets',
        [alertId, facets],
      );
      facetsByAlert.set(alertId, facets);
    } else {
      if (!facetsByAlert.has(alertId)) {
        const { rows } = await client.query<{ facets: AlertFacets }>('SELECT facets FROM webhook_alerts WHERE alert_id = $1', [alertId]);
        facetsByAlert.set(alertId, rows[0]?.facets);
      }
      facets = facetsByAlert.get(alertId);
    }
    const message = buildWebhookMessage(event, facets);
    if (!message) continue;
    const inserted = await client.query(
      `INSERT INTO webhook_messages (message_id, event_id, global_position, alert_id, event_type, body, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (message_id) DO NOTHING`,
      [message.messageId, event.eventId, event.globalPosition, message.alertId, message.eventType, message.body, event.recordedAt],
    );
    if (inserted.rowCount !== 1) continue;
    recorded.messages += 1;
    const targets = subscriptions
      .filter((s) => s.created_at <= event.recordedAt)
      .filter((s) =>
        matchesSubscription(
          {
            eventTypes: s.event_types,
            countries: s.countries,
            lists: s.lists,
            programs: s.programs,
            kinds: s.kinds,
            minScore: s.min_score,
          },
          message.eventType,
          facets,
        ),
      )
      .map((s) => s.subscription_id);
    if (targets.length === 0) continue;
    const result = await client.query(
      `INSERT INTO webhook_deliveries (subscription_id, message_id) SELECT unnest($1::uuid[]), $2 ON CONFLICT (subscription_id, message_id) DO NOTHING`,
      [targets, message.messageId],
    );
    recorded.deliveries += result.rowCount ?? 0;
  }
  return recorded;
}
