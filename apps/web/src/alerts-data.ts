import { getAll } from './api';
import type { Alert } from './alert-state';

export { alertState, type Alert } from './alert-state';

/** Most pages of 200 alerts a page reads: the newest 1,000. */
export const ALERT_PAGES_READ = 5;

/**
 * Alerts newest first, every page up to `maxPages` of 200; `filters` is `&status=…&list=…&report=…` of `GET /v1/alerts`.
 * `more` when more alerts match than were read.
 */
export async function loadAlerts(filters = '', maxPages = ALERT_PAGES_READ): Promise<{ items: Alert[]; more: boolean }> {
  const { items, more } = await getAll<Alert>(`/v1/alerts?limit=200${filters}`, maxPages);
  return { items, more };
}
