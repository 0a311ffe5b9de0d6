import { getAll } from './api';
import type { Alert } from './alert-state';

export { alertState, type Alert } from './alert-state';

/** Alerts newest first, every page up to `maxPages` of 200; `filters` is `&status=…&list=…&report=…` of `GET /v1/alerts`. */
export async function loadAlerts(filters = '', maxPages = 5): Promise<Alert[]> {
  return (await getAll<Alert>(`/v1/alerts?limit=200${filters}`, maxPages)).items;
}
