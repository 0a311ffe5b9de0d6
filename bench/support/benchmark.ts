import type { BenchResult } from './results';

/** Options every benchmark receives from `bench/run.ts`. */
export interface BenchOptions {
  /** Smoke run: smaller sizes, shorter windows. Figures from a quick run are not the ones to record. */
  quick: boolean;
  /** Event counts for the size-dependent benchmarks (rebuild, footprint). */
  events: number[];
  /** Seconds per measured window (throughput benchmarks). */
  seconds: number;
  /** Offered rates (reports/s) for the open-loop benchmarks, when given (`--rates`). */
  rates?: number[];
  /** Processes of each consuming app (processor, projector) for the end-to-end benchmarks that scale out (`--instances`). */
  instances?: number;
  /**
   * Ingest only (`--screening <kinds>`): also run the screening app over the bundled lists, deciding these alert kinds
   * (`SCREENING_ALERT_KINDS`, or `all`); each window then lasts until it has screened every report, and counts its CPU.
   */
  screening?: string;
  /** Write CPU profiles of the measured code (`bench/results/<name>-*.cpuprofile`) where a benchmark supports it. */
  profile: boolean;
  log: (line: string) => void;
}

export interface Benchmark {
  name: string;
  title: string;
  run(options: BenchOptions): Promise<BenchResult>;
}
