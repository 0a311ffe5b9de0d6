import { Pool, type PoolConfig } from 'pg';

/**
 * A `pg` pool for the hot paths (event store, projections) where TypeORM's overhead is not wanted.
 * Connections time out instead of hanging when PostgreSQL is unreachable.
 */
export function createPgPool(connectionString: string, max = 10, extra: PoolConfig = {}): Pool {
  const pool = new Pool({ connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, ...extra });
  // An idle client losing its connection (e.g. PostgreSQL restarting) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}
