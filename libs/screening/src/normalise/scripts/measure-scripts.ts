/**
 * Per-script measurement of reading names into Latin (issue 12, item 4). Not a test; run by hand:
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register libs/screening/src/normalise/scripts/measure-scripts.ts [--quiet]
 *
 * 1. Every pair of `data/eval/name-pairs-companies-vessels.csv` whose category involves a script or a romanisation:
 *    both names' `normaliseTokens`, their `compareNames` score (corpus-free `DefaultTokenStats`) and, per script,
 *    how many true pairs reach `DEFAULT_THRESHOLD`.
 * 2. UN entries (`loadUn2026`) with an `original-script` name: per script, how often the tokens of the Latin primary
 *    name and of the original-script name meet (a token of the primary name meets when the other name has the same
 *    token or one with the same first 3 letters, adjacent tokens glued counting), how often `compareNames` of the two
 *    reaches the threshold, and the mean share of the Latin tokens whose consonant skeleton (`consonantSkeleton`) is
 *    found in the reading (best Latin name of the entry).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../../data-path';
import { loadUn2026 } from '../../default-lists';
import { compareNames } from '../../matching/compare-names';
import { DEFAULT_THRESHOLD } from '../../matching/screening-index';
import { DefaultTokenStats } from '../../matching/token-stats';
import { prepareName } from '../prepare-name';
import { normaliseTokens } from '../tokens';
import { consonantSkeleton } from './abjad';

const SCRIPT_CATEGORY = /script|native|burmese|translit|romanis|russian/;

const SCRIPTS: Array<[string, RegExp]> = [
  ['Hangul', /\p{Script=Hangul}/u],
  ['Japanese', /[\p{Script=Hiragana}\p{Script=Katakana}]|株式会社/u],
  ['Han', /\p{Script=Han}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Burmese', /\p{Script=Myanmar}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
];

/** The first non-Latin script found in the string, else `Latin`. */
export function scriptOf(s: string): string {
  return SCRIPTS.find(([, re]) => re.test(s))?.[0] ?? 'Latin';
}

/** Share of `latin`'s tokens that meet a token of `other` (equal, or the same first 3 letters). */
export function tokenOverlap(latin: string[], other: string[]): number {
  if (!latin.length) return 0;
  const met = latin.filter((t) => other.some((o) => o === t || (t.length >= 3 && o.length >= 3 && o.slice(0, 3) === t.slice(0, 3))));
  return met.length / latin.length;
}

/** Tokens and each run of 2–4 adjacent tokens glued (syllables rejoined: "xi jin ping" → "jinping", "xijinping"). */
export function withJoins(tokens: string[]): string[] {
  const out = [...tokens];
  for (let n = 2; n <= 4; n++) for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(''));
  return out;
}

/** Whether a Latin token meets one of the reading's tokens or joins: equal, or the same first 3 letters. */
function meets(t: string, reading: string[]): boolean {
  return reading.some((o) => o === t || (t.length >= 3 && o.length >= 3 && o.slice(0, 3) === t.slice(0, 3)));
}

/** Share of the Latin tokens (and pairs of them glued) whose consonant skeleton (≥ 2 letters) is one of the reading's. */
function skeletonOverlap(latin: string[], reading: string[]): number {
  const sk = new Set(
    withJoins(reading)
      .map(consonantSkeleton)
      .filter((x) => x.length >= 2),
  );
  let met = 0;
  latin.forEach((t, i) => {
    const glued = [t, i > 0 ? latin[i - 1] + t : '', i + 1 < latin.length ? t + latin[i + 1] : ''];
    if (glued.some((g) => sk.has(consonantSkeleton(g)))) met++;
  });
  return latin.length ? met / latin.length : 0;
}

/** Proper-name tokens of the Latin side: ≥ 3 letters, not a legal form or generic company word. */
const GENERIC = new Set(['ltd', 'llc', 'co', 'limited', 'company', 'trading', 'logistics', 'the', 'and', 'sons', 'mv', 'mt']);
const properTokens = (tokens: string[]) => tokens.filter((t) => t.length >= 3 && !GENERIC.has(t) && !/^\d+$/.test(t));

interface Tally {
  n: number;
  hit: number;
  extra: number;
  overlap: number;
  skeleton: number;
}
/** Writes one line to standard output (a report script, not library code). */
const print = (line: string) => process.stdout.write(`${line}\n`);
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '-');

function main(): void {
  const quiet = process.argv.includes('--quiet');
  const stats = new DefaultTokenStats();
  const rows = parse(readFileSync(dataPath('eval', 'name-pairs-companies-vessels.csv')), { columns: true }) as Array<
    Record<string, string>
  >;
  const pairTally = new Map<string, Tally>();
  print(`# Eval pairs (category involves a script or a romanisation), threshold ${DEFAULT_THRESHOLD}`);
  for (const r of rows.filter((x) => SCRIPT_CATEGORY.test(x['category']!))) {
    const schema = r['schema'] === 'Vessel' ? 'Vessel' : 'Organization';
    const [a, b] = [r['name1']!, r['name2']!];
    const score = compareNames(prepareName(a, schema), prepareName(b, schema), stats).score;
    const script = scriptOf(a) !== 'Latin' ? scriptOf(a) : scriptOf(b);
    const t = pairTally.get(script) ?? { n: 0, hit: 0, extra: 0, overlap: 0, skeleton: 0 };
    const [latinSide, scriptSide] = scriptOf(a) !== 'Latin' ? [b, a] : [a, b];
    const proper = properTokens(normaliseTokens(latinSide));
    const reading = withJoins(normaliseTokens(scriptSide));
    const met = proper.filter((x) => meets(x, reading)).length;
    t.n++;
    if (score >= DEFAULT_THRESHOLD) t.hit++;
    if (met > 0) t.extra++;
    t.overlap += proper.length ? met / proper.length : 0;
    t.skeleton += skeletonOverlap(proper, normaliseTokens(scriptSide)) > 0 ? 1 : 0;
    pairTally.set(script, t);
    if (!quiet)
      print(
        `${score >= DEFAULT_THRESHOLD ? 'ok  ' : 'MISS'} ${score.toFixed(3)} ${script.padEnd(9)} ${r['category']}\n     ${a} → [${normaliseTokens(a).join(' ')}]\n     ${b} → [${normaliseTokens(b).join(' ')}]`,
      );
  }
  print('\nscript     pairs  score>=thr       a-name-token-meets  mean-name-overlap  skeleton-meets');
  for (const [s, t] of [...pairTally].sort())
    print(
      `${s.padEnd(10)} ${String(t.n).padStart(5)}  ${`${t.hit} (${pct(t.hit, t.n)})`.padEnd(15)}  ${`${t.extra} (${pct(t.extra, t.n)})`.padStart(18)}  ${(t.overlap / t.n).toFixed(2).padStart(17)}  ${`${t.skeleton} (${pct(t.skeleton, t.n)})`.padStart(14)}`,
    );
  print(
    '(a-name-token-meets: a proper-name token of the Latin side equals, or shares its first 3 letters with, a token of the reading or 2–4 adjacent reading tokens glued)',
  );

  print('\n# UN entries with an original-script name: Latin primary name vs original-script name');
  const unTally = new Map<string, Tally>();
  const samples = new Map<string, string[]>();
  for (const e of loadUn2026().entries) {
    const latin = normaliseTokens(e.primaryName);
    const latinNames = e.names.filter((n) => n.kind !== 'original-script');
    for (const n of e.names.filter((x) => x.kind === 'original-script')) {
      const script = scriptOf(n.value);
      const orig = normaliseTokens(n.value);
      const overlap = tokenOverlap(latin, withJoins(orig));
      const best = Math.max(
        ...latinNames.map((l) => compareNames(prepareName(l.value, e.schema), prepareName(n.value, e.schema), stats).score),
      );
      const t = unTally.get(script) ?? { n: 0, hit: 0, extra: 0, overlap: 0, skeleton: 0 };
      t.n++;
      t.overlap += overlap;
      if (overlap > 0) t.hit++;
      if (best >= DEFAULT_THRESHOLD) t.extra++;
      t.skeleton += Math.max(...latinNames.map((l) => skeletonOverlap(normaliseTokens(l.value), orig)));
      unTally.set(script, t);
      const list = samples.get(script) ?? [];
      if (list.length < 4)
        list.push(`${e.primaryName} | ${n.value} → [${orig.join(' ')}] overlap ${overlap.toFixed(2)} best ${best.toFixed(2)}`);
      samples.set(script, list);
    }
  }
  if (!quiet) for (const [s, l] of [...samples].sort()) for (const x of l) print(`${s.padEnd(9)} ${x}`);
  print('\nscript     names  any-token-meets  mean-overlap  score>=thr  mean-skeleton-overlap');
  for (const [s, t] of [...unTally].sort())
    print(
      `${s.padEnd(10)} ${String(t.n).padStart(5)}  ${pct(t.hit, t.n).padStart(15)}  ${(t.overlap / t.n).toFixed(2).padStart(12)}  ${pct(t.extra, t.n).padStart(10)}  ${(t.skeleton / t.n).toFixed(2).padStart(21)}`,
    );
}

main();
