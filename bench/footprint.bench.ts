/**
 * Footprint: resident memory (VmRSS from /proc/<pid>/status) of each of the six apps, for each size of `--events`
 * already stored (10k, 100k, 1M: seeded with `seedEvents`, bulk inserts into the event store's tables) with the
 * bundled sanctions lists imported (the screening app holds their index): once after the relay, projector and
 * screening have worked through the stored events (or `DRAIN_LIMIT_MS` passed; then the figure is "while
 * catching up"), so the growth with stored events shows. RSS under load is recorded by the ingest benchmark
 * (`details.windows[].rssUnderLoad`). Target: ≤ 250 MB per app with the full lists loaded and 1M events stored.
 */
import { Pool } from 'pg';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { appRss, startApps } from './support/apps';
import type { BenchResult, Figure } from './support/results';
import { importLists } from './support/lists';
import { seedEvents } from './support/seed';
import { benchDatabase, kafkaBrokers } from './support/stack';
import { sleep } from './support/stats';

/** Longest wait for the apps to work through the stored events before reading RSS. */
const DRAIN_LIMIT_MS = 300_000;

/** Waits until the relay has published every stored event and the projection has applied every report event. */
async function drain(pool: Pool, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ behind: boolean }>(
      `SELECT (SELECT coalesce(max(global_position), 0) FROM events) > coalesce((SELECT global_position FROM checkpoints WHERE reader = 'outbox-relay'), 0)
           OR (SELECT count(*) FROM events WHERE stream_type = 'report') > (SELECT events_applied FROM rm_v1.position) AS behind`,
    );
    if (!rows[0]!.behind) return true;
    await sleep(1_000);
  }
  return false;
}

export const footprint: Benchmark = {
  name: 'footprint',
  title: 'Resident memory per app vs events stored',
  async run(options: BenchOptions): Promise<BenchResult> {
    const sizes = options.events;
    const brokers = await kafkaBrokers();
    const figures: Figure[] = [];
    const runs: Record<string, unknown>[] = [];
    for (const size of sizes) {
      const url = await benchDatabase(`footprint_${size}`);
      const pool = new Pool({ connectionString: url, max: 4 });
      await seedEvents(pool, size);
      await importLists(url, options.log);
      const apps = await startApps(['processor', 'outbox-relay', 'projector', 'screening', 'notifier', 'api'], url, brokers);
      try {
        const started = Date.now();
        const drained = await drain(pool, options.quick ? 10_000 : DRAIN_LIMIT_MS);
        await sleep(2_000);
        const rss = appRss(apps);
        const state = drained
          ? `idle after catching up (${Math.round((Date.now() - started) / 1000)} s)`
          : `while catching up (after ${DRAIN_LIMIT_MS / 1000} s)`;
        runs.push({ events: size, rss, state });
        for (const [app, mb] of Object.entries(rss)) {
          figures.push({
            figure: `${app}, ${size.toLocaleString('en-US')} events stored`,
            value: mb,
            unit: 'MB',
            target: { text: '≤ 250 MB', met: mb <= 250 },
            note: state,
          });
        }
        options.log(`footprint ${size}: ${state}: ${JSON.stringify(rss)}`);
      } finally {
        await apps.stop();
        await pool.end();
      }
    }
    return { name: 'footprint', figures, details: { runs } };
  },
};
