/**
 * Set 1: the 300 company/vessel name pairs of `data/eval/name-pairs-companies-vessels.csv` (moov-io/watchman's
 * evaluation style: `schema,name1,name2,is_match,category,…`). Each pair's name2 is the "listed" side: an entry
 * holding it (schema from the row: Company → Organization, Vessel → Vessel) is added to the full bundled lists, and
 * name1 is screened as a report party through the app's call; the pair is predicted a match when an alert names
 * that added entry.
 */
import { type EntrySchema, prepareName, type ScreeningIndex } from '@tm/screening';
import { DIAGNOSED_MISSES, screenParty, describeAlert, scoreAtZero, type AppContext } from './app-call';
import { buildAppIndex, byListAndId, entryOfIndex, type AppEntry, type BundledLists } from './bundled-index';
import { readEvalCsv } from './csv';
import { binaryMetrics, conflictFreeGroups, groupBy, pairScripts, type BinaryMetrics, type Script } from './metrics';

export interface PairOutcome {
  row: number;
  schema: EntrySchema;
  name1: string;
  name2: string;
  category: string;
  isMatch: boolean;
  predicted: boolean;
  /** Score of the alert for the added entry (undefined: none). */
  score?: number;
  /** For a missed match (the first `DIAGNOSED_MISSES`): the added entry's score from `screenName` at threshold 0. */
  scoreAtZero?: number;
  /** The threshold-0 look-up was made (`scoreAtZero`). */
  diagnosed?: boolean;
  scripts: Script[];
  /** Alerts on real list entries (not the pair's entry). */
  otherAlerts: string[];
  /** An alert for another pair's added entry of the same index (should never happen: see the grouping). */
  crossTalk: boolean;
}

export interface PairsResult {
  pairs: number;
  metrics: BinaryMetrics;
  byCategory: Array<{ category: string } & BinaryMetrics>;
  /** Per script group (`pairScripts`): metrics and the share of its true-match pairs matched. */
  byScript: Array<{ script: Script } & BinaryMetrics>;
  indexes: number;
  buildMs: number;
  crossTalk: number;
  misses: PairOutcome[];
}

/** Entry id prefix of the added entries (list `opensanctions`: the id cannot collide with a real one). */
const ADDED = 'eval-pair-';
/** Largest number of pairs sharing one index. */
const GROUP_SIZE = 75;

/**
 * Runs the set. Faithful form: the full lists and the pair's entry in ONE index (its IDF weights, generic tokens
 * and candidate competition are those the app would have with that entry listed). A build takes 1–4 s, so one
 * index per pair (5–20 min) is too slow; instead pairs are put in groups of at most 75 and one index holds the full
 * lists plus the name2 entries of a group. Pairs are grouped only when none of their names (name1 or name2 of
 * either) shares a distinctive token (the matcher's own tokens, equal or with the same first or last four letters;
 * tokens generic in the lists, such as LTD or SHIPPING, do not count): so no pair's query can meet another pair's
 * entry, and 75 extra names among 42,000 move a token's IDF weight by a negligible amount. Any alert for another
 * pair's entry is counted as cross-talk (expected 0).
 */
export function runPairsSet(
  lists: BundledLists,
  threshold: number,
  reference: ScreeningIndex,
  log: (line: string) => void,
): PairsResult | undefined {
  const rows = readEvalCsv('name-pairs-companies-vessels.csv');
  if (!rows) return undefined;
  const pairs = rows.map((r, row) => ({
    row,
    schema: (r['schema'] === 'Vessel' ? 'Vessel' : 'Organization') as EntrySchema,
    name1: r['name1']!,
    name2: r['name2']!,
    category: r['category']!,
    isMatch: r['is_match'] === 'true',
  }));
  const keysOf = (p: (typeof pairs)[number]) => distinctiveKeys([p.name1, p.name2], p.schema, reference);
  const keys = new Map(pairs.map((p) => [p.row, keysOf(p)]));
  const conflict = (a: (typeof pairs)[number], b: (typeof pairs)[number]) => {
    const kb = keys.get(b.row)!;
    for (const k of keys.get(a.row)!) if (kb.has(k)) return true;
    return false;
  };
  const groups = conflictFreeGroups(pairs, conflict, GROUP_SIZE);
  const outcomes: PairOutcome[] = [];
  let buildMs = 0;
  let diagnosed = 0;
  groups.forEach((group, g) => {
    const added: AppEntry[] = group.map((p) => ({
      listId: 'opensanctions',
      entryId: `${ADDED}${String(p.row).padStart(3, '0')}`,
      schema: p.schema,
      primaryName: p.name2,
      names: [{ value: p.name2, kind: 'primary' }],
      programs: [],
      countries: [],
    }));
    const t0 = performance.now();
    const index = buildAppIndex([...lists.entries, ...added].sort(byListAndId));
    buildMs += performance.now() - t0;
    const ctx: AppContext = { index, threshold, entryOf: entryOfIndex(index, lists.versions) };
    group.forEach((p, k) => {
      const own = added[k]!.entryId;
      const alerts = screenParty(ctx, p.name1, p.schema);
      const hit = alerts.find((a) => a.listId === 'opensanctions' && a.entryId === own);
      const outcome: PairOutcome = {
        ...p,
        predicted: !!hit,
        ...(hit ? { score: hit.score } : {}),
        scripts: pairScripts(p.name1, p.name2),
        otherAlerts: alerts.filter((a) => !a.entryId.startsWith(ADDED)).map(describeAlert),
        crossTalk: alerts.some((a) => a.entryId.startsWith(ADDED) && a.entryId !== own),
      };
      if (p.isMatch && !hit && diagnosed++ < DIAGNOSED_MISSES) {
        outcome.diagnosed = true;
        const s = scoreAtZero(index, p.name1, p.schema, `opensanctions:${own}`);
        if (s !== undefined) outcome.scoreAtZero = s;
      }
      outcomes.push(outcome);
    });
    log(`pairs: index ${g + 1} of ${groups.length} (${group.length} pairs)`);
  });
  outcomes.sort((a, b) => a.row - b.row);
  const metricsOf = (os: PairOutcome[]) => binaryMetrics(os.map((o) => ({ predicted: o.predicted, actual: o.isMatch })));
  return {
    pairs: outcomes.length,
    metrics: metricsOf(outcomes),
    byCategory: [...groupBy(outcomes, (o) => o.category)].map(([category, os]) => ({ category, ...metricsOf(os) })),
    byScript: [...groupBy(outcomes, (o) => o.scripts)].map(([script, os]) => ({ script: script as Script, ...metricsOf(os) })),
    indexes: groups.length,
    buildMs: Math.round(buildMs),
    crossTalk: outcomes.filter((o) => o.crossTalk).length,
    // Missed matches diagnosed first (they carry their score at threshold 0), then by row.
    misses: outcomes
      .filter((o) => o.predicted !== o.isMatch)
      .sort((a, b) => Number(!!b.diagnosed) - Number(!!a.diagnosed) || a.row - b.row),
  };
}

/**
 * Keys of the distinctive tokens of `names`: each non-generic token of the matcher's preparation (and of its
 * bracketed former names), its first four and last four letters; plus each raw word of four letters or more.
 */
export function distinctiveKeys(names: string[], schema: EntrySchema, reference: Pick<ScreeningIndex, 'stats'>): Set<string> {
  const keys = new Set<string>();
  const addToken = (t: string) => {
    if (t.length < 2 || reference.stats.isGeneric(t)) return;
    keys.add(`=${t}`);
    if (t.length >= 4) {
      keys.add(`<${t.slice(0, 4)}`);
      keys.add(`>${t.slice(-4)}`);
    }
  };
  for (const name of names) {
    const p = prepareName(name, schema);
    for (const prepared of [p, ...p.variants])
      for (const t of prepared.tokens) if (t.role === 'core' || t.role === 'number') addToken(t.text);
    for (const w of name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if ([...w].length >= 4 && !reference.stats.isGeneric(w)) keys.add(`=${w}`);
  }
  return keys;
}
