import type { Role } from './roles';

/** What a route needs: `public` (no key), or a key with at least this role. */
export type Access = 'public' | Role;

interface Rule {
  methods: string[] | '*';
  path: RegExp;
  access: Access;
}

const ANY = '*';
const seg = '[^/]+';

/**
 * The access policy of the whole API, in one place, first match wins. A route that matches no rule needs `admin`
 * (deny by default), so a new endpoint is never left open by mistake. Health, metrics and the OpenAPI document are
 * public: probes, scrapers and people reading the docs carry no key.
 */
const RULES: Rule[] = [
  { methods: ANY, path: /^\/health(\/|$)/, access: 'public' },
  // Prometheus' scraper carries no key either (README "Metrics": keep the port on the operators' network).
  { methods: ['GET'], path: /^\/metrics$/, access: 'public' },
  { methods: ['GET'], path: /^\/docs(-json|-yaml)?(\/|$)/, access: 'public' },
  // The dashboard's static files: the page asks for the key and sends it with each API call.
  { methods: ['GET', 'HEAD'], path: /^\/ui(\/|$)/, access: 'public' },
  { methods: ANY, path: /^\/v1\/(api-keys|admin|webhooks|audit)(\/|$)/, access: 'admin' },
  { methods: ['POST'], path: /^\/v1\/sanctions-lists(\/|$)/, access: 'admin' },
  { methods: ['POST'], path: new RegExp(`^/v1/reports(/${seg}(/.*)?)?$`), access: 'analyst' },
  { methods: ['POST'], path: new RegExp(`^/v1/alerts(/${seg})?/review$`), access: 'analyst' },
  { methods: ['POST'], path: /^\/v1\/screening$/, access: 'analyst' },
  { methods: ['POST'], path: /^\/v1\/entities\/(merge|split)$/, access: 'analyst' },
  { methods: ['GET', 'HEAD'], path: /^\/v1\//, access: 'viewer' },
];

/**
 * The access a request needs, from its method and path (without query string). The path is compared in lower case
 * and without a trailing slash: the router matches routes so, and `/v1/API-KEYS` must need what `/v1/api-keys` needs (found by a
 * review: a viewer key listed the API keys that way).
 */
export function requiredAccess(method: string, path: string): Access {
  const lower = path.toLowerCase().replace(/(.)\/+$/, '$1'); // and without the trailing slash the router ignores too
  const rule = RULES.find((r) => (r.methods === ANY || r.methods.includes(method.toUpperCase())) && r.path.test(lower));
  return rule?.access ?? 'admin';
}
