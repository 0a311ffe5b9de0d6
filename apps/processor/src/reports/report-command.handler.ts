import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ClientBase, Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { REPORT_STREAM_TYPE, reportStreamId, ReportRuleError } from '@tm/domain';
import {
  appendToStream,
  ExpectedVersionConflictError,
  findCommandOutcome,
  inTransaction,
  readStream,
  recordCommandOutcome,
  type CommandOutcome,
} from '@tm/event-store';
import { PermanentMessageError } from '@tm/messaging';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { ReportCommandMessage } from './commands/impl';
import { aggregateIdOf, decideReportCommand } from './report-decision';

/** What running a command came to: the stored outcome, or `duplicate` when the inbox already had it. */
export type RunResult =
  { status: 'succeeded'; globalPositions: { first: number; last: number } } | { status: 'duplicate'; outcome: CommandOutcome };

class AlreadyProcessed extends Error {}

/**
 * The report use case, for every report command (SubmitReport, AmendClaim, AddEvidence, RetractReport: one decider,
 * `decide` of @tm/domain, covers them): load the stream, decide, append. Runs the command in ONE transaction: inbox check (a processed command is a no-op),
 * stream read (before any write: the global order relies on the transaction id being taken at the append), decide,
 * append at the expected version, inbox record with the events' global positions. The offset is committed by the
 * consumer only after this returns.
 *
 * An expected-version conflict (another command on the same report committed first) reloads and decides again, up
 * to `COMMAND_CONFLICT_RETRIES` times with jittered backoff, then rejects with `concurrency-conflict`. A broken rule
 * or invalid payload is recorded as `rejected` (with code, message and field path) and thrown as a
 * {@link PermanentMessageError}, which sends the message to the commands dead-letter topic. Other errors (database
 * down) propagate for the consumer to retry. Runs of commands are settled together by {@link ReportCommandBatch},
 * which leaves to this handler every command it does not settle.
 */
@CommandHandler(ReportCommandMessage)
export class ReportCommandHandler implements ICommandHandler<ReportCommandMessage, RunResult> {
  private readonly logger = new Logger(ReportCommandHandler.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async execute(command: ReportCommandMessage): Promise<RunResult> {
    const { envelope } = command;
    const aggregateId = aggregateIdOf(command);
    const maxAttempts = 1 + this.env.COMMAND_CONFLICT_RETRIES;
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.pool, (client) => this.attempt(client, command, aggregateId));
      } catch (error) {
        if (error instanceof AlreadyProcessed) {
          const outcome = await findCommandOutcome(this.pool, envelope.id);
          return { status: 'duplicate', outcome: outcome! };
        }
        if (error instanceof ReportRuleError) {
          await this.reject(command, aggregateId, {
            code: error.code,
            message: error.message,
            ...(error.path ? { path: error.path } : {}),
            ...('violations' in error ? { violations: error.violations } : {}),
          });
        }
        if (!(error instanceof ExpectedVersionConflictError)) throw error;
        if (attempt >= maxAttempts) {
          await this.reject(command, aggregateId, {
            code: 'concurrency-conflict',
            message: `report ${aggregateId} kept changing under the command (${attempt} attempts): ${error.message}`,
          });
        }
        this.logger.debug(`expected-version conflict on ${error.streamId} (attempt ${attempt}); reloading`);
        await sleep(Math.round(20 * 2 ** attempt * (0.5 + Math.random())));
      }
    }
  }

  /** Inbox check, stream read, decide, append, inbox record, on `client` (in a transaction). @throws AlreadyProcessed */
  private async attempt(client: ClientBase, command: ReportCommandMessage<unknown>, aggregateId: string): Promise<RunResult> {
    const { envelope } = command;
    if (await findCommandOutcome(client, envelope.id)) throw new AlreadyProcessed();
    const streamId = reportStreamId(aggregateId);
    const stream = await readStream(client, streamId); // before any write: see the class comment
    const appended = await appendToStream(
      client,
      streamId,
      REPORT_STREAM_TYPE,
      stream.version === 0 ? 'no-stream' : stream.version,
      decideReportCommand(command, stream.events),
    );
    const globalPositions = { first: appended.globalPositions[0], last: appended.globalPositions[appended.globalPositions.length - 1] };
    const recorded = await recordCommandOutcome(client, {
      commandId: envelope.id,
      commandType: command.type,
      aggregateId,
      status: 'succeeded',
      globalPositions,
    });
    if (!recorded) throw new AlreadyProcessed(); // a concurrent delivery of the same command won: roll back ours
    return { status: 'succeeded', globalPositions };
  }

  /** Records the command as rejected (once) and throws the error that dead-letters it. */
  private async reject(
    command: ReportCommandMessage<unknown>,
    aggregateId: string,
    reason: CommandOutcome['reason'] & object,
  ): Promise<never> {
    await inTransaction(this.pool, (client) =>
      recordCommandOutcome(client, { commandId: command.envelope.id, commandType: command.type, aggregateId, status: 'rejected', reason }),
    );
    this.logger.warn(`command ${command.envelope.id} (${command.type}) rejected: ${reason.code}: ${reason.message}`);
    throw new PermanentMessageError(`${reason.code}: ${reason.message}`, 'rejected');
  }
}
