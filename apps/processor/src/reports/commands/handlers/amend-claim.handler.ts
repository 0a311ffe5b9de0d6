import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AmendClaimCommand } from '../impl';
import { ReportCommandRunner, type RunResult } from '../../report-command-runner';

/** Runs `AmendClaim` against the report aggregate (see {@link ReportCommandRunner} for the transaction and its rules). */
@CommandHandler(AmendClaimCommand)
export class AmendClaimHandler implements ICommandHandler<AmendClaimCommand, RunResult> {
  constructor(private readonly runner: ReportCommandRunner) {}

  execute(command: AmendClaimCommand): Promise<RunResult> {
    return this.runner.run(command);
  }
}
