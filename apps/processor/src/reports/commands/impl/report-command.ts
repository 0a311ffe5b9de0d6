import type { AddEvidenceV1, AmendClaimV1, ReportCommandType, RetractReportV1, SubmitReportV1 } from '@tm/domain';
import type { Envelope } from '@tm/messaging';

/** A report command as dispatched on the in-process CommandBus: its envelope and its payload at the current schema version. */
export abstract class ReportCommandMessage<P> {
  abstract readonly type: ReportCommandType;
  constructor(
    readonly envelope: Envelope,
    readonly payload: P,
  ) {}
}

export class SubmitReportCommand extends ReportCommandMessage<SubmitReportV1> {
  readonly type = 'SubmitReport' as const;
}

export class AmendClaimCommand extends ReportCommandMessage<AmendClaimV1> {
  readonly type = 'AmendClaim' as const;
}

export class AddEvidenceCommand extends ReportCommandMessage<AddEvidenceV1> {
  readonly type = 'AddEvidence' as const;
}

export class RetractReportCommand extends ReportCommandMessage<RetractReportV1> {
  readonly type = 'RetractReport' as const;
}

/** The command class of each command type on the commands topic. */
export const REPORT_COMMAND_CLASSES: Record<ReportCommandType, new (envelope: Envelope, payload: never) => ReportCommandMessage<unknown>> = {
  SubmitReport: SubmitReportCommand,
  AmendClaim: AmendClaimCommand,
  AddEvidence: AddEvidenceCommand,
  RetractReport: RetractReportCommand,
};
