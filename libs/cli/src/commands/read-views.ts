import type { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import type { CliIo } from '../io';
import { renderAlerts, type AlertView } from '../render/alerts';
import { renderLedger, type LedgerView } from '../render/ledger';
import { renderTimeline, type TimelineView } from '../render/timeline';

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

/** `GET /v1/ledgers/:country` with the given filters. */
export async function fetchLedger(api: ApiClient, code: string, options: LedgerOptions = {}): Promise<LedgerView> {
  return (await api.get<LedgerView>(`v1/ledgers/${country(code)}${query({ ...options })}`)).body;
}

/** `GET /v1/timeline/:country`. */
export async function fetchTimeline(api: ApiClient, code: string, options: { from?: string; to?: string; cameo?: string; limit?: string } = {}): Promise<TimelineView> {
  return (await api.get<TimelineView>(`v1/timeline/${country(code)}${query(options)}`)).body;
}

export interface AlertsOptions {
  status?: string;
  list?: string;
  program?: string;
  country?: string;
  minScore?: string;
  since?: string;
  limit?: string;
}

/** `GET /v1/alerts`, following the cursor until `max` alerts are read. Accepts `{ items }`, `{ alerts }` or an array. */
export async function fetchAlerts(api: ApiClient, options: AlertsOptions = {}, max = 1000): Promise<AlertView[]> {
  const alerts: AlertView[] = [];
  let cursor: string | undefined;
  do {
    const { body } = await api.get<AlertView[] | { items?: AlertView[]; alerts?: AlertView[]; data?: AlertView[]; nextCursor?: string | null; cursor?: string | null }>(`v1/alerts${query({ ...options, cursor })}`);
    const page = Array.isArray(body) ? body : (body?.items ?? body?.alerts ?? body?.data ?? []);
    alerts.push(...page);
    cursor = Array.isArray(body) ? undefined : (body?.nextCursor ?? undefined);
  } while (cursor && alerts.length < max);
  return alerts;
}

/** Prints JSON (`--json`) or the table. */
function print(io: CliIo, json: boolean, value: unknown, table: () => string): void {
  io.out(json ? JSON.stringify(value, null, 2) : table());
}

export async function ledgerCommand(api: ApiClient, io: CliIo, json: boolean, code: string, options: LedgerOptions): Promise<void> {
  const ledger = await fetchLedger(api, code, options);
  print(io, json, ledger, () => renderLedger(ledger));
}

export async function timelineCommand(api: ApiClient, io: CliIo, json: boolean, code: string, options: { from?: string; to?: string; cameo?: string; limit?: string }): Promise<void> {
  const timeline = await fetchTimeline(api, code, options);
  print(io, json, timeline, () => renderTimeline(timeline));
}

export async function alertsCommand(api: ApiClient, io: CliIo, json: boolean, options: AlertsOptions): Promise<void> {
  const alerts = await fetchAlerts(api, options);
  print(io, json, alerts, () => renderAlerts(alerts));
}
