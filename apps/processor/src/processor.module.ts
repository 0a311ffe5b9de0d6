import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CoreModule } from '@tm/app-core';
import { CommandConsumerService } from './commands/command-consumer.service';
import { ReportsModule } from './reports/reports.module';
import { SanctionsModule } from './sanctions/sanctions.module';

/** Runs report commands from the commands topic against aggregates and appends the resulting events to the event store. */
@Module({
  imports: [CoreModule.forApp('processor'), CqrsModule.forRoot(), ReportsModule, SanctionsModule],
  providers: [CommandConsumerService],
})
export class ProcessorModule {}
