import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RetractReportCommand } from '../impl';
import { ReportCommandRunner, type RunResult } from '../../report-command-runner';

/** Runs `RetractReport` against the report aggregate (see {@link ReportCommandRunner} for the transaction and its rules). */
@CommandHandler(RetractReportCommand)
export class RetractReportHandler implements ICommandHandler<RetractReportCommand, RunResult> {
  constructor(private readonly runner: ReportCommandRunner) {}

  execute(command: RetractReportCommand): Promise<RunResult> {
    return this.runner.run(command);
  }
}
