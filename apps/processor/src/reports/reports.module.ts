import { Module } from '@nestjs/common';
import { ReportCommandBatch } from './report-command-batch';
import { ReportCommandHandler } from './report-command.handler';

/** The report use case (the CommandBus handler of every report command), and the batch runner the commands consumer uses. */
@Module({
  providers: [ReportCommandHandler, ReportCommandBatch],
  exports: [ReportCommandBatch],
})
export class ReportsModule {}
