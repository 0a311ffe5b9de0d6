import type { Logger } from '@nestjs/common';
import type { ClientBase, Pool } from 'pg';
import {
  ALERT_STREAM_TYPE,
  AlertEvents,
  alertStreamId,
  decideReview,
  foldAlert,
  type AlertReviewedV1,
  type ReviewAlertV1,
} from '@tm/domain';
import {
  appendToStream,
  ExpectedVersionConflictError,
  findCommandOutcome,
  inTransaction,
  readStream,
  recordCommandOutcome,
  type CommandOutcome,
} from '@tm/event-store';
import { PermanentMessageError, type Envelope } from '@tm/messaging';

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

const ATTEMPTS = 5;

/** A review command refused by its rules: recorded as `rejected` and dead-lettered. */
export class ReviewRejected extends Error {
  constructor(readonly reason: NonNullable<CommandOutcome['reason']>) {
    super(reason.message);
  }
}

/** One alert to review, and the path to name when the rule refuses it without naming a field (`alertIds[2]`). */
export interface AlertToReview {
  review: ReviewAlertV1;
  path?: string;
}

/**
 * Runs a review command (`ReviewAlert`: one alert; `ReviewAlerts`: many) all or nothing, in one transaction: inbox
 * check, each `alert-<id>` stream read and decided by {@link decideReview}, then `AlertReviewed` appended to each at
 * the version read (in alert-id order, so overlapping commands wait for each other instead of deadlocking), and the
 * outcome. `alerts()` (run inside, may throw {@link ReviewRejected}) names what to review. One refusal appends
 * nothing: the command is recorded `rejected` and a `PermanentMessageError` sends it to the dead-letter topic. A
 * stream that moved on meanwhile (`ExpectedVersionConflictError`) retries the whole command, up to 5 times.
 */
export async function runReviewCommand(
  pool: Pool,
  logger: Logger,
  envelope: Envelope,
  command: { type: 'ReviewAlert' | 'ReviewAlerts'; aggregateId: string; alerts: () => AlertToReview[] },
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await inTransaction(pool, async (client) => {
        if (await findCommandOutcome(client, envelope.id)) return;
        const reviews: { event: AlertReviewedV1; version: number }[] = [];
        for (const { review, path } of command.alerts()) {
          const stream = await readStream(client, alertStreamId(review.alertId));
          const decision = decideReview(foldAlert(stream.events), review);
          if (decision.action === 'refuse') {
            const at = decision.path ?? path;
            throw new ReviewRejected({ code: decision.code, message: decision.message, ...(at ? { path: at } : {}) });
          }
          reviews.push({ event: decision.event, version: stream.version });
        }
        const positions: number[] = [];
        for (const r of reviews.sort((a, b) => a.event.alertId.localeCompare(b.event.alertId)))
          positions.push(await appendAlertReview(client, envelope, r.version, r.event));
        await recordCommandOutcome(client, {
          commandId: envelope.id,
          commandType: command.type,
          aggregateId: command.aggregateId,
          status: 'succeeded',
          globalPositions: { first: Math.min(...positions), last: Math.max(...positions) },
        });
      });
      return;
    } catch (error) {
      if (!(error instanceof ReviewRejected)) {
        if (!(error instanceof ExpectedVersionConflictError) || attempt >= ATTEMPTS) throw error;
        continue;
      }
      const reason = error.reason;
      await inTransaction(pool, (client) =>
        recordCommandOutcome(client, {
          commandId: envelope.id,
          commandType: command.type,
          aggregateId: command.aggregateId,
          status: 'rejected',
          reason,
        }),
      );
      logger.warn(
        `${command.type} ${envelope.id} (${command.aggregateId}) rejected: ${reason.code}: ${reason.message}${reason.path ? ` (${String(reason.path)})` : ''}`,
      );
      throw new PermanentMessageError(`${reason.code}: ${reason.message}`, 'rejected');
    }
  }
}
