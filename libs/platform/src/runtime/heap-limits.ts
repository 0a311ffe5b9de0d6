/**
 * V8 old-space limit per app, in MB (`node --max-old-space-size`), as `npm start`, the tests' child processes and
 * `docker-compose.yml` run them. Without a limit V8 sizes the heap from the machine's memory and lets garbage pile
 * up: the footprint benchmark saw the screening app at 613 MB and the projector at 313 MB after working through
 * 100k events, and 290 / 149 MB with a 200 MB limit, with no crash. The screening app holds the sanctions index
 * (compact since 2026-11: ~25 MB of heap for the bundled lists' 42k names, ~70 MB live heap for the whole app) and
 * builds a new one beside it on a list update (heap in use then peaks at ~115 MB with garbage; re-importing SDN
 * versions three times ran fine even at 128 MB), so it shares the 200 MB default. The index costs ~0.6 KB of heap per
 * name and two exist during a rebuild: raise screening's limit (or set NODE_OPTIONS, which the command line
 * overrides) for lists beyond ~100k names.
 */
export const APP_HEAP_LIMIT_MB: Record<string, number> = {
  api: 200,
  processor: 200,
  'outbox-relay': 200,
  projector: 256,
  screening: 200,
  notifier: 200,
};

/** The node flag limiting an app's heap (see {@link APP_HEAP_LIMIT_MB}); none for an unknown app. */
export function heapLimitFlags(app: string): string[] {
  const mb = APP_HEAP_LIMIT_MB[app];
  return mb ? [`--max-old-space-size=${mb}`] : [];
}
