import { AddEvidenceHandler } from './add-evidence.handler';
import { AmendClaimHandler } from './amend-claim.handler';
import { RetractReportHandler } from './retract-report.handler';
import { SubmitReportHandler } from './submit-report.handler';

/** One handler per report command, spread into the module's providers. */
export const ReportCommandHandlers = [SubmitReportHandler, AmendClaimHandler, AddEvidenceHandler, RetractReportHandler];
