/**
 * Rebuild: events per second replayed from the event store into a new read-models version (`RebuildService`, the
 * code behind `scripts/rebuild-projection.ts` and the admin endpoint), for each size of `--events` (default 100k and
 * 1M). Baseline in the same run: a plain sequential read of the same events through `readAll` in batches of the same
 * size (what the rebuild cannot go below: reading and parsing the events, no projection).
 * Events are generated with {@link seedEvents} (bulk multi-row inserts into the event store's tables), not the API.
 */
import pino from 'pino';
import { createPgPool } from '@tm/database';
import { readAll, START, type Checkpoint } from '@tm/event-store';
import { RebuildService } from '@tm/read-models';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { throughput, type BenchResult, type Figure } from './support/results';
import { seedEvents } from './support/seed';
import { benchPostgresCpuSeconds } from './support/cpu';
import { benchDatabase } from './support/stack';
import { round } from './support/stats';

const BATCH = 5_000;

async function sequentialRead(pool: ReturnType<typeof createPgPool>): Promise<{ events: number; ms: number }> {
  const started = performance.now();
  let checkpoint: Checkpoint = START;
  let events = 0;
  for (;;) {
    const batch = await readAll(pool, checkpoint, BATCH);
    if (batch.length === 0) break;
    events += batch.length;
    const last = batch[batch.length - 1]!;
    checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
  }
  return { events, ms: performance.now() - started };
}

/**
 * Samples this process's resident set size and V8 heap used (MB) every 100 ms until `stop()`: the peaks while the rebuild runs (the
 * rebuild runs in this process, as in the API or `scripts/rebuild-projection.ts`). A `gc()` first, so that garbage
 * left by the seeding does not count.
 */
function sampleRss(): { stop: () => void; readonly peakMb: number; readonly peakHeapMb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = 0;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak = Math.max(peak, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
    },
    get peakMb() {
      return Math.round(peak / 1e6);
    },
    get peakHeapMb() {
      return Math.round(peakHeap / 1e6);
    },
  };
}

export const rebuild: Benchmark = {
  name: 'rebuild',
  title: 'Rebuild of the read models from the event store',
  async run(options: BenchOptions): Promise<BenchResult> {
    const figures: Figure[] = [];
    const runs: Record<string, unknown>[] = [];
    for (const size of options.events) {
      const url = await benchDatabase(`rebuild_${size}`);
      const pool = createPgPool(url, 4);
      try {
        const seedStarted = performance.now();
        const seeded = await seedEvents(pool, size);
        const seedMs = performance.now() - seedStarted;
        options.log(`rebuild: seeded ${seeded} events in ${Math.round(seedMs)} ms`);
        const read1 = await sequentialRead(pool);
        const service = new RebuildService(pool, pino({ level: 'silent' }));
        const rss = sampleRss();
        const cpuBefore = { node: process.cpuUsage(), postgres: benchPostgresCpuSeconds() };
        const outcome = await service.rebuild({ batchSize: BATCH }).finally(() => rss.stop());
        const nodeCpu = process.cpuUsage(cpuBefore.node);
        // CPU seconds per 100,000 events: where the two cores went (the rebuild is CPU-bound on this machine).
        const per100k = (seconds: number) => round((seconds * 100_000) / Math.max(1, outcome.eventsRead), 2);
        const cpu = {
          node: per100k((nodeCpu.user + nodeCpu.system) / 1e6),
          postgres: per100k(benchPostgresCpuSeconds() - cpuBefore.postgres),
        };
        const read2 = await sequentialRead(pool);
        const readRate = ((read1.events + read2.events) * 1000) / (read1.ms + read2.ms);
        const rate = (outcome.eventsRead * 1000) / outcome.elapsedMs;
        figures.push(
          throughput(
            `rebuild, ${size.toLocaleString('en-US')} events`,
            rate,
            'events/s',
            { name: 'sequential readAll', value: readRate },
            { min: 50_000 },
          ),
        );
        figures.push({
          figure: `rebuild, ${size.toLocaleString('en-US')} events: CPU s per 100k events, this process (Node) + PostgreSQL`,
          value: round(cpu.node + cpu.postgres, 2),
          unit: 's',
          note: `Node ${cpu.node} s, PostgreSQL ${cpu.postgres} s`,
        });
        figures.push({
          figure: `rebuild, ${size.toLocaleString('en-US')} events: peak RSS of this process`,
          value: rss.peakMb,
          unit: 'MB',
        });
        figures.push({ figure: `rebuild, ${size.toLocaleString('en-US')} events: peak V8 heap used`, value: rss.peakHeapMb, unit: 'MB' });
        runs.push({
          size,
          seeded,
          peakRssMb: rss.peakMb,
          peakHeapUsedMb: rss.peakHeapMb,
          seedMs: round(seedMs, 0),
          rebuildMs: outcome.elapsedMs,
          eventsRead: outcome.eventsRead,
          refused: outcome.eventsRefused,
          cpuSecondsPer100k: cpu,
          readMs: [round(read1.ms, 0), round(read2.ms, 0)],
        });
        options.log(
          `rebuild ${size}: ${Math.round(rate)} events/s (read alone ${Math.round(readRate)} events/s), CPU per 100k events: Node ${cpu.node} s, PostgreSQL ${cpu.postgres} s`,
        );
      } finally {
        await pool.end();
      }
    }
    return { name: 'rebuild', figures, details: { batchSize: BATCH, runs } };
  },
};
