/**
 * Metric helpers of the screening evaluation (`npm run eval`): confusion counts, shares, percentiles, the script a
 * name is written in, and the met / not met verdict of a target. Pure functions, unit-tested.
 */

/** Confusion counts of binary predictions and what follows from them (shares in [0, 1]; 0 when undefined). */
export interface BinaryMetrics {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  accuracy: number;
  precision: number;
  recall: number;
}

/** Metrics of `(predicted, actual)` outcomes. */
export function binaryMetrics(outcomes: Iterable<{ predicted: boolean; actual: boolean }>): BinaryMetrics {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const o of outcomes) {
    if (o.predicted && o.actual) tp++;
    else if (o.predicted) fp++;
    else if (o.actual) fn++;
    else tn++;
  }
  const n = tp + fp + fn + tn;
  return { n, tp, fp, fn, tn, accuracy: ratio(tp + tn, n), precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

/** `part / whole`, 0 when `whole` is 0. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** Groups items by one or more keys each (an item with two keys counts in both groups); keys sorted. */
export function groupBy<T>(items: Iterable<T>, keysOf: (item: T) => string | string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const keys = keysOf(item);
    for (const k of Array.isArray(keys) ? keys : [keys]) {
      const g = groups.get(k);
      if (g) g.push(item);
      else groups.set(k, [item]);
    }
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Latency percentiles, ms (nearest rank on the sorted sample; 0 for an empty sample). */
export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of `samples` (any order; not modified). */
export function percentiles(samples: readonly number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]! : 0);
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.length ? s[s.length - 1]! : 0 };
}

/** The scripts `scriptsOf` tells apart; `other` is any other letter. */
export const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Arabic',
  'Hebrew',
  'Han',
  'Hangul',
  'Kana',
  'Thai',
  'Burmese',
  'Georgian',
  'Greek',
  'Armenian',
  'other',
] as const;
export type Script = (typeof SCRIPTS)[number];

const SCRIPT_RES: Array<[Script, RegExp]> = [
  ['Latin', /\p{Script_Extensions=Latin}/u],
  ['Cyrillic', /\p{Script_Extensions=Cyrillic}/u],
  ['Arabic', /\p{Script_Extensions=Arabic}/u],
  ['Hebrew', /\p{Script_Extensions=Hebrew}/u],
  ['Han', /\p{Script_Extensions=Han}/u],
  ['Hangul', /\p{Script_Extensions=Hangul}/u],
  ['Kana', /[\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]/u],
  ['Thai', /\p{Script_Extensions=Thai}/u],
  ['Burmese', /\p{Script_Extensions=Myanmar}/u],
  ['Georgian', /\p{Script_Extensions=Georgian}/u],
  ['Greek', /\p{Script_Extensions=Greek}/u],
  ['Armenian', /\p{Script_Extensions=Armenian}/u],
];

/** The scripts of the letters of `text`, in `SCRIPTS` order (`other` for letters of none of them); [] without letters. */
export function scriptsOf(text: string): Script[] {
  const found = new Set<Script>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const hit = SCRIPT_RES.find(([, re]) => re.test(ch));
    found.add(hit ? hit[0] : 'other');
  }
  return SCRIPTS.filter((s) => found.has(s));
}

/**
 * The script groups a pair of names belongs to: every non-Latin script of either name (a pair of a Japanese name
 * holding Han and kana counts for both), or `Latin` when both are written in Latin letters only.
 */
export function pairScripts(a: string, b: string): Script[] {
  const all = new Set([...scriptsOf(a), ...scriptsOf(b)]);
  const nonLatin = SCRIPTS.filter((s) => s !== 'Latin' && all.has(s));
  return nonLatin.length ? nonLatin : ['Latin'];
}

/** The script of one name for per-script tables: its first non-Latin script, else `Latin` (or `other` without letters). */
export function mainScript(text: string): Script {
  const s = scriptsOf(text);
  return s.find((x) => x !== 'Latin') ?? s[0] ?? 'other';
}

/** Words of a name, case, accents and order ignored: the key under which two names count as the same name. */
export function wordKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** A target of the evaluation and how a figure is judged against it. */
export interface Target {
  id: string;
  /** What is measured, e.g. "300 pairs: accuracy". */
  label: string;
  /** The figure (undefined: not measured in this run, see `note`). */
  value?: number;
  /** How the figure prints, e.g. "95.3 %". */
  shown?: string;
  /** The target as text, e.g. "≥ 0.95". */
  goal: string;
  /** Comparison of `value` against `bound`. */
  op: '>=' | '<=' | '>' | '==';
  bound: number;
  note?: string;
}

/** 'met', 'NOT MET', or 'not measured' (no value). */
export function verdict(t: Pick<Target, 'value' | 'op' | 'bound'>): 'met' | 'NOT MET' | 'not measured' {
  if (t.value === undefined || Number.isNaN(t.value)) return 'not measured';
  const eps = 1e-9;
  const ok =
    t.op === '>='
      ? t.value >= t.bound - eps
      : t.op === '<='
        ? t.value <= t.bound + eps
        : t.op === '>'
          ? t.value > t.bound
          : Math.abs(t.value - t.bound) <= eps;
  return ok ? 'met' : 'NOT MET';
}

/** A share as a percentage with one decimal, e.g. "95.3 %". */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/**
 * Splits items into groups such that no two conflicting items share a group (first fit, in order), each group at
 * most `maxSize` items. Used to put many evaluation pairs in one index without one pair's entry competing with
 * another's query.
 */
export function conflictFreeGroups<T>(items: readonly T[], conflict: (a: T, b: T) => boolean, maxSize: number): T[][] {
  const groups: T[][] = [];
  for (const item of items) {
    const g = groups.find((members) => members.length < maxSize && !members.some((m) => conflict(m, item)));
    if (g) g.push(item);
    else groups.push([item]);
  }
  return groups;
}

/** Renders rows as a plain text table with a header and column widths fitted to the content. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c + ' '.repeat(widths[i]! - [...c].length))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}
