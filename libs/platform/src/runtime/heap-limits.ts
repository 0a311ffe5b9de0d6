/**
 * V8 old-space limit per app, in MB (`node --max-old-space-size`), as `npm start`, the tests' child processes and
 * `docker-compose.yml` run them. Without a limit V8 sizes the heap from the machine's memory and lets garbage pile
 * up: the footprint benchmark saw the screening app at 613 MB and the projector at 313 MB after working through
 * 100k events, and 290 / 149 MB with a 200 MB limit, with no crash. The screening app holds the sanctions index
 * (~100 MB of heap for the bundled lists) and builds a new one beside it on a list update, hence its larger limit.
 * Raise a limit (or set NODE_OPTIONS, which the command line overrides) when importing much larger lists.
 */
export const APP_HEAP_LIMIT_MB: Record<string, number> = {
  api: 200,
  processor: 200,
  'outbox-relay': 200,
  projector: 256,
  screening: 384,
  notifier: 200,
};

/** The node flag limiting an app's heap (see {@link APP_HEAP_LIMIT_MB}); none for an unknown app. */
export function heapLimitFlags(app: string): string[] {
  const mb = APP_HEAP_LIMIT_MB[app];
  return mb ? [`--max-old-space-size=${mb}`] : [];
}
