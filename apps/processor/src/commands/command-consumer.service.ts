import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { reportUpcasters, UnknownMessageTypeError, UnsupportedSchemaVersionError, type ReportCommandType } from '@tm/domain';
import { inTransaction, recordCommandOutcome } from '@tm/event-store';
import {
  KAFKA,
  KAFKA_PRODUCER,
  PermanentMessageError,
  readEnvelopedMessage,
  ReliableConsumer,
  TOPICS,
  type ConsumedMessage,
  type DeadLetterReason,
  type TopicNames,
} from '@tm/messaging';
import { ENVIRONMENT, rootLogger, withCorrelation, type Environment } from '@tm/platform';
import { REPORT_COMMAND_CLASSES } from '../reports/commands/impl';
import { SANCTIONS_COMMAND_ROUTES } from '../sanctions/sanctions-commands';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Consumes the commands topic (consumer group `<prefix>processor`) with manual offsets: a message's offset is
 * committed only after its handler's transaction committed. Each message is read (envelope in headers), upcast to
 * the current schema version of its type and dispatched on the CommandBus to its handler.
 *
 * Unknown command types and unsupported schema versions are permanent failures: dead-lettered at once
 * (`tm.commands.dlt`, `dlt-reason*` headers) and recorded as `rejected` so `GET /v1/commands/:id` says why; the
 * next message of the partition is then processed. At shutdown the consumer finishes the message in hand first.
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
    const { envelope, payload } = readEnvelopedMessage(message);
    if (!UUID.test(envelope.id)) throw new PermanentMessageError(`message-id ${envelope.id} is not a UUID`, 'malformed');
    const route = Object.prototype.hasOwnProperty.call(SANCTIONS_COMMAND_ROUTES, envelope.type) ? SANCTIONS_COMMAND_ROUTES[envelope.type] : undefined;
    if (route) {
      if (envelope.schemaVersion !== route.schemaVersion) throw new PermanentMessageError(`${envelope.type} schema version ${envelope.schemaVersion} is not supported (current ${route.schemaVersion})`, 'unsupported-schema-version');
      await withCorrelation(envelope.correlationId, () => this.commandBus.execute(route.build(envelope, payload)));
      return;
    }
    let current: unknown;
    try {
      current = reportUpcasters.upcast(envelope.type, envelope.schemaVersion, payload).payload;
    } catch (error) {
      if (error instanceof UnknownMessageTypeError) throw new PermanentMessageError(`unknown command type ${envelope.type}`, 'unknown-command-type');
      if (error instanceof UnsupportedSchemaVersionError) throw new PermanentMessageError(error.message, 'unsupported-schema-version');
      throw error;
    }
    const CommandClass = REPORT_COMMAND_CLASSES[envelope.type as ReportCommandType];
    if (!CommandClass) throw new PermanentMessageError(`no handler for command type ${envelope.type}`, 'unknown-command-type');
    await withCorrelation(envelope.correlationId, () => this.commandBus.execute(new CommandClass(envelope, current as never)));
  }

  /** A dead-lettered command is recorded as rejected (once: a handler may already have recorded it with more detail). */
  private async recordRejection({ message }: ConsumedMessage, reason: DeadLetterReason): Promise<void> {
    const id = message.headers?.['message-id']?.toString();
    if (!id || !UUID.test(id)) return; // no command id to answer for: the dead letter is the only record
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
