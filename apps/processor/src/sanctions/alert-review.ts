import type { ClientBase } from 'pg';
import { ALERT_STREAM_TYPE, AlertEvents, alertStreamId, type AlertReviewedV1 } from '@tm/domain';
import { appendToStream } from '@tm/event-store';
import type { Envelope } from '@tm/messaging';

/**
 * Appends `AlertReviewed` to `alert-<id>` at `expectedVersion` (the reviewer in the metadata: the audit trail) and
 * updates the alert's `alerts` row in the same transaction; a superseded alert keeps status `superseded`, its
 * review kept in `review_status`. Throws `ExpectedVersionConflictError` when the stream moved on.
 * @returns the global position of the appended event
 */
export async function appendAlertReview(
  client: ClientBase,
  envelope: Envelope,
  expectedVersion: number,
  event: AlertReviewedV1,
): Promise<number> {
  const metadata = {
    commandId: envelope.id,
    correlationId: envelope.correlationId,
    causationId: envelope.id,
    actor: envelope.actor ?? 'anonymous',
  };
  const appended = await appendToStream(client, alertStreamId(event.alertId), ALERT_STREAM_TYPE, expectedVersion, [
    { ...AlertEvents.AlertReviewed, payload: event, metadata },
  ]);
  await client.query(
    `UPDATE alerts SET review_status = $2, review_reason = $3, reviewed_at = now(), version = $4,
       status = CASE WHEN status = 'superseded' THEN status ELSE $2 END WHERE alert_id = $1`,
    [event.alertId, event.status, event.reason, appended.nextVersion],
  );
  return appended.globalPositions[0]!;
}
