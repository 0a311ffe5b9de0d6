import type { ApiClient } from '../api-client';
import { waitForCommand, type CommandAccepted } from '../commands-api';
import { CliError } from '../cli-error';
import { startProgress, type CliIo } from '../io';

export interface ImportListOptions {
  format?: string;
  version?: string;
  /** How long to wait for the processor to finish the import. */
  timeoutMs?: number;
}

/** What `GET /v1/sanctions-lists` says about a list (read defensively: only these fields are shown). */
export interface SanctionsListView {
  listId: string;
  version?: string;
  entryCount?: number;
  entries?: number;
  importedAt?: string;
  [key: string]: unknown;
}

/** `GET /v1/sanctions-lists`, as an array whatever the envelope (`{ items }`, `{ lists }` or a bare array). */
export async function fetchSanctionsLists(api: ApiClient): Promise<SanctionsListView[]> {
  const { body } = await api.get<SanctionsListView[] | { items?: SanctionsListView[]; lists?: SanctionsListView[] }>('v1/sanctions-lists');
  return Array.isArray(body) ? body : (body?.items ?? body?.lists ?? []);
}

/**
 * Asks the API to import a list version (`POST /v1/sanctions-lists/:listId/imports`) from URLs or files under the
 * server's import folder (`data/sanctions/…`), then shows progress while the processor runs the import and
 * returns its summary line.
 */
export async function importList(api: ApiClient, io: CliIo, listId: string, sources: string[], options: ImportListOptions = {}): Promise<string> {
  // OFAC publishes one list as several files: the first is the list, the others join it (alt.csv, add.csv…).
  const body: Record<string, unknown> = { source: sources[0], ...(sources.length > 1 ? { additionalSources: sources.slice(1) } : {}) };
  if (options.format) body.format = options.format;
  if (options.version) body.version = options.version;
  const accepted = await api.post<CommandAccepted>(`v1/sanctions-lists/${encodeURIComponent(listId)}/imports`, body);
  const started = Date.now();
  const progress = startProgress(io, `importing ${listId}`, 1);
  let status;
  try {
    status = await waitForCommand(api, accepted.body.commandId, options.timeoutMs ?? 600_000, () => progress.update(0, 1, `${Math.round((Date.now() - started) / 1000)} s`));
    progress.update(1, 1, 'done');
  } finally {
    progress.stop();
  }
  if (status.status !== 'succeeded') throw new CliError(`import of ${listId} rejected: ${status.reason ? `${status.reason.code}: ${status.reason.message}` : status.status}`);
  const list = (await fetchSanctionsLists(api)).find((l) => l.listId === listId);
  const entries = list?.entryCount ?? list?.entries;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `imported ${listId}${list?.version ? ` version ${list.version}` : ''}${entries !== undefined ? `: ${entries} entries` : ''} in ${seconds} s`;
}
