import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';
import type { KafkaStartup } from '@tm/messaging';
import { AuthModule } from './auth/auth.module';
import { ReportsModule } from './reports/reports.module';
import { LedgersModule } from './ledgers/ledgers.module';
import { TimelineModule } from './timeline/timeline.module';
import { ReportViewsModule } from './report-views/report-views.module';
import { EntitiesModule } from './entities/entities.module';
import { AdminModule } from './admin/admin.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { SanctionsListsModule } from './sanctions/sanctions.module';
import { AlertsModule } from './alerts/alerts.module';
import { AdHocScreeningModule } from './screening/screening.module';
import { FlowsModule } from './flows/flows.module';
import { SearchModule } from './search/search.module';
import { AlertGroupsModule } from './alert-groups/alert-groups.module';
import { ExportsModule } from './exports/exports.module';
import { ListEntriesModule } from './list-entries/list-entries.module';
import { AuditModule } from './audit/audit.module';

/**
 * The API starts without the broker: reads need only PostgreSQL, and commands answer 503 with `Retry-After` until
 * the background connection is made (see `CommandGateway`).
 */
export const API_KAFKA_STARTUP: KafkaStartup = 'in-background';

/** The HTTP API: analysts' commands in, read models and alerts out; every route but health and docs needs an API key. */
@Module({
  imports: [
    CoreModule.forApp('api', { kafka: API_KAFKA_STARTUP }),
    AuthModule,
    LedgersModule,
    TimelineModule,
    ReportViewsModule,
    EntitiesModule,
    AdminModule,
    ReportsModule,
    WebhooksModule,
    SanctionsListsModule,
    AlertsModule,
    AdHocScreeningModule,
    FlowsModule,
    SearchModule,
    AlertGroupsModule,
    ExportsModule,
    ListEntriesModule,
    AuditModule,
  ],
})
export class ApiModule {}
