import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { createPgPool } from './pg-pool';

export const PG_POOL = Symbol('PG_POOL');

@Injectable()
class PoolLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * PostgreSQL access for every app: a `pg` pool (token {@link PG_POOL}) and TypeORM for read models.
 * The schema comes from migrations only (`npm run migrate`); `synchronize` is never on.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => ({
        type: 'postgres',
        url: env.DATABASE_URL,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        // The start-up check has already reached the database; do not loop on stack traces.
        retryAttempts: 2,
        retryDelay: 1_000,
        extra: { max: env.DATABASE_POOL_SIZE, connectionTimeoutMillis: 5_000 },
      }),
    }),
  ],
  providers: [{ provide: PG_POOL, inject: [ENVIRONMENT], useFactory: (env: Environment) => createPgPool(env.DATABASE_URL, env.DATABASE_POOL_SIZE) }, PoolLifecycle],
  exports: [PG_POOL],
})
export class DatabaseModule {}
