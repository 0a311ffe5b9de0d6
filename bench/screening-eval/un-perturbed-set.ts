/**
 * Set 2: UN names with typos (yente's `un-positives-perturbed.csv`, row by row against `un-positives-original.csv`).
 * A row counts when the UN list of 2026-02 still holds its original name (any name of an entry, case and spacing
 * ignored): that entry (or those entries) is the expected one. The perturbed `full_name` is screened as a Person
 * party through the app's call at the app's threshold; recall@10 is `index.screenName` with threshold 0 and limit
 * 10 (the ranking alone, no threshold). The targets are judged on the perturbed rows (the others are the listed name
 * itself); the figures over all rows are given too.
 */
import { screenParty, describeAlert, keyOf, type AppContext } from './app-call';
import type { BundledLists } from './bundled-index';
import { readEvalCsv } from './csv';
import { ratio } from './metrics';

export interface UnOutcome {
  row: number;
  perturbed: string;
  original: string;
  /** The perturbed name differs from the original (case and spacing ignored). */
  changed: boolean;
  expected: string[];
  alerted: boolean;
  /** Rank (1-based) of the expected entry in `screenName` at threshold 0, limit 10; undefined when not in the top 10. */
  rankAt0?: number;
  scoreAt0?: number;
  /** Alerts on entries other than the expected one (often the same person on another list: OFAC SDN). */
  falseAlarms: string[];
  /** Of those, alerts on other UN entries (another person of the same list). */
  otherUnEntries: number;
}

export interface UnResult {
  rows: number;
  stillListed: number;
  changed: number;
  /** Shares over every still-listed row (perturbed or not). */
  rightEntryAlerted: number;
  recallAt10: number;
  /** Shares over the perturbed rows only (the figures). */
  rightEntryAlertedChanged: number;
  recallAt10Changed: number;
  /** Queries alerting another UN entry (another listed person, not the same one on another list). */
  otherUnEntryQueries: number;
  /** Queries with an alert for another entry, and their share. */
  falseAlarmQueries: number;
  falseAlarmShare: number;
  falseAlarms: number;
  misses: UnOutcome[];
  falseAlarmExamples: UnOutcome[];
}

const key = (s: string) => s.normalize('NFKC').toUpperCase().replace(/\s+/g, ' ').trim();

export function runUnPerturbedSet(lists: BundledLists, ctx: AppContext): UnResult | undefined {
  const originals = readEvalCsv('un-positives-original.csv');
  const perturbed = readEvalCsv('un-positives-perturbed.csv');
  if (!originals || !perturbed) return undefined;
  const byName = new Map<string, Set<string>>();
  for (const e of lists.entries) {
    if (e.listId !== 'un') continue;
    for (const n of e.names) {
      const k = key(n.value);
      const s = byName.get(k) ?? new Set<string>();
      s.add(keyOf(e));
      byName.set(k, s);
    }
  }
  const outcomes: UnOutcome[] = [];
  perturbed.forEach((r, row) => {
    const original = originals[row]?.['full_name'] ?? '';
    const expected = byName.get(key(original));
    if (!expected) return;
    const name = r['full_name']!;
    const alerts = screenParty(ctx, name, 'Person');
    // recall@10 is the rank at threshold 0. An entry scoring ≥ the threshold is ranked behind only entries scoring
    // more, which the same call at the threshold returns too: so the threshold-0 call (hundreds of ms a name when
    // the pre-filter is exhaustive at 0) is made only for the rows not in the top 10 at the threshold.
    let ranked = ctx.index.screenName({ name, schema: 'Person' }, { threshold: ctx.threshold, limit: 10 });
    let rank = ranked.findIndex((m) => expected.has(keyOf(m.entry)));
    if (rank < 0) {
      ranked = ctx.index.screenName({ name, schema: 'Person' }, { threshold: 0, limit: 10 });
      rank = ranked.findIndex((m) => expected.has(keyOf(m.entry)));
    }
    outcomes.push({
      row,
      perturbed: name,
      original,
      changed: key(name) !== key(original),
      expected: [...expected],
      alerted: alerts.some((a) => expected.has(keyOf(a))),
      ...(rank >= 0 ? { rankAt0: rank + 1, scoreAt0: ranked[rank]!.score } : {}),
      falseAlarms: alerts.filter((a) => !expected.has(keyOf(a))).map(describeAlert),
      otherUnEntries: alerts.filter((a) => !expected.has(keyOf(a)) && a.listId === 'un').length,
    });
  });
  const changed = outcomes.filter((o) => o.changed);
  const fa = outcomes.filter((o) => o.falseAlarms.length > 0);
  return {
    rows: perturbed.length,
    stillListed: outcomes.length,
    changed: changed.length,
    rightEntryAlerted: ratio(outcomes.filter((o) => o.alerted).length, outcomes.length),
    rightEntryAlertedChanged: ratio(changed.filter((o) => o.alerted).length, changed.length),
    recallAt10: ratio(outcomes.filter((o) => o.rankAt0 !== undefined).length, outcomes.length),
    recallAt10Changed: ratio(changed.filter((o) => o.rankAt0 !== undefined).length, changed.length),
    otherUnEntryQueries: outcomes.filter((o) => o.otherUnEntries > 0).length,
    falseAlarmQueries: fa.length,
    falseAlarmShare: ratio(fa.length, outcomes.length),
    falseAlarms: outcomes.reduce((n, o) => n + o.falseAlarms.length, 0),
    misses: outcomes.filter((o) => !o.alerted || o.rankAt0 === undefined),
    falseAlarmExamples: fa,
  };
}
