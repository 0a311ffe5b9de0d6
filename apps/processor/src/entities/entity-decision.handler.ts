import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import {
  decideMerge,
  decideSplit,
  ENTITY_DECISIONS_STREAM,
  ENTITY_DECISIONS_STREAM_TYPE,
  type MergeEntityNamesV1,
  type SplitEntityNameV1,
} from '@tm/domain';
import { appendToStream, findCommandOutcome, inTransaction, recordCommandOutcome, type CommandOutcome } from '@tm/event-store';
import { PermanentMessageError } from '@tm/messaging';
import { EntityDecisionCommand } from './entity-commands';

class AlreadyRecorded extends Error {}

/**
 * Runs `MergeEntityNames` and `SplitEntityName`: in one transaction (inbox check, {@link decideMerge} or
 * {@link decideSplit}, append, outcome) appends `EntityNamesMerged` or `EntityNameSplit` to `entity-decisions`, the
 * analyst in the metadata (the audit trail). A decision the rules refuse is rejected and dead-lettered.
 */
@CommandHandler(EntityDecisionCommand)
export class EntityDecisionHandler implements ICommandHandler<EntityDecisionCommand, void> {
  private readonly logger = new Logger(EntityDecisionHandler.name);

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ type, envelope, payload }: EntityDecisionCommand): Promise<void> {
    const decisionId = typeof payload?.decisionId === 'string' ? payload.decisionId : envelope.id;
    const decision = type === 'MergeEntityNames' ? decideMerge(payload as MergeEntityNamesV1) : decideSplit(payload as SplitEntityNameV1);
    if (decision.action === 'refuse')
      return this.reject(envelope.id, type, decisionId, { code: decision.code, message: decision.message, path: decision.path });
    try {
      await inTransaction(this.pool, async (client) => {
        if (await findCommandOutcome(client, envelope.id)) return;
        const metadata = {
          commandId: envelope.id,
          correlationId: envelope.correlationId,
          causationId: envelope.id,
          actor: envelope.actor ?? 'anonymous',
          decisionId,
        };
        // Decisions are independent of each other: appended at whatever version the stream has, in the global order.
        const appended = await appendToStream(client, ENTITY_DECISIONS_STREAM, ENTITY_DECISIONS_STREAM_TYPE, 'any', [
          { ...decision.event, metadata },
        ]);
        const position = appended.globalPositions[0]!;
        const recorded = await recordCommandOutcome(client, {
          commandId: envelope.id,
          commandType: type,
          aggregateId: decisionId,
          status: 'succeeded',
          globalPositions: { first: position, last: position },
        });
        if (!recorded) throw new AlreadyRecorded(); // a concurrent delivery of the same command won: roll this one back
      });
    } catch (error) {
      if (!(error instanceof AlreadyRecorded)) throw error;
    }
  }

  private async reject(commandId: string, type: string, decisionId: string, reason: NonNullable<CommandOutcome['reason']>): Promise<never> {
    await inTransaction(this.pool, (client) =>
      recordCommandOutcome(client, { commandId, commandType: type, aggregateId: decisionId, status: 'rejected', reason }),
    );
    this.logger.warn(`${type} ${commandId} rejected: ${reason.code}: ${reason.message}`);
    throw new PermanentMessageError(`${reason.code}: ${reason.message}`, 'rejected');
  }
}
