import { Pool, type PoolConfig } from 'pg';

/**
 * A `pg` pool for the hot paths (event store, projections) where TypeORM's overhead is not wanted.
 * Connections time out instead of hanging when PostgreSQL is unreachable.
 */
export function createPgPool(connectionString: string, max = 10, extra: PoolConfig = {}): Pool {
  const pool = new Pool({ connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, ...extra });
  // An idle client losing its connection (e.g. PostgreSQL restarting) must not crash the process.
  pool.on('error', () => undefined);
  // Nor a checked-out one between two queries (pg-pool removes its listener on checkout): PostgreSQL ending the session
  // (57P01, an administrator or a restart) makes pg emit 'error', which would end the process. The holder's next query
  // fails instead, and the client is released as broken.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
