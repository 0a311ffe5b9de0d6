import type { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import { startProgress, type CliIo } from '../io';

interface VersionView {
  version: number;
  status: 'building' | 'active' | 'retired' | 'failed';
  eventsRead: number;
  error?: string;
}

const POLL_MS = 250;

/**
 * Rebuilds a projection from global position 0 (`POST /v1/admin/projections/:name/rebuild`) and follows its progress
 * until the new version is active. The total shown is the active version's position when the rebuild began
 * (`X-Projection-Position`), so the bar can pass it while new events keep arriving.
 */
export async function rebuildProjection(api: ApiClient, io: CliIo, name: string, timeoutMs = 30 * 60_000): Promise<string> {
  const { headers } = await api.get('v1/ledgers/RU');
  const total = Number(headers.get('x-projection-position') ?? 0) || 1;
  const started = Date.now();
  const begun = await api.post<VersionView>(`v1/admin/projections/${encodeURIComponent(name)}/rebuild`, {}, {}, [409]);
  if (begun.status === 409)
    throw new CliError(`a rebuild of ${name} is already running; follow it with \`GET /v1/admin/projections/${name}\``);
  const target = begun.body.version;
  const progress = startProgress(io, `rebuilding ${name} v${target}`, total);
  try {
    for (;;) {
      const { body } = await api.get<{ versions: VersionView[] }>(`v1/admin/projections/${encodeURIComponent(name)}`);
      const version = body.versions.find((v) => v.version === target);
      if (!version) throw new CliError(`version ${target} of ${name} disappeared during the rebuild`);
      progress.update(
        Math.min(version.eventsRead, Math.max(total, version.eventsRead)),
        Math.max(total, version.eventsRead),
        `${version.eventsRead} events`,
      );
      if (version.status === 'active')
        return `rebuilt ${name}: version ${target} active, ${version.eventsRead} events in ${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (version.status === 'failed' || version.status === 'retired')
        throw new CliError(`rebuild of ${name} version ${target} ${version.status}${version.error ? `: ${version.error}` : ''}`);
      if (Date.now() - started > timeoutMs)
        throw new CliError(`rebuild of ${name} still running after ${Math.round(timeoutMs / 1000)} s (it continues on the server)`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    progress.stop();
  }
}
