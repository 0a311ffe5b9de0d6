/**
 * Benchmark of the screening index on the full 2024 SDN (with aliases) + UN list: build time, heap
 * used by the index, and per-name latency percentiles of `screenName` over list names (half of them
 * with a one-letter typo) and unrelated names.
 *
 * Run: node --expose-gc -r ts-node/register/transpile-only -r tsconfig-paths/register libs/screening/src/eval/benchmark.ts
 */
import { loadSdn2024, loadUn2026 } from '../default-lists';
import { ScreeningIndex } from '../matching/screening-index';

export interface BenchmarkResult {
  buildMs: number;
  indexHeapMb: number;
  names: number;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Builds the index and times `queries` screenings (after a warm-up of 300). */
export function runBenchmark(queries = 5000): BenchmarkResult {
  const snapshots = [loadSdn2024(), loadUn2026()];
  gc();
  const before = process.memoryUsage().heapUsed;
  const index = new ScreeningIndex(snapshots);
  gc();
  const indexHeapMb = (process.memoryUsage().heapUsed - before) / 1e6;
  const names = Array.from({ length: index.nameCount }, (_, i) => index.table.value(i));
  const extra = ['Alexander Lukashenko', 'Acme Widgets Corporation', 'Maria Gonzalez', 'Xi Jinping', 'Northern Star Shipping LLC'];
  const qs = Array.from({ length: queries }, (_, i) => {
    if (i % 10 === 9) return extra[i % extra.length]!;
    const s = names[(i * 7919) % names.length]!;
    return i % 2 ? s.replace(/[aeiou]/i, 'x') : s;
  });
  for (const q of qs.slice(0, 300)) index.screenName({ name: q });
  const times: number[] = [];
  for (const q of qs) {
    const t = performance.now();
    index.screenName({ name: q });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 1000) / 1000;
  return { buildMs: index.buildStats.buildMs, indexHeapMb: Math.round(indexHeapMb), names: index.nameCount, queries, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: at(1) };
}

if (require.main === module) console.log(runBenchmark());
