import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { alertStreamId, decideReview, foldAlert } from '@tm/domain';
import {
  ExpectedVersionConflictError,
  findCommandOutcome,
  inTransaction,
  readStream,
  recordCommandOutcome,
  type CommandOutcome,
} from '@tm/event-store';
import { PermanentMessageError } from '@tm/messaging';
import { appendAlertReview } from './alert-review';
import { ReviewAlertCommand } from './sanctions-commands';

const ATTEMPTS = 5;

class Rejected extends Error {
  constructor(readonly reason: NonNullable<CommandOutcome['reason']>) {
    super(reason.message);
  }
}

/**
 * Runs `ReviewAlert`: in one transaction (inbox check, stream read, {@link decideReview}, append at the expected
 * version, `alerts` row, outcome), appends `AlertReviewed` to `alert-<id>` with the reviewer in the metadata (the
 * audit trail). A review the rule refuses (unknown alert, bad status/reason) is rejected and dead-lettered. A
 * superseded alert keeps status `superseded`; its review is still recorded (`review_status`).
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
          const stream = await readStream(client, alertStreamId(alertId));
          const decision = decideReview(foldAlert(stream.events), { ...payload, alertId });
          if (decision.action === 'refuse')
            throw new Rejected({ code: decision.code, message: decision.message, ...(decision.path ? { path: decision.path } : {}) });
          const position = await appendAlertReview(client, envelope, stream.version, decision.event);
          await recordCommandOutcome(client, {
            commandId: envelope.id,
            commandType: 'ReviewAlert',
            aggregateId: alertId,
            status: 'succeeded',
            globalPositions: { first: position, last: position },
          });
        });
        return;
      } catch (error) {
        if (error instanceof Rejected) return this.reject(envelope.id, alertId, error.reason);
        if (!(error instanceof ExpectedVersionConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async reject(commandId: string, alertId: string, reason: NonNullable<CommandOutcome['reason']>): Promise<never> {
    await inTransaction(this.pool, (client) =>
      recordCommandOutcome(client, { commandId, commandType: 'ReviewAlert', aggregateId: alertId, status: 'rejected', reason }),
    );
    this.logger.warn(`review ${commandId} of alert ${alertId} rejected: ${reason.code}: ${reason.message}`);
    throw new PermanentMessageError(`${reason.code}: ${reason.message}`, 'rejected');
  }
}
