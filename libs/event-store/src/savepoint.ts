import type { ClientBase } from 'pg';

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Runs `work` under `SAVEPOINT <name>` inside the caller's open transaction: `RELEASE SAVEPOINT` when it resolves
 * (its writes then commit or roll back with the transaction), `ROLLBACK TO SAVEPOINT` + `RELEASE` when it throws,
 * which undoes only `work`'s writes and leaves the transaction usable for the next unit of work. Used to run several
 * commands in one transaction (one commit, one WAL flush) while a failing command rolls back alone.
 * @param name an SQL identifier (lower case letters, digits, `_`); names may be reused one after the other.
 * @throws the error `work` threw (after the rollback to the savepoint); or the rollback's own error when that fails
 *   too (e.g. the connection is gone): the transaction is then unusable and must be rolled back by the caller.
 */
export async function withSavepoint<T>(client: ClientBase, name: string, work: () => Promise<T>): Promise<T> {
  if (!NAME.test(name)) throw new Error(`savepoint name ${JSON.stringify(name)} is not a plain SQL identifier`);
  await client.query(`SAVEPOINT ${name}`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
    await client.query(`RELEASE SAVEPOINT ${name}`);
    throw error;
  }
  await client.query(`RELEASE SAVEPOINT ${name}`);
  return result;
}
