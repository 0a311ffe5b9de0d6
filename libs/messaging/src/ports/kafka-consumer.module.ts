import {
  Logger,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type Provider,
  type Type,
} from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { ENVIRONMENT, Metrics, type Environment } from '@tm/platform';
import { watchConsumerLag } from '../consumer-lag';
import { KAFKA, KAFKA_PRODUCER } from '../kafka-connection';
import { TOPICS } from '../messaging.module';
import { ReliableConsumer } from '../reliable-consumer';
import type { TopicNames } from '../topics';
import type { MessageHandler } from './message-handler';

/** One consumer of an app: which group reads which topic, where its dead letters go, and who handles the messages. */
export interface ConsumerRegistration {
  /** The consumer group within the deployment's topic prefix (`processor` → `<prefix>processor`): deployments sharing a broker never share a group. */
  group: string;
  /** The topic read, and its dead-letter topic, by their names in {@link TopicNames}. */
  topic: keyof TopicNames;
  deadLetterTopic: keyof TopicNames;
  /** The handler (a Nest provider of this module: its own dependencies come from `imports` and `providers`). */
  handler: Type<MessageHandler>;
  /** Most messages per `handleBatch` call, from configuration. */
  batchSize?: (env: Environment) => number;
  /** Modules and providers the handler needs beyond the global ones (database pool, configuration, messaging). */
  imports?: ModuleMetadata['imports'];
  providers?: Provider[];
}

/** Starts the consumer once the app has bootstrapped; at shutdown lets the message in hand finish first. */
class ConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly consumer: ReliableConsumer,
    private readonly logger: Logger,
    private readonly describe: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.logger.log(this.describe);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

/**
 * The messaging port for consumers: an app registers a {@link MessageHandler} for a topic and a group; this module
 * owns the Kafka consumer, the producer of dead letters, offsets and the lifecycle, so apps import nothing from the
 * Kafka client. Register once per consumer group.
 */
export class KafkaConsumerModule {
  static register(registration: ConsumerRegistration): DynamicModule {
    const host = Symbol(`consumer ${registration.group}`);
    return {
      module: KafkaConsumerModule,
      imports: registration.imports ?? [],
      providers: [
        ...(registration.providers ?? []),
        registration.handler,
        {
          provide: host,
          inject: [KAFKA, KAFKA_PRODUCER, TOPICS, ENVIRONMENT, { token: Metrics, optional: true }, registration.handler],
          useFactory: (
            kafka: Kafka,
            producer: Producer,
            topics: TopicNames,
            env: Environment,
            metrics: Metrics | undefined,
            handler: MessageHandler,
          ) => {
            const groupId = `${env.KAFKA_TOPIC_PREFIX}${registration.group}`;
            const topic = topics[registration.topic];
            if (metrics) watchConsumerLag(metrics, kafka, groupId, topic);
            const logger = new Logger(registration.handler.name);
            const consumer = new ReliableConsumer(
              kafka,
              producer,
              {
                groupId,
                topics: [topic],
                deadLetterTopicOf: () => topics[registration.deadLetterTopic],
                handle: (consumed) => handler.handle(consumed),
                handleBatch: handler.handleBatch && ((messages) => handler.handleBatch!(messages)),
                onDeadLettered: handler.onDeadLettered && ((consumed, reason) => handler.onDeadLettered!(consumed, reason)),
                batchSize: registration.batchSize?.(env),
              },
              logger,
            );
            return new ConsumerHost(consumer, logger, `consuming ${topic} as group ${groupId} (${registration.handler.name})`);
          },
        },
      ],
      exports: [registration.handler],
    };
  }
}
