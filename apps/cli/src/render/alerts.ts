import { renderTable } from './table';

/** An alert as `GET /v1/alerts` lists it; read defensively (only the fields shown here are relied upon). */
export interface AlertView {
  alertId?: string;
  id?: string;
  status?: string;
  listId?: string;
  score?: number;
  reportId?: string;
  matchedName?: string;
  queryName?: string;
  mention?: string;
  entry?: { entryId?: string; primaryName?: string; programs?: string[] };
  entryId?: string;
  entryName?: string;
  primaryName?: string;
  programs?: string[];
  raisedAt?: string;
  createdAt?: string;
  [key: string]: unknown;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** Alerts as a table: who in which report matched which list entry, how strongly, and the review status. */
export function renderAlerts(alerts: AlertView[], title = 'Alerts'): string {
  if (alerts.length === 0) return `${title}: none\n`;
  const rows = alerts.map((a) => [
    text(a.alertId ?? a.id).slice(0, 8),
    text(a.status),
    text(a.queryName ?? a.mention ?? a.matchedName),
    `${text(a.entryName ?? a.entry?.primaryName ?? a.primaryName)}\n${text(a.listId)} ${text(a.entry?.entryId ?? a.entryId)}`,
    (a.entry?.programs ?? a.programs ?? []).join(', '),
    typeof a.score === 'number' ? a.score.toFixed(2) : '',
    text(a.reportId).slice(0, 8),
    text(a.raisedAt ?? a.createdAt).slice(0, 19),
  ]);
  return `${title} (${alerts.length})\n${renderTable(['alert', 'status', 'name in report', 'list entry', 'programs', 'score', 'report', 'raised'], rows, [10, 11, 28, 34, 22, 7, 10, 21])}\n`;
}
