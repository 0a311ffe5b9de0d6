import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { alertStreamId, decideReview, foldAlert, MAX_ALERTS_PER_REVIEW, type AlertReviewedV1 } from '@tm/domain';
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
import { ReviewAlertsCommand } from './sanctions-commands';

const ATTEMPTS = 5;

class Rejected extends Error {
  constructor(readonly reason: NonNullable<CommandOutcome['reason']>) {
    super(reason.message);
  }
}

/**
 * Runs `ReviewAlerts` all or nothing, in one transaction: inbox check, every `alert-<id>` stream read and decided by
 * {@link decideReview} (the rule of a single review), then `AlertReviewed` appended to each at the version read and
 * each `alerts` row updated, and the outcome. One unknown alert, or one review the rule refuses, appends nothing:
 * the command is rejected with `path` `alertIds[i]` (or the field at fault) and dead-lettered. Streams are appended
 * in alert-id order, so two overlapping batches wait for each other instead of deadlocking; a stream that moved on
 * meanwhile retries the whole batch.
 */
@CommandHandler(ReviewAlertsCommand)
export class ReviewAlertsHandler implements ICommandHandler<ReviewAlertsCommand, void> {
  private readonly logger = new Logger(ReviewAlertsHandler.name);

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ envelope, payload }: ReviewAlertsCommand): Promise<void> {
    const batchId = typeof payload?.batchId === 'string' ? payload.batchId : envelope.id;
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(this.pool, async (client) => {
          if (await findCommandOutcome(client, envelope.id)) return;
          const alertIds = this.validIds(payload?.alertIds);
          const reviews: { event: AlertReviewedV1; version: number }[] = [];
          for (const [i, alertId] of alertIds.entries()) {
            const stream = await readStream(client, alertStreamId(alertId));
            const decision = decideReview(foldAlert(stream.events), { alertId, status: payload.status, reason: payload.reason });
            if (decision.action === 'refuse')
              throw new Rejected({ code: decision.code, message: decision.message, path: decision.path ?? `alertIds[${i}]` });
            reviews.push({ event: decision.event, version: stream.version });
          }
          const positions: number[] = [];
          for (const review of [...reviews].sort((a, b) => a.event.alertId.localeCompare(b.event.alertId))) {
            positions.push(await appendAlertReview(client, envelope, review.version, review.event));
          }
          await recordCommandOutcome(client, {
            commandId: envelope.id,
            commandType: 'ReviewAlerts',
            aggregateId: batchId,
            status: 'succeeded',
            globalPositions: { first: Math.min(...positions), last: Math.max(...positions) },
          });
        });
        return;
      } catch (error) {
        if (error instanceof Rejected) return this.reject(envelope.id, batchId, error.reason);
        if (!(error instanceof ExpectedVersionConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** The API checks the ids already; a command from elsewhere gets the same limits. */
  private validIds(ids: unknown): string[] {
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > MAX_ALERTS_PER_REVIEW)
      throw new Rejected({
        code: 'invalid-payload',
        message: `alertIds must hold 1 to ${MAX_ALERTS_PER_REVIEW} alert ids`,
        path: 'alertIds',
      });
    const seen = new Set<string>();
    for (const [i, id] of ids.entries()) {
      if (typeof id !== 'string' || seen.has(id))
        throw new Rejected({ code: 'invalid-payload', message: 'alertIds must be distinct alert ids', path: `alertIds[${i}]` });
      seen.add(id);
    }
    return ids as string[];
  }

  private async reject(commandId: string, batchId: string, reason: NonNullable<CommandOutcome['reason']>): Promise<never> {
    await inTransaction(this.pool, (client) =>
      recordCommandOutcome(client, { commandId, commandType: 'ReviewAlerts', aggregateId: batchId, status: 'rejected', reason }),
    );
    this.logger.warn(
      `bulk review ${commandId} rejected: ${reason.code}: ${reason.message}${reason.path ? ` (${String(reason.path)})` : ''}`,
    );
    throw new PermanentMessageError(`${reason.code}: ${reason.message}`, 'rejected');
  }
}
