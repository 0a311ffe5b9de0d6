import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { inTransaction, recordCommandOutcome } from '@tm/event-store';
import { KAFKA, KAFKA_PRODUCER, ReliableConsumer, TOPICS, type ConsumedMessage, type DeadLetterReason, type TopicNames } from '@tm/messaging';
import { ENVIRONMENT, rootLogger, withCorrelation, type Environment } from '@tm/platform';
import type { ReportCommandMessage } from '../reports/commands/impl';
import { ReportCommandBatch } from '../reports/report-command-batch';
import { isCommandId, parseCommand } from './parse-command';

/**
 * Consumes the commands topic (consumer group `<prefix>processor`) with manual offsets: a message's offset is
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
export class CommandConsumerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = rootLogger({ component: CommandConsumerService.name });
  private consumer?: ReliableConsumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(TOPICS) private readonly topics: TopicNames,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly commandBus: CommandBus,
    private readonly reportBatch: ReportCommandBatch,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new ReliableConsumer(
      this.kafka,
      this.producer,
      {
        groupId: `${this.env.KAFKA_TOPIC_PREFIX}processor`,
        topics: [this.topics.commands],
        deadLetterTopicOf: () => this.topics.commandsDeadLetter,
        handle: (consumed) => this.handle(consumed),
        handleBatch: (messages) => this.handleBatch(messages),
        batchSize: this.env.PROCESSOR_BATCH_SIZE,
        onDeadLettered: (consumed, reason) => this.recordRejection(consumed, reason),
      },
      this.logger,
    );
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private async handle({ message }: ConsumedMessage): Promise<void> {
    const { envelope, command } = parseCommand(message);
    await withCorrelation(envelope.correlationId, () => this.commandBus.execute(command));
  }

  /** Runs the leading report commands of `messages` in one transaction; @returns how many were committed. */
  private async handleBatch(messages: ConsumedMessage[]): Promise<number> {
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
  private async recordRejection({ message }: ConsumedMessage, reason: DeadLetterReason): Promise<void> {
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
