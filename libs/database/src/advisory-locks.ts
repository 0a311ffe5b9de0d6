import type { ClientBase } from 'pg';

/**
 * Every PostgreSQL advisory lock the product takes, by name. A database has one space of lock keys, so each key is
 * derived here from a name in its own namespace (`hashtextextended(name, 0)`, a 64-bit key) rather than picked as a
 * number in the service that takes it, where two services could pick the same one.
 */
export const advisoryLocks = {
  /** Session lock of the one outbox relay allowed to publish; the others stand by. */
  outboxRelayLeader: 'outbox-relay:leader',
  /** Transaction lock of the notifier instance projecting alerts into webhook deliveries. */
  alertDeliveriesProjection: 'notifier:alert-deliveries-projection',
  /** Shared by live writers of a projection, exclusive for the switch of its active version. */
  projectionSwitch: (projection: string) => `projection-switch:${projection}`,
  /** One aggregate row of a read-model version (a ledger row, an entity row): writers of the same row queue. */
  readModelRow: (schema: string, kind: 'ledger' | 'entity', key: string) => `${kind}:${schema}:${key}`,
} as const;

/** Takes a session-level lock if free. @returns whether this session now holds it. */
export async function tryAdvisoryLock(session: ClientBase, name: string): Promise<boolean> {
  const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [name]);
  return rows[0]!.locked;
}

/** Releases a session-level lock this session holds. */
export async function advisoryUnlock(session: ClientBase, name: string): Promise<void> {
  await session.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
}

/** Takes a lock for the caller's transaction if free. @returns whether the transaction now holds it. */
export async function tryAdvisoryXactLock(client: ClientBase, name: string): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [name]);
  return rows[0]!.locked;
}

/**
 * Waits for locks for the caller's transaction (`shared` or `exclusive`), taken in key order, so that any two
 * transactions locking overlapping sets take them in the same order and cannot deadlock on them.
 */
export async function advisoryXactLocks(
  client: ClientBase,
  names: readonly string[],
  mode: 'shared' | 'exclusive' = 'exclusive',
): Promise<void> {
  if (names.length === 0) return;
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await client.query(
    `SELECT ${fn}(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS locks`,
    [names],
  );
}
