import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '@tm/local-stack';
import { createTopics } from '@tm/messaging';
import { APP_PORT_VARIABLES, loadEnvironment, type AppName } from '@tm/platform';
import { killAppProcess, startAppProcess } from '@tm/testing';

/** A valid bootstrap admin key for the bench's API (format tm_<8 hex>_<43 base64url>). */
export const BENCH_API_KEY = `tm_0be0c4a1_${'b'.repeat(43)}`;

export interface RunningApps {
  env: Record<string, string>;
  /** By app name, or `<app>-<n>` for an app started more than once; `ports` likewise. */
  processes: Map<string, ChildProcess>;
  ports: Map<string, number>;
  apiUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the named apps as real child processes (`startAppProcess`: ts-node, each its own process, as in
 * production), against `databaseUrl` and `brokers`, with a topic prefix of their own, quiet logs and no practical
 * rate limit. `instances` runs more than one process of an app (each on its own port, one consumer group: Kafka
 * shares the partitions among them), named `<app>-1`, `<app>-2`… in `processes`. Resolves once every app answers
 * `/health/ready`.
 */
export async function startApps(
  apps: AppName[],
  databaseUrl: string,
  brokers: string,
  extra: Record<string, string> = {},
  instances: Partial<Record<AppName, number>> = {},
): Promise<RunningApps> {
  const ports: Record<string, string> = {};
  for (const variable of Object.values(APP_PORT_VARIABLES)) ports[variable] = String(await freePort());
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
  const processes = new Map<string, ChildProcess>();
  const appPorts = new Map<string, number>();
  const stop = async () => {
    for (const child of processes.values()) await killAppProcess(child, 'SIGTERM').catch(() => undefined);
  };
  try {
    for (const app of apps) {
      const count = instances[app] ?? 1;
      for (let i = 1; i <= count; i++) {
        const port = i === 1 ? env[APP_PORT_VARIABLES[app]]! : String(await freePort());
        const name = count > 1 ? `${app}-${i}` : app;
        processes.set(name, await startAppProcess(app, { ...env, [APP_PORT_VARIABLES[app]]: port }, Number(port), 120_000));
        appPorts.set(name, Number(port));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, processes, ports: appPorts, apiUrl: `http://127.0.0.1:${env.API_PORT}`, stop };
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

/** The `GET /metrics` text of every running process of `app` (all its instances). */
export async function scrapeMetrics(apps: RunningApps, app: string): Promise<string[]> {
  const ports = [...apps.ports.entries()].filter(([name]) => name === app || name.startsWith(`${app}-`)).map(([, port]) => port);
  return Promise.all(ports.map(async (port) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text()));
}

/**
 * The `q` quantile of a Prometheus histogram summed over several scrapes (instances), read from its cumulative
 * buckets as the upper bound of the bucket holding it (so coarse: one bucket's width), in the histogram's unit;
 * undefined when it has no observation. Also the observation count.
 */
export function histogramQuantile(texts: string[], name: string, q: number): { count: number; quantile?: number } {
  const buckets = new Map<number, number>();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const match = new RegExp(`^${name}_bucket\\{.*le="([^"]+)".*\\}\\s+(\\S+)`).exec(line);
      if (match) buckets.set(Number(match[1]), (buckets.get(Number(match[1])) ?? 0) + Number(match[2]));
    }
  }
  const sorted = [...buckets.entries()].sort(([a], [b]) => a - b);
  const count = sorted[sorted.length - 1]?.[1] ?? 0;
  if (count === 0) return { count };
  return { count, quantile: sorted.find(([, cumulative]) => cumulative >= q * count)?.[0] };
}
