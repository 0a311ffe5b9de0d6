import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { DatabaseModule, PG_POOL } from '@tm/database';
import { KAFKA, MessagingModule } from '@tm/messaging';
import { ConfigModule, DependencyChecks, HealthController, LoggingModule, READINESS_CHECKS } from '@tm/platform';

/**
 * What every deployable shares: validated configuration, JSON logging, PostgreSQL, Kafka (topics ensured at
 * start-up), and `/health/live` + `/health/ready` (checking PostgreSQL and Kafka).
 */
@Module({})
export class CoreModule {
  static forApp(app: string): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule, LoggingModule.forApp(app), DatabaseModule, MessagingModule, TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        DependencyChecks,
        {
          provide: READINESS_CHECKS,
          inject: [DependencyChecks, PG_POOL, KAFKA],
          useFactory: (checks: DependencyChecks, pool: Pool, kafka: Kafka) => [() => checks.postgres(pool), () => checks.kafka(kafka)],
        },
      ],
    };
  }
}
