/**
 * Set 3: the screening benchmark's queries (`benchmarkQueries`, drawn from the benchmark's own index of the 2024 SDN
 * with aliases + UN, exactly as `npm run bench -- screening` draws them): 4,500 list names (half as listed, half
 * with a one-letter typo; the expected answer is the entry the name came from, which the bundled lists hold too)
 * and 500 unrelated made-up names. Each is screened as a report party through the app's call over the full bundled
 * lists, with the entity type of its entry's schema (made-up names: person, or company when they end in a legal
 * form). The same calls give the party path's latency per name (set 7).
 */
import { type EntrySchema, loadSdn2024, loadUn2026, ScreeningIndex } from '@tm/screening';
import { DIAGNOSED_MISSES, screenParty, describeAlert, keyOf, scoreAtZero, type AppContext } from './app-call';
import { benchmarkQueries, isMadeUpCompany, typo, type BenchmarkQuery } from './benchmark-queries';
import { percentiles, ratio, type Percentiles } from './metrics';

export interface TypoOutcome extends BenchmarkQuery {
  alerted: boolean;
  /** For a missed list name (the first `DIAGNOSED_MISSES`): its entry's score from `screenName` at threshold 0. */
  scoreAt0?: number;
  /** The threshold-0 look-up was made (`scoreAtZero`). */
  diagnosed?: boolean;
  alerts: string[];
}

export interface TypoResult {
  queries: number;
  typoQueries: number;
  recallTypo: number;
  recallAsListed: number;
  unrelated: number;
  unrelatedAlerted: number;
  /**
   * Party path latency per name (one `screenReport` of a one-party report), ms, after 5,000 warm-up calls on other
   * names and with everything remembered of them forgotten (`ScreeningIndex.forgetRecentAnswers`).
   */
  latency: Percentiles;
  /** List names not alerted: those with a typo first, then those as listed. */
  misses: TypoOutcome[];
  unrelatedAlerts: TypoOutcome[];
}

/** Runs the set over `ctx` (the app's index); `count` queries as the benchmark draws them (default 5,000). */
export function runTypoSet(ctx: AppContext, log: (line: string) => void, count = 5_000): TypoResult {
  const benchIndex = new ScreeningIndex([loadSdn2024(), loadUn2026()]);
  const schemaOf = new Map<string, EntrySchema>();
  for (const e of benchIndex.table.entries) schemaOf.set(keyOf(e), e.schema);
  const queries = benchmarkQueries(benchIndex, count);
  log(`typo set: ${queries.length} queries drawn from the benchmark's index`);
  const schema = (q: BenchmarkQuery): EntrySchema =>
    q.expected ? (schemaOf.get(q.expected) ?? 'Unknown') : isMadeUpCompany(q.name) ? 'Organization' : 'Person';
  // The latency is what a name met for the first time costs in a process that has been screening for a while: the
  // process first screens other names (each of the set's with one more typo: every code path compiled, as in an app
  // that has run for a day), then forgets every answer, look-up, prepared text and phonetic key it remembers.
  for (const q of queries) screenParty(ctx, typo(q.name), schema(q));
  ctx.index.forgetRecentAnswers();
  (globalThis as { gc?: () => void }).gc?.(); // the lists' parse and the builds leave garbage: not this set's pauses
  const times: number[] = [];
  const outcomes: TypoOutcome[] = [];
  for (const q of queries) {
    const s = schema(q);
    const t0 = performance.now();
    const alerts = screenParty(ctx, q.name, s);
    times.push(performance.now() - t0);
    const alerted = q.expected ? alerts.some((a) => keyOf(a) === q.expected) : alerts.length > 0;
    outcomes.push({ ...q, alerted, alerts: alerts.map(describeAlert) });
  }
  const typos = outcomes.filter((o) => o.expected && o.typo);
  const listed = outcomes.filter((o) => o.expected && !o.typo);
  for (const o of [...typos, ...listed].filter((x) => !x.alerted).slice(0, DIAGNOSED_MISSES)) {
    o.diagnosed = true;
    const s = scoreAtZero(ctx.index, o.name, schema(o), o.expected!);
    if (s !== undefined) o.scoreAt0 = s;
  }
  const unrelated = outcomes.filter((o) => !o.expected);
  return {
    queries: outcomes.length,
    typoQueries: typos.length,
    recallTypo: ratio(typos.filter((o) => o.alerted).length, typos.length),
    recallAsListed: ratio(listed.filter((o) => o.alerted).length, listed.length),
    unrelated: unrelated.length,
    unrelatedAlerted: unrelated.filter((o) => o.alerted).length,
    latency: percentiles(times),
    misses: [...typos, ...listed].filter((o) => !o.alerted),
    unrelatedAlerts: unrelated.filter((o) => o.alerted),
  };
}
