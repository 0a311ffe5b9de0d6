import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { MAX_ALERTS_PER_REVIEW } from '@tm/domain';
import { ReviewRejected, runReviewCommand } from './alert-review';
import { ReviewAlertsCommand } from './sanctions-commands';

/**
 * Runs `ReviewAlerts` ({@link runReviewCommand}) all or nothing: one unknown alert, or one review the rule refuses,
 * appends nothing, and the command is rejected naming `alertIds[i]` (or the field at fault) and dead-lettered.
 */
@CommandHandler(ReviewAlertsCommand)
export class ReviewAlertsHandler implements ICommandHandler<ReviewAlertsCommand, void> {
  private readonly logger = new Logger(ReviewAlertsHandler.name);

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  execute({ envelope, payload }: ReviewAlertsCommand): Promise<void> {
    const batchId = typeof payload?.batchId === 'string' ? payload.batchId : envelope.id;
    return runReviewCommand(this.pool, this.logger, envelope, {
      type: 'ReviewAlerts',
      aggregateId: batchId,
      alerts: () =>
        validIds(payload?.alertIds).map((alertId, i) => ({
          review: { alertId, status: payload.status, reason: payload.reason },
          path: `alertIds[${i}]`,
        })),
    });
  }
}

/** The API checks the ids already; a command from elsewhere gets the same limits. */
function validIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > MAX_ALERTS_PER_REVIEW)
    throw new ReviewRejected({
      code: 'invalid-payload',
      message: `alertIds must hold 1 to ${MAX_ALERTS_PER_REVIEW} alert ids`,
      path: 'alertIds',
    });
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (typeof id !== 'string' || seen.has(id))
      throw new ReviewRejected({ code: 'invalid-payload', message: 'alertIds must be distinct alert ids', path: `alertIds[${i}]` });
    seen.add(id);
  }
  return ids as string[];
}
