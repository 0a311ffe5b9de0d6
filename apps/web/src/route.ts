/**
 * The dashboard's pages, addressed by the URL's hash (`#/country/CN`), so the API serves one file for every page.
 * Pure: unit-tested without a browser.
 */
export type Route =
  | { page: 'home' }
  | { page: 'country'; country: string }
  | { page: 'report'; reportId: string; claimId?: string }
  | { page: 'alerts' }
  | { page: 'entity'; name: string }
  | { page: 'lists'; listId?: string; entryId?: string }
  | { page: 'search'; q: string };

/** The route a hash names; an unknown hash is the home page. */
export function parseRoute(hash: string): Route {
  const [, page = '', ...rest] = hash.replace(/^#/, '').split('/');
  const arg = rest.map((part) => decodeURIComponent(part)).join('/');
  switch (page) {
    case 'country':
      return /^[A-Za-z]{2}$/.test(arg) ? { page: 'country', country: arg.toUpperCase() } : { page: 'home' };
    case 'report': {
      // `#/report/<id>/claim/<claimId>`: the report, scrolled to that claim.
      const [reportId = '', claim, ...claimId] = rest.map((part) => decodeURIComponent(part));
      if (!reportId) return { page: 'home' };
      return claim === 'claim' && claimId.length && claimId.join('/')
        ? { page: 'report', reportId, claimId: claimId.join('/') }
        : { page: 'report', reportId: arg };
    }
    case 'alerts':
      return { page: 'alerts' };
    case 'entity':
      return arg ? { page: 'entity', name: arg } : { page: 'home' };
    case 'lists': {
      // `#/lists/<listId>/<entryId>`: the lists page showing that entry's versions and alerts.
      const [listId = '', ...entryId] = rest.map((part) => decodeURIComponent(part));
      return listId && entryId.join('/') ? { page: 'lists', listId, entryId: entryId.join('/') } : { page: 'lists' };
    }
    case 'search':
      return { page: 'search', q: arg };
    default:
      return { page: 'home' };
  }
}

/** The hash of a route (the inverse of {@link parseRoute}). */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'country':
      return `#/country/${route.country}`;
    case 'report':
      return `#/report/${encodeURIComponent(route.reportId)}${route.claimId ? `/claim/${encodeURIComponent(route.claimId)}` : ''}`;
    case 'lists':
      return route.listId && route.entryId ? `#/lists/${encodeURIComponent(route.listId)}/${encodeURIComponent(route.entryId)}` : '#/lists';
    case 'entity':
      return `#/entity/${encodeURIComponent(route.name)}`;
    case 'search':
      return `#/search/${encodeURIComponent(route.q)}`;
    default:
      return `#/${route.page}`;
  }
}
