/**
 * Footprint: resident memory (VmRSS from /proc/<pid>/status) of each app process, idle after start-up, for each
 * size of `--events` already stored (10k, 100k, 1M: seeded with `seedEvents`, bulk inserts into the event store's
 * tables), so the growth with stored events shows. RSS under load is recorded by the ingest benchmark
 * (`details.windows[].rssUnderLoad`). Target: ≤ 250 MB per app with the full lists loaded and 1M events stored.
 */
import { Pool } from 'pg';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { appRss, startApps } from './support/apps';
import type { BenchResult, Figure } from './support/results';
import { seedEvents } from './support/seed';
import { benchDatabase, kafkaBrokers } from './support/stack';
import { sleep } from './support/stats';

export const footprint: Benchmark = {
  name: 'footprint',
  title: 'Resident memory per app vs events stored',
  async run(options: BenchOptions): Promise<BenchResult> {
    const sizes = options.quick ? [10_000] : [10_000, 100_000, 1_000_000];
    const brokers = await kafkaBrokers();
    const figures: Figure[] = [];
    const runs: Record<string, unknown>[] = [];
    for (const size of sizes) {
      const url = await benchDatabase(`footprint_${size}`);
      const pool = new Pool({ connectionString: url, max: 4 });
      await seedEvents(pool, size);
      await pool.end();
      // The relay and the projector work through the stored events first; RSS is read once they are idle.
      const apps = await startApps(['processor', 'outbox-relay', 'projector', 'api'], url, brokers);
      try {
        await sleep(options.quick ? 5_000 : 20_000);
        const rss = appRss(apps);
        runs.push({ events: size, rss });
        for (const [app, mb] of Object.entries(rss)) {
          figures.push({ figure: `${app}, ${size.toLocaleString('en-US')} events stored`, value: mb, unit: 'MB', target: { text: '≤ 250 MB', met: mb <= 250 } });
        }
        options.log(`footprint ${size}: ${JSON.stringify(rss)}`);
      } finally {
        await apps.stop();
      }
    }
    figures.push({ figure: 'screening, notifier', value: Number.NaN, unit: '', note: 'not measured: apps being built by other engineers during this run' });
    return { name: 'footprint', figures, details: { runs } };
  },
};
