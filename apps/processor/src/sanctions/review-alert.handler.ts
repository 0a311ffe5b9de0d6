import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { ALERT_STREAM_TYPE, AlertEvents, alertStreamId, type AlertReviewedV1 } from '@tm/domain';
import { appendToStream, ExpectedVersionConflictError, findCommandOutcome, inTransaction, readStream, recordCommandOutcome, type CommandOutcome } from '@tm/event-store';
import { PermanentMessageError } from '@tm/messaging';
import { ReviewAlertCommand } from './sanctions-commands';

const STATUSES = ['acknowledged', 'confirmed', 'dismissed'];
const ATTEMPTS = 5;

class Rejected extends Error {
  constructor(readonly code: string, message: string, readonly path?: string) {
    super(message);
  }
}

/**
 * Runs `ReviewAlert`: in one transaction (inbox check, stream read, append at the expected version, `alerts` row,
 * outcome), appends `AlertReviewed` to `alert-<id>` with the reviewer in the metadata (the audit trail). A review of
 * an unknown alert or with a bad status/reason is rejected and dead-lettered. A superseded alert keeps status
 * `superseded`; its review is still recorded (`review_status`).
 */
@CommandHandler(ReviewAlertCommand)
export class ReviewAlertHandler implements ICommandHandler<ReviewAlertCommand, void> {
  private readonly logger = new Logger(ReviewAlertHandler.name);

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ envelope, payload }: ReviewAlertCommand): Promise<void> {
    const alertId = typeof payload?.alertId === 'string' ? payload.alertId : 'unknown';
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(this.pool, async (client) => {
          if (await findCommandOutcome(client, envelope.id)) return;
          if (!STATUSES.includes(payload?.status)) throw new Rejected('invalid-payload', `status must be one of ${STATUSES.join(', ')}`, 'status');
          if (typeof payload.reason !== 'string' || !payload.reason.trim()) throw new Rejected('invalid-payload', 'a review needs a reason', 'reason');
          const stream = await readStream(client, alertStreamId(alertId));
          if (stream.version === 0) throw new Rejected('unknown-alert', `no alert ${alertId}`);
          const event: AlertReviewedV1 = { alertId, status: payload.status, reason: payload.reason };
          const metadata = { commandId: envelope.id, correlationId: envelope.correlationId, causationId: envelope.id, actor: envelope.actor ?? 'anonymous' };
          const appended = await appendToStream(client, alertStreamId(alertId), ALERT_STREAM_TYPE, stream.version, [{ ...AlertEvents.AlertReviewed, payload: event, metadata }]);
          await client.query(
            `UPDATE alerts SET review_status = $2, review_reason = $3, reviewed_at = now(), version = $4,
               status = CASE WHEN status = 'superseded' THEN status ELSE $2 END WHERE alert_id = $1`,
            [alertId, payload.status, payload.reason, appended.nextVersion],
          );
          const position = appended.globalPositions[0]!;
          await recordCommandOutcome(client, { commandId: envelope.id, commandType: 'ReviewAlert', aggregateId: alertId, status: 'succeeded', globalPositions: { first: position, last: position } });
        });
        return;
      } catch (error) {
        if (error instanceof Rejected) return this.reject(envelope.id, alertId, { code: error.code, message: error.message, ...(error.path ? { path: error.path } : {}) });
        if (!(error instanceof ExpectedVersionConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async reject(commandId: string, alertId: string, reason: NonNullable<CommandOutcome['reason']>): Promise<never> {
    await inTransaction(this.pool, (client) => recordCommandOutcome(client, { commandId, commandType: 'ReviewAlert', aggregateId: alertId, status: 'rejected', reason }));
    this.logger.warn(`review ${commandId} of alert ${alertId} rejected: ${reason.code}: ${reason.message}`);
    throw new PermanentMessageError(`${reason.code}: ${reason.message}`, 'rejected');
  }
}
