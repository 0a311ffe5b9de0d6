/**
 * Set 4: cross-script names from the UN list. Every name of kind `original-script` of a UN entry (Arabic, Cyrillic…)
 * is screened as a report party (entity type of the entry's schema) through the app's call against an index of the
 * bundled lists built WITHOUT any original-script name: the entry can only be found through its Latin names.
 */
import { DIAGNOSED_MISSES, screenParty, describeAlert, keyOf, scoreAtZero, type AppContext } from './app-call';
import { buildAppIndex, entryOfIndex, type BundledLists } from './bundled-index';
import { groupBy, mainScript, ratio, type Script } from './metrics';

export interface CrossScriptOutcome {
  name: string;
  script: Script;
  expected: string;
  entryName: string;
  alerted: boolean;
  /** For a miss (the first `DIAGNOSED_MISSES`): the entry's score from `screenName` at threshold 0. */
  scoreAt0?: number;
  /** The threshold-0 look-up was made (`scoreAtZero`). */
  diagnosed?: boolean;
  otherAlerts: string[];
}

export interface CrossScriptResult {
  queries: number;
  rightEntryAlerted: number;
  byScript: Array<{ script: Script; queries: number; alerted: number; share: number }>;
  /** Queries with an alert for another entry. */
  otherAlertQueries: number;
  buildMs: number;
  misses: CrossScriptOutcome[];
}

export function runCrossScriptSet(lists: BundledLists, threshold: number, log: (line: string) => void): CrossScriptResult {
  const latinOnly = lists.entries.map((e) => ({ ...e, names: e.names.filter((n) => n.kind !== 'original-script') }));
  const t0 = performance.now();
  const index = buildAppIndex(latinOnly);
  const buildMs = Math.round(performance.now() - t0);
  log(`cross-script: index without original-script names built in ${buildMs} ms`);
  const ctx: AppContext = { index, threshold, entryOf: entryOfIndex(index, lists.versions) };
  const outcomes: CrossScriptOutcome[] = [];
  let diagnosed = 0;
  for (const e of lists.entries) {
    if (e.listId !== 'un') continue;
    for (const n of e.names) {
      if (n.kind !== 'original-script') continue;
      const expected = keyOf(e);
      const alerts = screenParty(ctx, n.value, e.schema);
      const alerted = alerts.some((a) => keyOf(a) === expected);
      const o: CrossScriptOutcome = {
        name: n.value,
        script: mainScript(n.value),
        expected,
        entryName: e.primaryName,
        alerted,
        otherAlerts: alerts.filter((a) => keyOf(a) !== expected).map(describeAlert),
      };
      if (!alerted && diagnosed++ < DIAGNOSED_MISSES) {
        o.diagnosed = true;
        const s = scoreAtZero(index, n.value, e.schema, expected);
        if (s !== undefined) o.scoreAt0 = s;
      }
      outcomes.push(o);
    }
  }
  return {
    queries: outcomes.length,
    rightEntryAlerted: ratio(outcomes.filter((o) => o.alerted).length, outcomes.length),
    byScript: [...groupBy(outcomes, (o) => o.script)].map(([script, os]) => {
      const alerted = os.filter((o) => o.alerted).length;
      return { script: script as Script, queries: os.length, alerted, share: ratio(alerted, os.length) };
    }),
    otherAlertQueries: outcomes.filter((o) => o.otherAlerts.length > 0).length,
    buildMs,
    misses: outcomes.filter((o) => !o.alerted),
  };
}
