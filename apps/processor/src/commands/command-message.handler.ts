import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { inTransaction, recordCommandOutcome } from '@tm/event-store';
import type { ConsumedMessage, DeadLetterReason, MessageHandler } from '@tm/messaging';
import { withCorrelation } from '@tm/platform';
import type { ReportCommandMessage } from '../reports/commands/impl';
import { ReportCommandBatch } from '../reports/report-command-batch';
import { isCommandId, parseCommand } from './parse-command';

/**
 * Handles the commands topic (consumer group `<prefix>processor`, see `ProcessorModule`); a message's offset is
 * committed only after its handler's transaction committed. Each message is read (envelope in headers), upcast to
 * the current schema version of its type and dispatched on the CommandBus to its handler.
 *
 * Unknown command types and unsupported schema versions are permanent failures: dead-lettered at once
 * (`tm.commands.dlt`, `dlt-reason*` headers) and recorded as `rejected` so `GET /v1/commands/:id` says why; the
 * next message of the partition is then processed. At shutdown the consumer finishes the message in hand first.
 *
 * Batches: consecutive report commands of a partition (up to `PROCESSOR_BATCH_SIZE`) run in one transaction, a
 * savepoint each ({@link ReportCommandBatch}), so a commit (WAL flush) serves many commands; the offsets are
 * committed after that transaction. The first message a batch does not settle (not a report command, unreadable,
 * rejected, conflicting) is handled alone as above, then batching resumes after it: outcomes and per-key order are
 * those of one-at-a-time processing.
 */
@Injectable()
export class CommandMessageHandler implements MessageHandler {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly commandBus: CommandBus,
    private readonly reportBatch: ReportCommandBatch,
  ) {}

  async handle({ message }: ConsumedMessage): Promise<void> {
    const { envelope, command } = parseCommand(message);
    await withCorrelation(envelope.correlationId, () => this.commandBus.execute(command));
  }

  /** Runs the leading report commands of `messages` in one transaction; @returns how many were committed. */
  async handleBatch(messages: ConsumedMessage[]): Promise<number> {
    const commands: ReportCommandMessage<unknown>[] = [];
    for (const { message } of messages) {
      let parsed: ReturnType<typeof parseCommand>;
      try {
        parsed = parseCommand(message);
      } catch {
        break; // handled alone: dead-lettered with the reason
      }
      if (parsed.kind !== 'report') break;
      commands.push(parsed.command);
    }
    return this.reportBatch.run(commands);
  }

  /** A dead-lettered command is recorded as rejected (once: a handler may already have recorded it with more detail). */
  async onDeadLettered({ message }: ConsumedMessage, reason: DeadLetterReason): Promise<void> {
    const id = message.headers?.['message-id']?.toString();
    if (!isCommandId(id)) return; // no command id to answer for: the dead letter is the only record
    await inTransaction(this.pool, (client) =>
      recordCommandOutcome(client, {
        commandId: id,
        commandType: message.headers?.['message-type']?.toString() ?? 'unknown',
        aggregateId: message.key?.toString() ?? 'unknown',
        status: 'rejected',
        reason: { code: reason.kind, message: reason.message },
      }),
    );
  }
}
