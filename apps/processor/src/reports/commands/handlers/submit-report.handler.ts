import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubmitReportCommand } from '../impl';
import { ReportCommandRunner, type RunResult } from '../../report-command-runner';

/** Runs `SubmitReport` against the report aggregate (see {@link ReportCommandRunner} for the transaction and its rules). */
@CommandHandler(SubmitReportCommand)
export class SubmitReportHandler implements ICommandHandler<SubmitReportCommand, RunResult> {
  constructor(private readonly runner: ReportCommandRunner) {}

  execute(command: SubmitReportCommand): Promise<RunResult> {
    return this.runner.run(command);
  }
}
