import type { ICommand } from '@nestjs/cqrs';
import type { ReportCommandType } from '@tm/domain';
import type { Envelope } from '@tm/messaging';

/**
 * A report command as dispatched on the in-process CommandBus: its type, envelope and payload at the current schema
 * version.
 */
export class ReportCommandMessage<P = unknown> implements ICommand {
  constructor(
    readonly type: ReportCommandType,
    readonly envelope: Envelope,
    readonly payload: P,
  ) {}
}
