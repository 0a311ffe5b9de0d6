import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '@tm/local-stack';
import { createTopics } from '@tm/messaging';
import { loadEnvironment } from '@tm/platform';
import { killAppProcess, startAppProcess } from '@tm/testing';

/** A valid bootstrap admin key for the bench's API (format tm_<8 hex>_<43 base64url>). */
export const BENCH_API_KEY = `tm_0be0c4a1_${'b'.repeat(43)}`;

export interface RunningApps {
  env: Record<string, string>;
  processes: Map<string, ChildProcess>;
  apiUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the named apps as real child processes (`startAppProcess`: ts-node, each its own process, as in
 * production), against `databaseUrl` and `brokers`, with a topic prefix of their own, quiet logs and no practical
 * rate limit. Resolves once every app answers `/health/ready`.
 */
export async function startApps(apps: string[], databaseUrl: string, brokers: string, extra: Record<string, string> = {}): Promise<RunningApps> {
  const ports: Record<string, string> = {
    API_PORT: String(await freePort()),
    PROCESSOR_PORT: String(await freePort()),
    RELAY_PORT: String(await freePort()),
    PROJECTOR_PORT: String(await freePort()),
    SCREENING_PORT: String(await freePort()),
    NOTIFIER_PORT: String(await freePort()),
  };
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: `bench${Date.now().toString(36)}.`,
    RATE_LIMIT_PER_MINUTE: '100000000',
    BOOTSTRAP_ADMIN_KEY: BENCH_API_KEY,
    ...ports,
    ...extra,
  };
  await createTopics(loadEnvironment({ ...process.env, ...env }));
  const portOf: Record<string, string> = { api: 'API_PORT', processor: 'PROCESSOR_PORT', 'outbox-relay': 'RELAY_PORT', projector: 'PROJECTOR_PORT', screening: 'SCREENING_PORT', notifier: 'NOTIFIER_PORT' };
  const processes = new Map<string, ChildProcess>();
  const stop = async () => {
    for (const child of processes.values()) await killAppProcess(child, 'SIGTERM').catch(() => undefined);
  };
  try {
    for (const app of apps) processes.set(app, await startAppProcess(app, env, Number(env[portOf[app]!]), 120_000));
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, processes, apiUrl: `http://127.0.0.1:${env.API_PORT}`, stop };
}

/** Resident set size (VmRSS) of a process, in MB; NaN when it is gone. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** RSS of every app, in MB. */
export function appRss(apps: RunningApps): Record<string, number> {
  return Object.fromEntries([...apps.processes.entries()].map(([name, child]) => [name, Math.round(rssMb(child.pid) * 10) / 10]));
}
