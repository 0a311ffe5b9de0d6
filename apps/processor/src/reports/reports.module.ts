import { Module } from '@nestjs/common';
import { ReportCommandHandlers } from './commands/handlers';
import { ReportCommandBatch } from './report-command-batch';
import { ReportCommandRunner } from './report-command-runner';

/** The report aggregate's command handlers, and the batch runner the commands consumer uses. */
@Module({
  providers: [ReportCommandRunner, ReportCommandBatch, ...ReportCommandHandlers],
  exports: [ReportCommandBatch],
})
export class ReportsModule {}
