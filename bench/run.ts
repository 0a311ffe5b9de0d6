/**
 * `npm run bench [-- name… --quick --events 100000,1000000 --seconds 5 --rates 200,500 --profile]`: runs the benchmarks (all, or
 * the ones named), prints one table each and writes `bench/results/<name>.json`. Every figure is compared with a
 * baseline measured in the same run, on the same machine. Starts its own PostgreSQL (and Kafka when needed) under
 * `.local/bench/` (or uses BENCH_DATABASE_URL / BENCH_KAFKA_BROKERS), and stops them at the end.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { repoRoot } from '@tm/local-stack';
import { eventStoreAppend } from './event-store-append.bench';
import { rebuild } from './rebuild.bench';
import { screening } from './screening.bench';
import { ingest } from './ingest.bench';
import { patternChecks } from './pattern-checks.bench';
import { footprint } from './footprint.bench';
import { alertLatency } from './alert-latency.bench';
import { workbench } from './workbench.bench';
import { textScan } from './text-scan.bench';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { printResult, writeResult } from './support/results';
import { postgresUrl, serverVersion, stopBenchStack } from './support/stack';

const BENCHMARKS: Benchmark[] = [eventStoreAppend, rebuild, screening, textScan, ingest, footprint, alertLatency, workbench, patternChecks];

function versionOf(pkg: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(repoRoot(), 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function machine(): Record<string, unknown> {
  return {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
    kernel: (() => {
      try {
        return execSync('uname -sr').toString().trim();
      } catch {
        return undefined;
      }
    })(),
    kafkajs: versionOf('kafkajs'),
    pg: versionOf('pg'),
    emmett: versionOf('@event-driven-io/emmett-postgresql'),
  };
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .description('Transfer Monitor benchmarks')
    .argument('[names...]', `benchmarks to run (default: all): ${BENCHMARKS.map((b) => b.name).join(', ')}`)
    .option('--quick', 'smoke run: small sizes, short windows', false)
    .option('--events <counts>', 'event counts for rebuild/footprint, comma-separated', '100000,1000000')
    .option('--seconds <n>', 'seconds per measured window', '5')
    .option('--rates <perSecond>', 'offered rates for ingest/alert-latency, comma-separated (default: each benchmark its own)')
    .option('--instances <n>', 'processes of each consuming app for ingest (processor, projector)', '1')
    .option(
      '--screening <kinds>',
      "ingest: also run the screening app (bundled lists) deciding these alert kinds, comma-separated, or 'all'",
    )
    .option('--profile', 'write CPU profiles where supported', false)
    .parse();
  const names = program.args;
  const opts = program.opts<{
    quick: boolean;
    events: string;
    seconds: string;
    profile: boolean;
    rates?: string;
    instances: string;
    screening?: string;
  }>();
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const selected = names.length ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
  const options: BenchOptions = {
    quick: opts.quick,
    events: opts.quick ? [10_000] : opts.events.split(',').map((v) => Number.parseInt(v, 10)),
    seconds: Number(opts.seconds),
    ...(opts.rates ? { rates: opts.rates.split(',').map((v) => Number.parseInt(v, 10)) } : {}),
    instances: Number.parseInt(opts.instances, 10),
    ...(opts.screening ? { screening: opts.screening } : {}),
    profile: opts.profile,
    log: (line) => process.stderr.write(`[bench] ${line}\n`),
  };
  const meta = { machine: machine(), startedAt: new Date().toISOString(), quick: options.quick };
  let failed = false;
  try {
    (meta as Record<string, unknown>).postgres = await serverVersion(await postgresUrl());
    for (const benchmark of selected) {
      options.log(`running ${benchmark.name}: ${benchmark.title}`);
      try {
        const result = await benchmark.run(options);
        printResult(result);
        options.log(`wrote ${writeResult(result, meta)}`);
      } catch (error) {
        failed = true;
        process.stderr.write(`[bench] ${benchmark.name} failed: ${(error as Error).stack ?? String(error)}\n`);
      }
    }
  } finally {
    await stopBenchStack();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
