import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { KAFKA, KAFKA_PRODUCER, MalformedMessageError, PermanentMessageError, readEventMessage, ReliableConsumer, TOPICS, type ConsumedMessage, type TopicNames } from '@tm/messaging';
import { ENVIRONMENT, rootLogger, withCorrelation, type Environment } from '@tm/platform';
import { ProjectionRuleError, projectLiveEvent, projectLiveEvents, READ_MODELS_PROJECTION, type ProjectableEvent } from '@tm/read-models';
import { REPORT_STREAM_TYPE } from '@tm/domain';

/**
 * Consumer group of the read-models projection, within a deployment's topic prefix: deployments (or test runs)
 * sharing a broker must not share a group, or Kafka would hand one deployment's partitions to the other's members.
 */
export const readModelsGroup = (topicPrefix: string) => `${topicPrefix}projector.read-models`;

/**
 * Keeps the read-models projection (claim states, ledgers, timelines, report views, entity directory) from the
 * events topic. Runs of up to `PROJECTOR_BATCH_SIZE` events of a partition are applied in one transaction with their
 * stream versions (redelivery changes nothing); the offsets are committed after that transaction. An event the fold refuses goes to the events dead-letter topic
 * with the reason, never skipped silently.
 */
@Injectable()
export class ReadModelsProjector implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReadModelsProjector.name);
  private consumer?: ReliableConsumer;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(TOPICS) private readonly topics: TopicNames,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new ReliableConsumer(
      this.kafka,
      this.producer,
      {
        groupId: readModelsGroup(this.env.KAFKA_TOPIC_PREFIX),
        topics: [this.topics.events],
        deadLetterTopicOf: () => this.topics.eventsDeadLetter,
        handle: (consumed) => this.handle(consumed),
        handleBatch: (run) => this.handleRun(run),
        batchSize: this.env.PROJECTOR_BATCH_SIZE,
      },
      rootLogger({ component: 'projector.read-models' }),
    );
    await this.consumer.start();
    this.logger.log(`projection ${READ_MODELS_PROJECTION} consuming ${this.topics.events}`);
  }

  /** Stops fetching and lets the event in hand commit before the pool and producer close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  /**
   * A run of consecutive messages of one partition in one transaction (see `projectLiveEvents`).
   * @returns how many messages, from the first, are settled: all of them, or up to the first malformed message or
   *   refused event, which then goes alone through {@link handle} (and on to the dead-letter topic).
   */
  private async handleRun(run: ConsumedMessage[]): Promise<number> {
    const reportEvents: { index: number; event: ProjectableEvent }[] = [];
    let end = run.length;
    for (let index = 0; index < run.length; index++) {
      let event: ProjectableEvent;
      try {
        event = readEventMessage(run[index].message);
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
        end = index;
        break;
      }
      if (event.streamType === REPORT_STREAM_TYPE) reportEvents.push({ index, event });
    }
    const applied = await projectLiveEvents(
      this.pool,
      reportEvents.map((e) => e.event),
    );
    return applied === reportEvents.length ? end : reportEvents[applied].index;
  }

  private async handle({ message }: ConsumedMessage): Promise<void> {
    const event = readEventMessage(message);
    // Only report streams feed the read models: skip the others (a list import is ~15,000 events) without a transaction.
    if (event.streamType !== REPORT_STREAM_TYPE) return;
    await withCorrelation(event.metadata.correlationId ?? event.eventId, async () => {
      try {
        await projectLiveEvent(this.pool, event);
      } catch (error) {
        if (error instanceof ProjectionRuleError) throw new PermanentMessageError(`projection ${READ_MODELS_PROJECTION} refuses ${event.type} ${event.streamId}@${event.version}: ${error.message}`, 'projection-refused');
        throw error;
      }
    });
  }
}
