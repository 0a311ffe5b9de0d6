import { AlertEvents } from '@tm/domain';

/**
 * Webhook event types, full-stop delimited as the Standard Webhooks spec recommends for `type`
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#payload-structure).
 */
export const WEBHOOK_EVENT_TYPES = ['alert.raised', 'alert.reviewed', 'alert.superseded', 'alert.reopened', 'alert.updated'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Stored alert event type → webhook event type. */
export const WEBHOOK_TYPE_OF_EVENT: Readonly<Record<string, WebhookEventType>> = {
  [AlertEvents.AlertRaised.type]: 'alert.raised',
  [AlertEvents.AlertReviewed.type]: 'alert.reviewed',
  [AlertEvents.AlertSuperseded.type]: 'alert.superseded',
  [AlertEvents.AlertReopened.type]: 'alert.reopened',
  [AlertEvents.AlertBasisUpdated.type]: 'alert.updated',
};
