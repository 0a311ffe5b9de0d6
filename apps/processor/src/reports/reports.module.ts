import { Module } from '@nestjs/common';
import { ReportCommandHandlers } from './commands/handlers';
import { ReportCommandRunner } from './report-command-runner';

/** The report aggregate's command handlers. */
@Module({
  providers: [ReportCommandRunner, ...ReportCommandHandlers],
})
export class ReportsModule {}
