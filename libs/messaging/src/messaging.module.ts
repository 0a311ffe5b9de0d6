import { Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Kafka, Partitioners, type Producer } from 'kafkajs';
import { ENVIRONMENT, rootLogger, type Environment } from '@tm/platform';
import { kafkaLogCreator } from './kafka-logging';
import { ensureTopics } from './topic-provisioner';
import { topicNames, topicSpecs, type TopicNames } from './topics';

export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
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
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 },
  });
}

@Injectable()
class MessagingLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async onModuleInit(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, topicSpecs(this.env));
    } finally {
      await admin.disconnect();
    }
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** The Kafka client, the shared idempotent producer and the topic names; creates the topics at start-up. */
@Global()
@Module({
  providers: [
    { provide: KAFKA, inject: [ENVIRONMENT], useFactory: createKafka },
    { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: createProducer },
    { provide: TOPICS, inject: [ENVIRONMENT], useFactory: (env: Environment): TopicNames => topicNames(env.KAFKA_TOPIC_PREFIX) },
    MessagingLifecycle,
  ],
  exports: [KAFKA, KAFKA_PRODUCER, TOPICS],
})
export class MessagingModule {}
