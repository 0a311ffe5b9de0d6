/**
 * Alert latency: POST of a report naming a sanctioned person → signed webhook received by a local receiver
 * (127.0.0.1), p50/p95/p99 at 200 reports/s. Target: p99 ≤ 1 s.
 * Skeleton: the screening app and the webhook notifier were being built by other engineers when this suite was
 * written; the benchmark reports "not measured" until both apps start and a subscription endpoint exists. To
 * complete it: start `screening` and `notifier` with the ingest apps (`startApps`), register a webhook subscription
 * pointing at a `node:http` receiver on a free port, POST `reportBody(i, { sanctionedName })` with names from
 * `loadSdn2024()`, and time POST → webhook by the report id in the delivery body.
 */
import type { Benchmark, BenchOptions } from './support/benchmark';
import { notMeasured, type BenchResult } from './support/results';

export const alertLatency: Benchmark = {
  name: 'alert-latency',
  title: 'Alert latency: POST naming a sanctioned person → webhook received',
  async run(_options: BenchOptions): Promise<BenchResult> {
    const why = 'screening app and webhook notifier not usable yet (being built by other engineers)';
    return {
      name: 'alert-latency',
      figures: [notMeasured('POST → webhook p50 at 200 reports/s', why), notMeasured('POST → webhook p99 at 200 reports/s', why, '≤ 1 s')],
    };
  },
};
