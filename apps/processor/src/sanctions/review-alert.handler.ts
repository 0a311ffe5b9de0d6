import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { runReviewCommand } from './alert-review';
import { ReviewAlertCommand } from './sanctions-commands';

/**
 * Runs `ReviewAlert` ({@link runReviewCommand} with one alert): appends `AlertReviewed` to `alert-<id>` with the
 * reviewer in the metadata (the audit trail). A review the rule refuses (unknown alert, bad status/reason) is rejected
 * and dead-lettered. A superseded alert keeps status `superseded`; its review is still recorded (`review_status`).
 */
@CommandHandler(ReviewAlertCommand)
export class ReviewAlertHandler implements ICommandHandler<ReviewAlertCommand, void> {
  private readonly logger = new Logger(ReviewAlertHandler.name);

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  execute({ envelope, payload }: ReviewAlertCommand): Promise<void> {
    const alertId = typeof payload?.alertId === 'string' ? payload.alertId : 'unknown';
    return runReviewCommand(this.pool, this.logger, envelope, {
      type: 'ReviewAlert',
      aggregateId: alertId,
      alerts: () => [{ review: { ...payload, alertId } }],
    });
  }
}
