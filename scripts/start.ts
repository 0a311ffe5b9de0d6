/**
 * `npm start`: the whole product on one machine.
 *
 * Uses DATABASE_URL / KAFKA_BROKERS when set, otherwise starts a real PostgreSQL and a real Kafka broker
 * with their data under `.local/dev` (kept between runs; `npm start -- --reset` starts empty). Applies the
 * migrations, then runs every app as its own process, as in production, so that one crashing app does not take
 * the others down and each can be restarted or killed on its own. Ctrl-C stops the apps (each finishing its
 * in-flight work), then the services this script started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { runMigrations } from '@tm/database';
import { localDir, repoRoot, startLocalStack } from '@tm/local-stack';
import { createTopics } from '@tm/messaging';
import { loadEnvironment } from '@tm/platform';

const APPS = ['processor', 'outbox-relay', 'projector', 'screening', 'notifier', 'api'] as const;

function log(message: string): void {
  process.stdout.write(`[start] ${message}\n`);
}

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  log(process.env.DATABASE_URL && process.env.KAFKA_BROKERS ? 'using the configured PostgreSQL and Kafka' : 'starting local PostgreSQL and Kafka (first run fetches Kafka from Maven Central)…');
  const stack = await startLocalStack({ root: localDir('dev'), kafkaCacheDir: localDir('kafka-runtime'), fresh: reset });
  log(`PostgreSQL ${stack.env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}, Kafka ${stack.env.KAFKA_BROKERS}`);
  const applied = await runMigrations(stack.env.DATABASE_URL);
  log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema up to date');
  await createTopics({ ...loadEnvironment({ ...process.env, ...stack.env }) });
  log('topics ready');

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping apps…');
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    log('stopping services…');
    await stack.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const app of APPS) {
    const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'apps', app, 'src', 'main.js')], {
      env: { ...process.env, ...stack.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.set(app, child);
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log(`${app} exited (${signal ?? code}); stopping everything`);
      void stopAll(1);
    });
  }
  log(`apps started: ${APPS.join(', ')}. API on http://127.0.0.1:${process.env.API_PORT ?? 3000} (docs at /docs). Ctrl-C stops.`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] failed: ${(error as Error).message}\n`);
  process.exit(1);
});
