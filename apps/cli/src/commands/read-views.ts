import type { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import type { CliIo } from '../io';
import { renderAlerts, type AlertView } from '../render/alerts';
import { renderLedger, type LedgerRowView, type LedgerView } from '../render/ledger';
import { renderTimeline, type TimelineEntryView, type TimelineView } from '../render/timeline';
import { terminalJson } from '../render/visible';

/** Query string from the options that are set (undefined and empty values left out). */
export function query(options: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function country(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) throw new CliError(`${code} is not an ISO 3166-1 alpha-2 country code (e.g. CN, RU)`);
  return code.toUpperCase();
}

export interface LedgerOptions {
  counterparty?: string;
  direction?: string;
  stage?: string;
  status?: string;
  category?: string;
  assistanceType?: string;
  minCredibility?: string;
  from?: string;
  to?: string;
  asOf?: string;
}

/** One page of a list answer: `{ items, nextCursor }` (with other members, such as `country`, alongside). */
interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every item of a paged list (`GET path?…&cursor=`), following `nextCursor` until the last page or `max` items. The
 * answer is the first page's members with all the items and `nextCursor` null (or the cursor after `max` items).
 */
export async function fetchAllPages<T, P extends ListPage<T>>(
  api: ApiClient,
  path: string,
  options: Record<string, string | number | undefined>,
  max = Infinity,
): Promise<P> {
  let first: P | undefined;
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const { body } = await api.get<P>(`${path}${query({ ...options, cursor })}`);
    first ??= body;
    items.push(...body.items);
    cursor = body.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return { ...first!, items: items.slice(0, max), nextCursor: cursor ?? null };
}

/** `GET /v1/ledgers/:country` with the given filters: every row, following the cursor. */
export async function fetchLedger(api: ApiClient, code: string, options: LedgerOptions = {}): Promise<LedgerView> {
  return fetchAllPages<LedgerRowView, LedgerView>(api, `v1/ledgers/${country(code)}`, { ...options });
}

/** `--limit`: a whole number from 1; anything else is a {@link CliError} naming the option (not an empty answer). */
function positiveLimit(limit: string): number {
  if (!/^[1-9]\d*$/.test(limit)) throw new CliError(`--limit ${limit} is not a whole number of entries from 1 (e.g. --limit 20)`);
  return Number(limit);
}

/** `GET /v1/timeline/:country`: every entry (or the first `limit`), following the cursor; CliError for a bad `limit`. */
export async function fetchTimeline(
  api: ApiClient,
  code: string,
  options: { from?: string; to?: string; cameo?: string; limit?: string } = {},
): Promise<TimelineView> {
  const { limit, ...filters } = options;
  const max = limit === undefined ? Infinity : positiveLimit(limit);
  return fetchAllPages<TimelineEntryView, TimelineView>(
    api,
    `v1/timeline/${country(code)}`,
    { ...filters, ...(Number.isFinite(max) ? { limit: Math.min(max, 1000) } : {}) },
    max,
  );
}

export interface AlertsOptions {
  kind?: string;
  status?: string;
  list?: string;
  program?: string;
  country?: string;
  minScore?: string;
  since?: string;
  limit?: string;
}

/** Most alerts the `alerts` command prints; past it, a line on stderr says more match. */
export const ALERTS_PRINTED = 1000;

/** `GET /v1/alerts`, following the cursor until `max` alerts are read. */
export async function fetchAlerts(api: ApiClient, options: AlertsOptions = {}, max = ALERTS_PRINTED): Promise<AlertView[]> {
  return (await fetchAllPages<AlertView, ListPage<AlertView>>(api, 'v1/alerts', { ...options }, max)).items;
}

/** Prints JSON (`--json`) or the table. */
function print(io: CliIo, json: boolean, value: unknown, table: () => string): void {
  io.out(json ? terminalJson(value) : table());
}

export async function ledgerCommand(api: ApiClient, io: CliIo, json: boolean, code: string, options: LedgerOptions): Promise<void> {
  const ledger = await fetchLedger(api, code, options);
  print(io, json, ledger, () => renderLedger(ledger));
}

export async function timelineCommand(
  api: ApiClient,
  io: CliIo,
  json: boolean,
  code: string,
  options: { from?: string; to?: string; cameo?: string; limit?: string },
): Promise<void> {
  const timeline = await fetchTimeline(api, code, options);
  print(io, json, timeline, () => renderTimeline(timeline));
}

/**
 * `alerts`: the first {@link ALERTS_PRINTED} matching alerts (newest first), as JSON or a table; when more match, a
 * line on stderr says so and how to narrow them (the rest were dropped without a word).
 */
export async function alertsCommand(api: ApiClient, io: CliIo, json: boolean, options: AlertsOptions): Promise<void> {
  const page = await fetchAllPages<AlertView, ListPage<AlertView>>(api, 'v1/alerts', { ...options }, ALERTS_PRINTED);
  const alerts = page.items;
  print(io, json, alerts, () => renderAlerts(alerts));
  if (page.nextCursor !== null)
    io.err(`transfer-monitor: printed the first ${ALERTS_PRINTED} alerts; more match (narrow with --since, --status, --kind, --list…)`);
}
