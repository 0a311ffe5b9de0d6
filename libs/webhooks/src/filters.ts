import type { WebhookEventType } from './event-types';
import type { AlertFacets } from './payload';

/** A subscription's filters; an empty list (or no `minScore`) does not restrict. */
export interface SubscriptionFilter {
  eventTypes: readonly string[];
  /** ISO 3166-1 alpha-2; matches when the alert involves any of them. */
  countries: readonly string[];
  /** Sanctions-list ids (`AlertRaised.listId`). */
  lists: readonly string[];
  /** Sanctions programs; matches when the alert's entry is under any of them. */
  programs: readonly string[];
  /** Alert kinds (`AlertKind`); matches when the alert is of any of them (an alert without a kind is a `name-match`). */
  kinds?: readonly string[];
  /** In [0, 1]; the alert's score must be at least this. */
  minScore?: number | null;
}

/**
 * Whether an event of `eventType` about an alert with `facets` goes to a subscription with `filter`.
 * Without facets (an alert whose `AlertRaised` is unknown) only subscriptions with no facet filter match.
 */
export function matchesSubscription(filter: SubscriptionFilter, eventType: WebhookEventType, facets: AlertFacets | undefined): boolean {
  if (!filter.eventTypes.includes(eventType)) return false;
  const facetFiltered =
    filter.countries.length > 0 ||
    filter.lists.length > 0 ||
    filter.programs.length > 0 ||
    (filter.kinds?.length ?? 0) > 0 ||
    (filter.minScore ?? null) !== null;
  if (!facets) return !facetFiltered;
  if (filter.countries.length > 0 && !facets.countries.some((c) => filter.countries.includes(c.toUpperCase()))) return false;
  if (filter.lists.length > 0 && !filter.lists.includes(facets.listId)) return false;
  if (filter.programs.length > 0 && !facets.programs.some((p) => filter.programs.includes(p))) return false;
  if (filter.kinds?.length && !filter.kinds.includes(facets.kind ?? 'name-match')) return false;
  if (filter.minScore !== undefined && filter.minScore !== null && facets.score < filter.minScore) return false;
  return true;
}
