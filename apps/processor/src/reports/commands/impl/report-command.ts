import type { ICommand } from '@nestjs/cqrs';
import type { ClientBase } from 'pg';
import type { ReportCommandType } from '@tm/domain';
import type { Envelope } from '@tm/messaging';

/**
 * A report command as dispatched on the in-process CommandBus: its type, envelope and payload at the current schema
 * version. `transaction`, when set ({@link within}), is an open transaction of a batch the command must run inside
 * (under a savepoint, without retries); otherwise the handler runs it in a transaction of its own.
 */
export class ReportCommandMessage<P = unknown> implements ICommand {
  constructor(
    readonly type: ReportCommandType,
    readonly envelope: Envelope,
    readonly payload: P,
    readonly transaction?: ClientBase,
  ) {}

  /** The same command, to run inside `transaction` (a batch's). */
  within(transaction: ClientBase): ReportCommandMessage<P> {
    return new ReportCommandMessage(this.type, this.envelope, this.payload, transaction);
  }
}
