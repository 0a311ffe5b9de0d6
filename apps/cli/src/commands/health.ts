import { APP_PORT_VARIABLES, defaultAppPort, type AppName } from '@tm/platform';
import { CliError } from '../cli-error';
import type { CliIo } from '../io';
import { renderTable } from '../render/table';
import { terminalJson } from '../render/visible';

export interface AppHealth {
  app: string;
  url: string;
  ready: boolean;
  detail: string;
}

/**
 * The `/health/ready` of every app: the API at `--api`, the others on the same host at their configured ports
 * (`PROCESSOR_PORT`… from the environment, defaults 3001–3005).
 */
export async function checkHealth(apiUrl: string, env: NodeJS.ProcessEnv): Promise<AppHealth[]> {
  const api = new URL(apiUrl);
  return Promise.all(
    (Object.entries(APP_PORT_VARIABLES) as [AppName, string][]).map(async ([app, variable]) => {
      const base = app === 'api' ? api : new URL(`${api.protocol}//${api.hostname}:${env[variable] ?? defaultAppPort(app)}`);
      const url = new URL('health/ready', base.href.endsWith('/') ? base.href : `${base.href}/`).href;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        const body = (await response.json().catch(() => undefined)) as { error?: Record<string, { message?: string }> } | undefined;
        const failing = Object.entries(body?.error ?? {}).map(([name, value]) => `${name}: ${value.message ?? 'down'}`);
        return { app, url, ready: response.ok, detail: response.ok ? 'ready' : `${response.status} ${failing.join('; ') || 'not ready'}` };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        return { app, url, ready: false, detail: `unreachable (${cause?.code ?? (error as Error).message})` };
      }
    }),
  );
}

/** Prints every app's readiness; fails (exit 1) when one is not ready. */
export async function healthCommand(apiUrl: string, io: CliIo, json: boolean): Promise<void> {
  const health = await checkHealth(apiUrl, io.env);
  io.out(
    json
      ? terminalJson(health)
      : renderTable(
          ['app', 'status', 'url'],
          health.map((h) => [h.app, h.detail, h.url]),
        ),
  );
  const down = health.filter((h) => !h.ready);
  if (down.length > 0) throw new CliError(`${down.length} of ${health.length} apps not ready: ${down.map((h) => h.app).join(', ')}`);
}
