import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AddEvidenceCommand } from '../impl';
import { ReportCommandRunner, type RunResult } from '../../report-command-runner';

/** Runs `AddEvidence` against the report aggregate (see {@link ReportCommandRunner} for the transaction and its rules). */
@CommandHandler(AddEvidenceCommand)
export class AddEvidenceHandler implements ICommandHandler<AddEvidenceCommand, RunResult> {
  constructor(private readonly runner: ReportCommandRunner) {}

  execute(command: AddEvidenceCommand): Promise<RunResult> {
    return this.runner.run(command);
  }
}
