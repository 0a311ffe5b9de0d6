/**
 * Evaluation of the matcher on the labelled sets in `data/eval/`:
 * - `name-pairs-companies-vessels.csv`: 300 pairs (140 match / 160 non-match); a pair is predicted a
 *   match when `compareNames` ≥ threshold; precision, recall, accuracy, F1;
 * - `un-positives-perturbed.csv` screened against an index of all `un-positives-original.csv` names:
 *   recall@1 (the top match at or above threshold is the row's original, or a row with the same name)
 *   and false-positive rate (share of queries with any other entry at or above threshold).
 * Token weights come from an index of the 2024 SDN + UN lists (the production vocabulary).
 *
 * Run: npx ts-node --transpile-only -r tsconfig-paths/register libs/screening/src/eval/evaluate.ts
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../data-path';
import { loadSdn2024, loadUn2026 } from '../default-lists';
import type { ListSnapshot, SanctionsEntry } from '../model';
import { compareNames } from '../matching/compare-names';
import { DEFAULT_THRESHOLD, ScreeningIndex } from '../matching/screening-index';
import type { TokenStats } from '../matching/token-stats';
import { prepareName } from '../normalise/prepare-name';

export interface BinaryMetrics {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  accuracy: number;
  f1: number;
}

export interface PairResult {
  name1: string;
  name2: string;
  category: string;
  isMatch: boolean;
  score: number;
}

export interface UnResult {
  threshold: number;
  queries: number;
  perturbed: number;
  recallAt1: number;
  perturbedRecallAt1: number;
  falsePositiveRate: number;
}

export interface EvaluationReport {
  threshold: number;
  pairs: BinaryMetrics;
  pairsByThreshold: BinaryMetrics[];
  un: UnResult;
  unByThreshold: UnResult[];
  misclassifiedPairs: PairResult[];
}

/** Precision / recall / accuracy / F1 of scored pairs at one threshold. */
export function binaryMetrics(results: PairResult[], threshold: number): BinaryMetrics {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const r of results) {
    const predicted = r.score >= threshold;
    if (predicted && r.isMatch) tp++;
    else if (predicted) fp++;
    else if (r.isMatch) fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { threshold, tp, fp, fn, tn, precision, recall, accuracy: (tp + tn) / results.length, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Scores every pair of `name-pairs-companies-vessels.csv` (schema Vessel or Organization). */
export function scorePairs(stats: TokenStats): PairResult[] {
  const rows = parse(readFileSync(dataPath('eval', 'name-pairs-companies-vessels.csv')), { columns: true }) as Array<Record<string, string>>;
  return rows.map((r) => {
    const schema = r['schema'] === 'Vessel' ? 'Vessel' : 'Organization';
    const score = compareNames(prepareName(r['name1']!, schema), prepareName(r['name2']!, schema), stats).score;
    return { name1: r['name1']!, name2: r['name2']!, category: r['category']!, isMatch: r['is_match'] === 'true', score };
  });
}

/** Screens each perturbed UN name against an index of all original names, at several thresholds. */
export function evaluateUn(thresholds: number[]): UnResult[] {
  const read = (f: string) => parse(readFileSync(dataPath('eval', f)), { columns: true }) as Array<Record<string, string>>;
  const originals = read('un-positives-original.csv');
  const perturbed = read('un-positives-perturbed.csv');
  const entries: SanctionsEntry[] = originals.map((r, i) => ({
    listId: 'un', entryId: String(i), schema: 'Person', primaryName: r['full_name']!, names: [{ value: r['full_name']!, kind: 'primary' }],
    programs: [], countries: r['nationality'] ? [r['nationality'].toUpperCase()] : [], identifiers: [],
  }));
  const snapshot: ListSnapshot = { listId: 'un', version: 'eval', contentHash: '', entries };
  const index = new ScreeningIndex([snapshot]);
  const sameName = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();
  const minT = Math.min(...thresholds);
  const runs = perturbed.map((r, i) => ({
    i, changed: !sameName(r['full_name']!, originals[i]!['full_name']!),
    matches: index.screenName({ name: r['full_name']!, schema: 'Person' }, { threshold: minT, limit: 10 }),
  }));
  return thresholds.map((threshold) => {
    let hit = 0, hitPerturbed = 0, fpQueries = 0;
    for (const run of runs) {
      const ms = run.matches.filter((m) => m.score >= threshold);
      const isOriginal = (id: string) => id === String(run.i) || sameName(originals[Number(id)]!['full_name']!, originals[run.i]!['full_name']!);
      if (ms[0] && isOriginal(ms[0].entry.entryId)) {
        hit++;
        if (run.changed) hitPerturbed++;
      }
      if (ms.some((m) => !isOriginal(m.entry.entryId))) fpQueries++;
    }
    const perturbedCount = runs.filter((r) => r.changed).length;
    return { threshold, queries: runs.length, perturbed: perturbedCount, recallAt1: hit / runs.length, perturbedRecallAt1: hitPerturbed / perturbedCount, falsePositiveRate: fpQueries / runs.length };
  });
}

/** Runs both evaluations; `threshold` defaults to `DEFAULT_THRESHOLD`. */
export function evaluate(threshold = DEFAULT_THRESHOLD): EvaluationReport {
  const index = new ScreeningIndex([loadSdn2024(), loadUn2026()]);
  const pairs = scorePairs(index.stats);
  const grid = [0.7, 0.75, 0.8, 0.85, 0.9];
  if (!grid.includes(threshold)) grid.push(threshold);
  grid.sort();
  const unByThreshold = evaluateUn(grid);
  return {
    threshold,
    pairs: binaryMetrics(pairs, threshold),
    pairsByThreshold: grid.map((t) => binaryMetrics(pairs, t)),
    un: unByThreshold.find((u) => u.threshold === threshold)!,
    unByThreshold,
    misclassifiedPairs: pairs.filter((p) => (p.score >= threshold) !== p.isMatch),
  };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';

if (require.main === module) {
  const threshold = process.argv[2] ? Number(process.argv[2]) : DEFAULT_THRESHOLD;
  const r = evaluate(threshold);
  console.log(`Default threshold: ${DEFAULT_THRESHOLD}; reporting at ${threshold}\n`);
  console.log('Company/vessel name pairs (300: 140 match, 160 non-match)');
  console.log('threshold  precision  recall  accuracy     F1   tp  fp  fn  tn');
  for (const m of r.pairsByThreshold)
    console.log(`${m.threshold.toFixed(2).padStart(9)}  ${pct(m.precision).padStart(9)}  ${pct(m.recall)}  ${pct(m.accuracy).padStart(8)} ${pct(m.f1)} ${String(m.tp).padStart(4)}${String(m.fp).padStart(4)}${String(m.fn).padStart(4)}${String(m.tn).padStart(4)}`);
  console.log('\nUN perturbed names screened against all originals (683 queries)');
  console.log('threshold  recall@1  recall@1(perturbed rows)  false-positive rate');
  for (const u of r.unByThreshold)
    console.log(`${u.threshold.toFixed(2).padStart(9)}  ${pct(u.recallAt1).padStart(8)}  ${pct(u.perturbedRecallAt1).padStart(24)}  ${pct(u.falsePositiveRate).padStart(19)}`);
  if (process.argv.includes('--errors')) {
    console.log('\nMisclassified pairs at the reported threshold:');
    for (const p of r.misclassifiedPairs) console.log(`${p.isMatch ? 'FN' : 'FP'} ${p.score.toFixed(3)} ${p.category}: ${p.name1} | ${p.name2}`);
  }
}
