import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
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
 * PostgreSQL access for every app: one `pg` pool (token {@link PG_POOL}, at most `DATABASE_POOL_SIZE` connections,
 * none opened before the first query), closed at shutdown. Every query of the product goes through it: the event
 * store and projections (set-based SQL with `unnest`, COPY, advisory locks, savepoints) gain nothing from an ORM, and
 * the plain tables are few. TypeORM runs the migrations (`migrations/`, {@link runMigrations}) and holds no pool
 * (its unused pool cost each app an idle connection).
 */
@Global()
@Module({
  providers: [
    { provide: PG_POOL, inject: [ENVIRONMENT], useFactory: (env: Environment) => createPgPool(env.DATABASE_URL, env.DATABASE_POOL_SIZE) },
    PoolLifecycle,
  ],
  exports: [PG_POOL],
})
export class DatabaseModule {}
