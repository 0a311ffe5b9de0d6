import type { ChildProcess } from 'node:child_process';
import { freePort } from '@tm/local-stack';
import { APP_PORT_VARIABLES, type AppName, type Environment } from '@tm/platform';
import { killAppProcess, startAppProcess } from './app-process';

/**
 * The environment of an app process for a test, from the test's environment (`useTestEnvironment`): its database, the
 * run's Kafka with the test's topic prefix and partition counts, `NODE_ENV=test`, logs silent unless `TEST_LOG_LEVEL`
 * names a level; `extra` (ports, app settings) added last. The process also inherits `process.env`
 * (`startAppProcess`), where `useTestEnvironment` wrote the rest.
 */
export function appProcessEnv(environment: Environment, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: environment.DATABASE_URL,
    KAFKA_BROKERS: environment.KAFKA_BROKERS.join(','),
    KAFKA_TOPIC_PREFIX: environment.KAFKA_TOPIC_PREFIX,
    KAFKA_COMMAND_PARTITIONS: String(environment.KAFKA_COMMAND_PARTITIONS),
    KAFKA_EVENT_PARTITIONS: String(environment.KAFKA_EVENT_PARTITIONS),
    ...extra,
  };
}

/** Every app of {@link APP_PORT_VARIABLES} running as a child process (see {@link startAppStack}). */
export interface AppStack {
  /** Port variable (`API_PORT`, …) → port, as a string (ready to pass on as environment, e.g. to the CLI's `health`). */
  ports: Record<(typeof APP_PORT_VARIABLES)[AppName], string>;
  /** `http://127.0.0.1:<API_PORT>`. */
  apiUrl: string;
  /** The environment every app was started with. */
  env: Record<string, string>;
  children: ChildProcess[];
  /** Sends `signal` (default SIGTERM) to every app and waits until each has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts every app as a real child process, as `npm start` does, each on a free port, with
 * {@link appProcessEnv}`(environment, extra)`; resolves once each answers `/health/ready`. When one is not ready
 * within `timeoutMs` (or exits), the ones that started are stopped and the error thrown. Topics must exist
 * (`createTopics(environment)`).
 */
export async function startAppStack(environment: Environment, extra: Record<string, string> = {}, timeoutMs = 85_000): Promise<AppStack> {
  const apps = Object.entries(APP_PORT_VARIABLES) as Array<[AppName, (typeof APP_PORT_VARIABLES)[AppName]]>;
  const ports = Object.fromEntries(
    await Promise.all(apps.map(async ([, variable]) => [variable, String(await freePort())] as const)),
  ) as AppStack['ports'];
  const env = appProcessEnv(environment, { ...extra, ...ports });
  const started = await Promise.allSettled(apps.map(([app, variable]) => startAppProcess(app, env, Number(ports[variable]), timeoutMs)));
  const children = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') =>
    void (await Promise.all(children.map((child) => killAppProcess(child, signal))));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await stop('SIGKILL');
    throw failed.reason;
  }
  return { ports, apiUrl: `http://127.0.0.1:${ports.API_PORT}`, env, children, stop };
}
