/**
 * The API's resource routes, each written once: the controllers mount on these and every `links` value (and
 * `Location` header) is built from them by {@link links}, so a link cannot name a route that does not exist (alerts
 * linked their report as `/v1/report-views/<id>`, a 404: the route is `/v1/reports/<id>`).
 */
export const ROUTES = {
  reports: 'v1/reports',
  alerts: 'v1/alerts',
  commands: 'v1/commands',
  sanctionsLists: 'v1/sanctions-lists',
  flows: 'v1/flows',
  search: 'v1/search',
  alertGroups: 'v1/alert-groups',
  exports: 'v1/exports',
  entities: 'v1/entities',
} as const;

/** Absolute paths (no host) of the resources the API links to; `id`s are interpolated as given (UUIDs, list ids). */
export const links = {
  /** `GET` one report as it now stands. */
  report: (reportId: string) => `/${ROUTES.reports}/${reportId}`,
  /** `GET` one alert with its history. */
  alert: (alertId: string) => `/${ROUTES.alerts}/${alertId}`,
  /** `POST` a review of an alert (an action, not a `GET`). */
  alertReview: (alertId: string) => `/${ROUTES.alerts}/${alertId}/review`,
  /** `GET` the status of an accepted command. */
  command: (commandId: string) => `/${ROUTES.commands}/${commandId}`,
  /** `GET` the sanctions lists and their versions in force (there is no route for one list). */
  sanctionsLists: () => `/${ROUTES.sanctionsLists}`,
  /** `GET` one list entry with its versions and alerts (the entry id percent-encoded). */
  listEntry: (listId: string, entryId: string) => `/${ROUTES.sanctionsLists}/${listId}/entries/${encodeURIComponent(entryId)}`,
  /** `GET` one entity (its id is base64url: no encoding needed). */
  entity: (entityId: string) => `/${ROUTES.entities}/${entityId}`,
  /** `POST` an analyst's merge of entity names. */
  entityMerge: () => `/${ROUTES.entities}/merge`,
  /** `POST` an analyst's split of an entity name. */
  entitySplit: () => `/${ROUTES.entities}/split`,
};
