import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@tm/local-stack';
import Table from 'cli-table3';
import { round } from './stats';

/**
 * One figure of a benchmark: its value, the baseline measured in the same run (when there is one), their ratio
 * and the target it is checked against. `higherIsBetter` says which way the ratio and the target read.
 */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline (throughputs) or baseline / value (latencies): > 1 means faster than the baseline. */
  ratio?: number;
  target?: { text: string; met: boolean };
  /** Free text shown after the figure (e.g. "not measured: …"). */
  note?: string;
}

export interface BenchResult {
  name: string;
  figures: Figure[];
  /** Anything else worth keeping in the JSON (raw samples, parameters, profiles). */
  details?: Record<string, unknown>;
  /** What limits the figures (written by the benchmark from its own measurements). */
  limits?: string[];
}

/** A throughput figure (higher is better) with its baseline and ratio. */
export function throughput(
  figure: string,
  value: number,
  unit: string,
  baseline?: { name: string; value: number },
  target?: { min: number; text?: string },
): Figure {
  return {
    figure,
    value: round(value, 1),
    unit,
    ...(baseline ? { baseline: { name: baseline.name, value: round(baseline.value, 1) }, ratio: round(value / baseline.value, 2) } : {}),
    ...(target ? { target: { text: target.text ?? `≥ ${target.min} ${unit}`, met: value >= target.min } } : {}),
  };
}

/** A latency-like figure (lower is better); the ratio is baseline / value. */
export function latency(
  figure: string,
  value: number,
  unit: string,
  baseline?: { name: string; value: number },
  target?: { max: number; text?: string },
): Figure {
  return {
    figure,
    value: round(value, 3),
    unit,
    ...(baseline ? { baseline: { name: baseline.name, value: round(baseline.value, 3) }, ratio: round(baseline.value / value, 2) } : {}),
    ...(target ? { target: { text: target.text ?? `≤ ${target.max} ${unit}`, met: value <= target.max } } : {}),
  };
}

export function notMeasured(figure: string, why: string, target?: string): Figure {
  return { figure, value: Number.NaN, unit: '', note: `not measured: ${why}`, ...(target ? { target: { text: target, met: false } } : {}) };
}

function show(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–';
  const text = Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(value);
  return unit ? `${text} ${unit}` : text;
}

/** Prints the result as a table: figure, value, baseline, ratio, target, met / not met. */
export function printResult(result: BenchResult, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): void {
  const table = new Table({
    style: { head: [], border: [] },
    head: ['figure', 'value', 'baseline', 'ratio', 'target', 'met'],
    wordWrap: true,
    colWidths: [44, 18, 36, 8, 28, 9],
  });
  for (const f of result.figures) {
    table.push([
      f.figure,
      f.note ?? show(f.value, f.unit),
      f.baseline ? `${f.baseline.name}: ${show(f.baseline.value, f.unit)}` : '',
      f.ratio !== undefined ? `${f.ratio}×` : '',
      f.target?.text ?? '',
      f.target ? (f.target.met ? 'met' : 'not met') : '',
    ]);
  }
  out(`\n== ${result.name} ==`);
  out(table.toString());
  for (const limit of result.limits ?? []) out(`  limit: ${limit}`);
}

/** Writes `bench/results/<name>.json` (git-ignored). @returns its path. */
export function writeResult(result: BenchResult, meta: Record<string, unknown>): string {
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ ...meta, ...result }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`,
  );
  return file;
}
