import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Kafka, Partitioners, type Producer } from 'kafkajs';
import { ENVIRONMENT, rootLogger, type Environment } from '@tm/platform';
import { KAFKA, KAFKA_PRODUCER, KafkaConnection, MESSAGING_OPTIONS, type MessagingOptions } from './kafka-connection';
import { kafkaLogCreator } from './kafka-logging';
import { MESSAGE_PUBLISHER, producerPublisher } from './ports/message-publisher';
import { topicNames, type TopicNames } from './topics';

export const TOPICS = Symbol('TOPICS');

/** Builds the kafkajs client from configuration; logs go through pino. */
export function createKafka(env: Pick<Environment, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID' | 'KAFKA_CONNECT_TIMEOUT_MS'>): Kafka {
  return new Kafka({
    clientId: env.KAFKA_CLIENT_ID,
    brokers: [...env.KAFKA_BROKERS],
    connectionTimeout: env.KAFKA_CONNECT_TIMEOUT_MS,
    logCreator: kafkaLogCreator(() => rootLogger({ component: 'kafkajs' })),
    retry: { initialRetryTime: 300, retries: 8 },
  });
}

/**
 * Idempotent producer (`acks: -1` on every send, one request in flight per broker so retries keep order).
 * It retries without limit, as idempotence requires; callers that must answer in time (the API) bound the wait.
 * Retries are at most a second apart: when a broker of a cluster dies, its partitions have no leader until the
 * controller fences it (`broker.session.timeout.ms`, 9 s by default), and a send waiting up to 5 s for its next try
 * stayed stuck for seconds after the new leaders were elected (the API answered 503 through that time).
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 1_000 },
  });
}

/**
 * The Kafka client, the shared idempotent producer, the topic names and the {@link KafkaConnection} that creates the
 * topics and connects the producer, before the app starts or in the background (`options.startup`).
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions = { startup: 'before-start' }): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: KAFKA, inject: [ENVIRONMENT], useFactory: createKafka },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: createProducer },
        { provide: TOPICS, inject: [ENVIRONMENT], useFactory: (env: Environment): TopicNames => topicNames(env.KAFKA_TOPIC_PREFIX) },
        { provide: MESSAGE_PUBLISHER, inject: [KAFKA_PRODUCER], useFactory: producerPublisher },
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaConnection,
      ],
      exports: [KAFKA, KAFKA_PRODUCER, MESSAGE_PUBLISHER, TOPICS, KafkaConnection],
    };
  }
}
