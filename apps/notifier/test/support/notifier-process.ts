import type { ChildProcess } from 'node:child_process';
import type { Pool, PoolConfig } from 'pg';
import { createPgPool } from '@tm/database';
import { freePort } from '@tm/local-stack';
import { createTopics } from '@tm/messaging';
import { appProcessEnv, createTestDatabase, killAppProcess, startAppProcess, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { WebhookReceiver } from './receiver';

/** What {@link useNotifierProcess} gives a describe block (read in tests and hooks, after its beforeAll). */
export interface NotifierProcessBed {
  /** A pool on the block's database (4 connections). */
  readonly pool: Pool;
  /** The environment the notifier runs with (its port is `NOTIFIER_PORT`). */
  readonly env: Record<string, string>;
  /** Webhook endpoints on 127.0.0.1 (allowed by `WEBHOOK_ALLOWED_ADDRESSES`). */
  readonly receiver: WebhookReceiver;
  /** Starts the notifier as a child process; resolves once it is ready. */
  start(): Promise<ChildProcess>;
}

/**
 * The set-up of a test of the notifier as a real process: in `beforeAll` a database, a pool on it (with
 * `poolOptions`), a free port, the topics and a started {@link WebhookReceiver}; the notifier's environment is the
 * test's with `WEBHOOK_ALLOWED_ADDRESSES=127.0.0.1`, `WEBHOOK_RETRY_JITTER=0` and `settings` (retry schedule, poll
 * interval). In `afterAll` the last notifier started is killed and the rest undone.
 */
export function useNotifierProcess(settings: Record<string, string>, poolOptions: PoolConfig = {}): NotifierProcessBed {
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  let env: Record<string, string> | undefined;
  let notifier: ChildProcess | undefined;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPgPool(database.url, 4, poolOptions);
    const port = String(await freePort());
    const environment = useTestEnvironment(database.url, { NOTIFIER_PORT: port });
    env = appProcessEnv(environment, {
      NOTIFIER_PORT: port,
      WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1',
      WEBHOOK_RETRY_JITTER: '0',
      ...settings,
    });
    await createTopics(environment);
    await receiver.start();
  });
  afterAll(async () => {
    if (notifier) await killAppProcess(notifier);
    await receiver.stop();
    await pool?.end();
    await database?.drop();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is made in beforeAll`);
    return value;
  };
  return {
    get pool() {
      return ready(pool, 'the pool');
    },
    get env() {
      return ready(env, 'the environment');
    },
    receiver,
    start: async () => {
      const current = ready(env, 'the environment');
      notifier = await startAppProcess('notifier', current, Number(current.NOTIFIER_PORT));
      return notifier;
    },
  };
}
