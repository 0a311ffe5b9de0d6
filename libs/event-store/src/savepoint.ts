import type { ClientBase } from 'pg';

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Rolling back to a savepoint failed (e.g. the connection is gone): the transaction is unusable and its COMMIT would
 * silently roll back; the caller must treat the whole transaction as failed. `cause` is the unit of work's error.
 */
export class SavepointRollbackError extends Error {
  constructor(
    readonly savepoint: string,
    readonly rollbackError: unknown,
    cause: unknown,
  ) {
    super(`rolling back to savepoint ${savepoint} failed: ${(rollbackError as Error)?.message ?? String(rollbackError)}`, { cause });
  }
}

/**
 * Runs `work` under `SAVEPOINT <name>` inside the caller's open transaction: `RELEASE SAVEPOINT` when it resolves
 * (its writes then commit or roll back with the transaction), `ROLLBACK TO SAVEPOINT` + `RELEASE` when it throws,
 * which undoes only `work`'s writes and leaves the transaction usable for the next unit of work. Used to run several
 * commands in one transaction (one commit, one WAL flush) while a failing command rolls back alone.
 * @param name an SQL identifier (lower case letters, digits, `_`); names may be reused one after the other.
 * @throws the error `work` threw, once rolled back to the savepoint (the transaction is usable); or
 *   {@link SavepointRollbackError} when that rollback failed (the transaction is not).
 */
export async function withSavepoint<T>(client: ClientBase, name: string, work: () => Promise<T>): Promise<T> {
  if (!NAME.test(name)) throw new Error(`savepoint name ${JSON.stringify(name)} is not a plain SQL identifier`);
  await client.query(`SAVEPOINT ${name}`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    try {
      await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await client.query(`RELEASE SAVEPOINT ${name}`);
    } catch (rollbackError) {
      throw new SavepointRollbackError(name, rollbackError, error);
    }
    throw error;
  }
  await client.query(`RELEASE SAVEPOINT ${name}`);
  return result;
}
