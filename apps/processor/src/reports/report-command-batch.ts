import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientBase, Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { REPORT_STREAM_TYPE, reportStreamId } from '@tm/domain';
import {
  appendToStreams,
  ExpectedVersionConflictError,
  findCommandOutcomes,
  inTransaction,
  readStreams,
  recordCommandOutcomes,
  type StreamAppend,
} from '@tm/event-store';
import type { ReportCommandMessage } from './commands/impl';
import { aggregateIdOf, decideReportCommand } from './report-decision';

/** The command at `index` met a concurrent writer (its report moved, or another delivery recorded it): run back to it. */
class RunBackTo extends Error {
  constructor(readonly index: number) {
    super(`command ${index} of the batch met a concurrent writer`);
  }
}

/** The command's id as PostgreSQL returns a `uuid` (lower case): message ids are matched case-insensitively. */
const idOf = (command: ReportCommandMessage<unknown>): string => command.envelope.id.toLowerCase();

/**
 * Settles consecutive report commands (of one partition, in offset order) in ONE transaction with a handful of
 * statements, whatever their number: per round, one inbox look-up, one read of the reports' streams, one append of
 * every report's events ({@link appendToStreams}: one statement, each report at its own expected version) and one
 * insert of the commands' outcomes; then a single COMMIT (one WAL flush). A round holds each report and command id
 * once, so a second command on a report starts the next round (in the same transaction, reading the first's events):
 * every command is decided on its report as the commands before it left it, and events get positions in command order.
 * A command the inbox already has is settled as a duplicate.
 *
 * It stops at the first command that its report refuses (`decide` throws: a broken rule, an invalid payload): the
 * commands before it are committed, none of its events is written, and the count of those before it is returned; the
 * consumer then runs it alone through the CommandBus (`ReportCommandHandler`: rejected outcome and dead letter, or its
 * retries), so each command's outcome is what it would have been alone, and no later command of the same report
 * overtakes it. When a command meets a concurrent writer (an expected-version conflict, or its outcome recorded by
 * another delivery) the transaction is rolled back and the commands before it are run again in a new one (none when
 * it is the first): the same stop, with nothing of the rolled-back attempt kept.
 * @returns how many commands, from the first, were committed (0…commands.length).
 * @throws when the transaction itself fails (a database error, connection lost): then none of them was committed.
 */
@Injectable()
export class ReportCommandBatch {
  private readonly logger = new Logger(ReportCommandBatch.name);

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async run(commands: readonly ReportCommandMessage<unknown>[]): Promise<number> {
    for (let upTo = commands.length; upTo > 0;) {
      try {
        return await inTransaction(this.pool, (client) => this.settle(client, commands.slice(0, upTo)));
      } catch (error) {
        if (!(error instanceof RunBackTo)) throw error;
        this.logger.debug(`batch runs back to command ${commands[error.index]!.envelope.id}: ${error.message}`);
        upTo = error.index;
      }
    }
    return 0;
  }

  /** Rounds over `commands` in `client`'s transaction; @returns how many were settled. @throws RunBackTo */
  private async settle(client: ClientBase, commands: readonly ReportCommandMessage<unknown>[]): Promise<number> {
    let done = 0;
    while (done < commands.length) {
      const reports = new Set<string>();
      const ids = new Set<string>();
      let end = done;
      for (; end < commands.length; end++) {
        const command = commands[end]!;
        const report = aggregateIdOf(command);
        if (reports.has(report) || ids.has(idOf(command))) break;
        reports.add(report);
        ids.add(idOf(command));
      }
      const settled = await this.round(client, commands.slice(done, end), done);
      done += settled;
      if (done < end) break; // a refused command: the batch stops there
    }
    return done;
  }

  /**
   * One round: commands of distinct reports and ids, `offset` the first one's index in the batch.
   * @returns how many of them, from the first, were settled (fewer than all when one is refused).
   */
  private async round(client: ClientBase, commands: readonly ReportCommandMessage<unknown>[], offset: number): Promise<number> {
    const processed = await findCommandOutcomes(client, commands.map(idOf));
    const fresh = commands.filter((c) => !processed.has(idOf(c)));
    const streams = await readStreams(
      client,
      fresh.map((c) => reportStreamId(aggregateIdOf(c))),
    );
    const appends: StreamAppend[] = [];
    const appended: { index: number; command: ReportCommandMessage<unknown> }[] = [];
    let settled = commands.length;
    for (const [index, command] of commands.entries()) {
      if (processed.has(idOf(command))) continue; // a duplicate: settled, as alone
      const streamId = reportStreamId(aggregateIdOf(command));
      const stream = streams.get(streamId)!;
      try {
        const events = decideReportCommand(command, stream.events);
        appends.push({ streamId, streamType: REPORT_STREAM_TYPE, expected: stream.version === 0 ? 'no-stream' : stream.version, events });
        appended.push({ index, command });
      } catch (error) {
        this.logger.debug(
          `batch stops at command ${command.envelope.id} (${command.type}), to run alone: ${(error as Error)?.message ?? String(error)}`,
        );
        settled = index;
        break;
      }
    }
    if (appends.length === 0) return settled;
    const outcomes = await appendToStreams(client, appends);
    const conflict = outcomes.findIndex((o) => o instanceof ExpectedVersionConflictError);
    if (conflict >= 0) throw new RunBackTo(offset + appended[conflict]!.index);
    const recorded = await recordCommandOutcomes(
      client,
      appended.map(({ command }, k) => {
        const { globalPositions } = outcomes[k] as Exclude<(typeof outcomes)[number], ExpectedVersionConflictError>;
        return {
          commandId: command.envelope.id,
          commandType: command.type,
          aggregateId: aggregateIdOf(command),
          status: 'succeeded' as const,
          globalPositions: { first: globalPositions[0]!, last: globalPositions[globalPositions.length - 1]! },
        };
      }),
    );
    const duplicate = appended.find(({ command }) => !recorded.has(idOf(command)));
    if (duplicate) throw new RunBackTo(offset + duplicate.index);
    return settled;
  }
}
