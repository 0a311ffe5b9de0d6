import { Module } from '@nestjs/common';
import { ImportSanctionsListHandler } from './import-sanctions-list.handler';
import { ReviewAlertHandler } from './review-alert.handler';
import { ReviewAlertsHandler } from './review-alerts.handler';

/** Sanctions-list imports and alert reviews: the command handlers of the `sanctions-list-*` and `alert-*` streams. */
@Module({
  providers: [ImportSanctionsListHandler, ReviewAlertHandler, ReviewAlertsHandler],
})
export class SanctionsModule {}
