import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { inTransaction, SavepointRollbackError } from '@tm/event-store';
import { withCorrelation } from '@tm/platform';
import type { ReportCommandMessage } from './commands/impl';

/**
 * Runs consecutive report commands (of one partition, in offset order) in ONE transaction, one SAVEPOINT each:
 * each is dispatched on the CommandBus carrying the transaction (to `ReportCommandHandler`): every command's inbox check, read, decide, append and inbox record, then
 * a single COMMIT, i.e. one WAL flush for the whole run instead of one per command.
 *
 * It stops at the first command that does not come out `succeeded` or `duplicate` (a broken rule, an
 * expected-version conflict, a database error): that command's savepoint is rolled back, the commands before it are
 * committed, and the count of those is returned. The consumer then runs the stopped command alone through the
 * CommandBus without a transaction (its own, with retries on conflict, `rejected` outcome and dead letter), so each
 * command's outcome is what it would have been alone, and no later command of the same report overtakes it.
 * @returns how many commands, from the first, were committed (0…commands.length).
 * @throws when the transaction itself fails (BEGIN/COMMIT, connection lost): then none of them was committed.
 */
@Injectable()
export class ReportCommandBatch {
  private readonly logger = new Logger(ReportCommandBatch.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly commandBus: CommandBus,
  ) {}

  async run(commands: readonly ReportCommandMessage<unknown>[]): Promise<number> {
    if (commands.length === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      let committed = 0;
      for (const command of commands) {
        try {
          await withCorrelation(command.envelope.correlationId, () => this.commandBus.execute(command.within(client)));
        } catch (error) {
          if (error instanceof SavepointRollbackError) throw error; // the transaction is lost: none of the run commits
          this.logger.debug(
            `batch stops at command ${command.envelope.id} (${command.type}), to run alone: ${(error as Error)?.message ?? String(error)}`,
          );
          break;
        }
        committed += 1;
      }
      return committed;
    });
  }
}
