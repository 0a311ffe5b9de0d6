import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { DatabaseModule, PG_POOL } from '@tm/database';
import { KAFKA, KafkaConnection, MessagingModule, type KafkaStartup } from '@tm/messaging';
import {
  ConfigModule,
  DependencyChecks,
  ENVIRONMENT,
  HealthController,
  LoggingModule,
  MetricsModule,
  READINESS_CHECKS,
  type Environment,
} from '@tm/platform';

/**
 * What every deployable shares: validated configuration, JSON logging, PostgreSQL, Kafka (topics ensured and the
 * producer connected at start-up, or in the background with `options.kafka: 'in-background'`), and `/health/live` +
 * `/health/ready` (checking PostgreSQL and Kafka; Kafka is down until that connection is made), and `/metrics`
 * (Prometheus: process figures and what each app's modules add).
 */
@Module({})
export class CoreModule {
  static forApp(app: string, options: { kafka?: KafkaStartup } = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule,
        LoggingModule.forApp(app),
        MetricsModule.forApp(app),
        DatabaseModule,
        MessagingModule.forRoot({ startup: options.kafka ?? 'before-start' }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
      providers: [
        DependencyChecks,
        {
          provide: READINESS_CHECKS,
          inject: [DependencyChecks, PG_POOL, KAFKA, KafkaConnection, ENVIRONMENT],
          useFactory: (checks: DependencyChecks, pool: Pool, kafka: Kafka, connection: KafkaConnection, env: Environment) => [
            () => checks.postgres(pool),
            () => checks.kafka(kafka, env.KAFKA_BROKERS, connection),
          ],
        },
      ],
    };
  }
}
