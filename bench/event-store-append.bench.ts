/**
 * Event-store append alone: report streams (four events each, expected version `no-stream`) appended per second at
 * several concurrencies, through `@tm/event-store` and, in the same run, on the same PostgreSQL, with the same
 * payloads, pool size and concurrency, through Emmett (`@event-driven-io/emmett-postgresql`,
 * `getPostgreSQLEventStore(...).appendToStream` with `expectedStreamVersion: STREAM_DOES_NOT_EXIST`).
 *
 * Series, each a report stream per append:
 * - ours and Emmett, one transaction per report: both bound by one commit (WAL flush) per report;
 * - ours batched: N reports (10, 50) per transaction, each under its own SAVEPOINT (`withSavepoint`), as the processor
 *   runs consecutive commands of a partition (`PROCESSOR_BATCH_SIZE`): one commit for N reports. The processor also
 *   reads the stream and writes an inbox row per command; neither series here does. Emmett's `appendToStream` opens
 *   its own transaction per call, so its figure stays per report.
 * A probe per concurrency, one-row INSERT transactions on the same database, gives the storage's own commit rate: when
 * it falls as concurrency rises, so does every series (the machine's flushes, not the event store).
 * `concurrency` is the number of transactions in flight (for a batched series, each holding N reports).
 * Each concurrency is measured A-B-C-D-D-C-B-A (ours, Emmett, batched 10, batched 50) and each series' two windows
 * averaged, so drift of the shared machine falls on all of them.
 */
import { Pool } from 'pg';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { createPgPool } from '@tm/database';
import { appendToStream, inTransaction, withSavepoint, type NewEvent } from '@tm/event-store';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { throughput, type BenchResult, type Figure } from './support/results';
import { benchDatabase } from './support/stack';
import { round, runPool } from './support/stats';
import { reportEvents } from './support/workload';

/** Appends one unit of work (a transaction) and resolves to the number of reports it appended. */
type Appender = (i: number) => Promise<number>;

/** Reports per transaction of the batched series. */
const BATCH_SIZES = [10, 50];

/** Pre-built payloads so that building them is not timed: `count` reports of four events. */
function payloads(count: number): { streamId: string; reportId: string; events: NewEvent[] }[] {
  return Array.from({ length: count }, (_, i) => reportEvents(i));
}

async function measure(
  append: Appender,
  concurrency: number,
  seconds: number,
): Promise<{ transactions: number; reports: number; rate: number }> {
  const started = performance.now();
  let reports = 0;
  const transactions = await runPool(
    Number.MAX_SAFE_INTEGER,
    concurrency,
    // Not `reports += await append(i)`: that reads `reports` before the await, so concurrent tasks overwrote each
    // other's counts (every rate at concurrency > 1 was undercounted, by up to the concurrency).
    async (i) => {
      const appended = await append(i);
      reports += appended;
    },
    Date.now() + seconds * 1000,
  );
  return { transactions, reports, rate: (reports * 1000) / (performance.now() - started) };
}

const average = (windows: { rate: number }[]) => windows.reduce((sum, w) => sum + w.rate, 0) / windows.length;

export const eventStoreAppend: Benchmark = {
  name: 'event-store-append',
  title: 'Event-store append vs Emmett',
  async run(options: BenchOptions): Promise<BenchResult> {
    const url = await benchDatabase('append');
    const concurrencies = options.quick ? [1, 8] : [1, 4, 16, 32];
    const seconds = options.quick ? 1 : options.seconds;
    // Payloads generated up front and reused: every append gets a new stream id (suffix) and new event ids. Kept
    // small on purpose: 200,000 pre-built reports (~1.5 GB of heap) made the bench process itself the bottleneck
    // (major GCs marking them, more often as concurrency kept more objects alive), for every series alike.
    const pool = payloads(2_000);
    let cursor = 0;
    const nextPayload = () => {
      const p = pool[cursor++ % pool.length]!;
      // Same payload, new stream: fresh ids (the event id is unique in both stores).
      const suffix = `${cursor}`;
      return { streamId: `${p.streamId}-${suffix}`, events: p.events.map((e) => ({ ...e, eventId: undefined })) };
    };
    const figures: Figure[] = [];
    const details: Record<string, unknown>[] = [];
    const setup = new Pool({ connectionString: url, max: 1 });
    await setup.query('CREATE TABLE IF NOT EXISTS commit_probe (n bigint NOT NULL)');
    await setup.end();
    for (const concurrency of concurrencies) {
      const ours = createPgPool(url, concurrency);
      const emmettPool = new Pool({ connectionString: url, max: concurrency });
      const emmett: PostgresEventStore = getPostgreSQLEventStore(url, { connectionOptions: { pooled: true, pool: emmettPool } });
      const oursAppend: Appender = async () => {
        const { streamId, events } = nextPayload();
        await inTransaction(ours, (client) => appendToStream(client, streamId, 'report', 'no-stream', events));
        return 1;
      };
      const batchedAppend =
        (size: number): Appender =>
        async () => {
          const reports = Array.from({ length: size }, nextPayload);
          await inTransaction(ours, async (client) => {
            for (const { streamId, events } of reports)
              await withSavepoint(client, 'report', () => appendToStream(client, streamId, 'report', 'no-stream', events));
          });
          return size;
        };
      const emmettAppend: Appender = async () => {
        const { streamId, events } = nextPayload();
        await emmett.appendToStream(
          streamId,
          events.map((e) => ({ type: e.type, data: e.payload as Record<string, unknown>, metadata: e.metadata })),
          { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
        );
        return 1;
      };
      const probeCommit: Appender = async (i) => {
        await ours.query('INSERT INTO commit_probe (n) VALUES ($1)', [i]);
        return 1;
      };
      const batched = BATCH_SIZES.map((size) => ({
        size,
        append: batchedAppend(size),
        windows: [] as Awaited<ReturnType<typeof measure>>[],
      }));
      try {
        // Warm-up (connections, Emmett's schema creation, plan caches): not timed.
        const warm = (append: Appender) => async (i: number) => void (await append(i));
        await runPool(200, concurrency, warm(oursAppend));
        await runPool(200, concurrency, warm(emmettAppend));
        for (const b of batched) await runPool(Math.ceil(200 / b.size), concurrency, warm(b.append));
        const a1 = await measure(oursAppend, concurrency, seconds);
        const b1 = await measure(emmettAppend, concurrency, seconds);
        for (const b of batched) b.windows.push(await measure(b.append, concurrency, seconds));
        for (const b of [...batched].reverse()) b.windows.push(await measure(b.append, concurrency, seconds));
        const b2 = await measure(emmettAppend, concurrency, seconds);
        const a2 = await measure(oursAppend, concurrency, seconds);
        // The storage's own commit rate at this concurrency: one-row INSERT transactions (no event store at all).
        const probe = await measure(probeCommit, concurrency, seconds);
        const oursRate = average([a1, a2]);
        const emmettRate = average([b1, b2]);
        const emmettBaseline = { name: 'Emmett, 1 report/tx', value: emmettRate };
        const figure = throughput(`append, concurrency ${concurrency}, 1 report per transaction`, oursRate, 'reports/s', emmettBaseline);
        figure.target = { text: '≥ 2× Emmett', met: oursRate / emmettRate >= 2 };
        figures.push(figure);
        const batchedRates: Record<string, number> = {};
        for (const b of batched) {
          const rate = average(b.windows);
          batchedRates[`batched${b.size}`] = round(rate, 1);
          const f = throughput(
            `  batched ${b.size} per transaction, savepoint per report (as the processor does)`,
            rate,
            'reports/s',
            emmettBaseline,
          );
          f.target = { text: '≥ 2× Emmett', met: rate / emmettRate >= 2 };
          figures.push(f);
        }
        figures.push(
          throughput(`  probe: one-row INSERT commits at concurrency ${concurrency} (the storage's commit rate)`, probe.rate, 'commits/s'),
        );
        details.push({
          concurrency,
          probeCommitsPerSecond: round(probe.rate, 0),
          ours: [a1, a2],
          emmett: [b1, b2],
          ...Object.fromEntries(batched.map((b) => [`batched${b.size}`, b.windows])),
          oursEventsPerSecond: round(oursRate * 4, 0),
          emmettEventsPerSecond: round(emmettRate * 4, 0),
        });
        options.log(
          `append c=${concurrency}: ours ${Math.round(oursRate)}/s, Emmett ${Math.round(emmettRate)}/s (${round(oursRate / emmettRate, 2)}×), ${batched.map((b) => `batched ${b.size}: ${Math.round(batchedRates[`batched${b.size}`]!)}/s (${round(batchedRates[`batched${b.size}`]! / emmettRate, 2)}×)`).join(', ')}`,
        );
      } finally {
        await emmett.close().catch(() => undefined);
        await emmettPool.end().catch(() => undefined);
        await ours.end();
      }
    }
    return {
      name: 'event-store-append',
      figures,
      details: {
        seconds,
        windows: 'A-B-C-D-D-C-B-A per concurrency (ours, Emmett, batched 10, batched 50)',
        batchSizes: BATCH_SIZES,
        runs: details,
      },
    };
  },
};
