import type { ApiClient } from '../api-client';
import { waitForCommand, type CommandAccepted } from '../commands-api';
import { CliError } from '../cli-error';
import { startActivity, type CliIo } from '../io';

export interface ImportListOptions {
  format?: string;
  version?: string;
  /** Import a version older than the one in force (a rollback); refused by the processor without it. */
  allowOlder?: boolean;
  /** How long to wait for the processor to finish the import. */
  timeoutMs?: number;
  /** How often a non-interactive output gets a line while the import runs. */
  progressEveryMs?: number;
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
 * Asks the API to import a list version (`POST /v1/sanctions-lists/:listId/imports`) from URLs or files in the
 * server's `SANCTIONS_IMPORT_DIR` (default `data/sanctions`; paths relative to it), then shows its stage and the time
 * taken while the processor runs the import (stderr; every 10 s when not a terminal) and returns its summary line.
 */
export async function importList(
  api: ApiClient,
  io: CliIo,
  listId: string,
  sources: string[],
  options: ImportListOptions = {},
): Promise<string> {
  // OFAC publishes one list as several files: the first is the list, the others join it (alt.csv, add.csv…).
  const body: Record<string, unknown> = { source: sources[0], ...(sources.length > 1 ? { additionalSources: sources.slice(1) } : {}) };
  if (options.format) body.format = options.format;
  if (options.version) body.version = options.version;
  if (options.allowOlder) body.allowOlder = true;
  const activity = startActivity(io, `importing ${listId}`, options.progressEveryMs);
  let status;
  const started = Date.now();
  try {
    activity.stage('asking the API…');
    const accepted = await api.post<CommandAccepted>(`v1/sanctions-lists/${encodeURIComponent(listId)}/imports`, body);
    // The processor fetches, parses, compares and stores the list in one transaction: it reports no count meanwhile.
    activity.stage(`accepted (command ${accepted.body.commandId}); the processor is fetching, reading and storing the list…`);
    status = await waitForCommand(api, accepted.body.commandId, options.timeoutMs ?? 600_000);
    activity.stage(status.status);
  } finally {
    activity.stop();
  }
  if (status.status !== 'succeeded')
    throw new CliError(
      `import of ${listId} rejected: ${status.reason ? `${status.reason.code}: ${status.reason.message}` : status.status}`,
    );
  const list = (await fetchSanctionsLists(api)).find((l) => l.listId === listId);
  const entries = list?.entryCount ?? list?.entries;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `imported ${listId}${list?.version ? ` version ${list.version}` : ''}${entries !== undefined ? `: ${entries} entries` : ''} in ${seconds} s`;
}
