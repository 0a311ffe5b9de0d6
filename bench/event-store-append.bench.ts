/**
 * Event-store append alone: report streams (four events each, expected version `no-stream`) appended per second at
 * several concurrencies, through `@tm/event-store` and, in the same run, on the same PostgreSQL, with the same
 * payloads, pool size and concurrency, through Emmett (`@event-driven-io/emmett-postgresql`,
 * `getPostgreSQLEventStore(...).appendToStream` with `expectedStreamVersion: STREAM_DOES_NOT_EXIST`).
 *
 * Series, each a report stream per append:
 * - ours, one `GroupCommitAppender.append` call per report (the store's append for a caller that needs nothing else
 *   in the transaction, as Emmett's `appendToStream` is): appends made while a statement is in flight share the next
 *   one, each at its own expected version (one statement, one commit per group);
 * - ours in the caller's transaction (`inTransaction` + `appendToStream`: BEGIN, one statement, COMMIT) and Emmett,
 *   one transaction per report;
 * - ours batched: N reports (10, 50) per transaction, each under its own SAVEPOINT (`withSavepoint`), as the processor
 *   ran consecutive commands of a partition (`PROCESSOR_BATCH_SIZE`) before b379a88: one commit for N reports; and
 *   N reports (10, 50) per transaction in ONE `appendToStreams` statement, as the processor runs them now. The processor
 *   also reads the streams and writes the inbox rows; neither series here does. Emmett's `appendToStream` opens
 *   its own transaction per call, so its figure stays per report.
 * A probe per concurrency, one-row INSERT transactions on the same database, gives the storage's own commit rate: when
 * it falls as concurrency rises, so does every series (the machine's flushes, not the event store).
 * `concurrency` is the number of transactions in flight (for a batched series, each holding N reports).
 * Each concurrency is measured A-B-C-D…D-C-B-A (ours, Emmett, ours in a transaction, then the batched series) and
 * each series' two windows averaged, so drift of the shared machine falls on all of them.
 */
import { readFileSync } from 'node:fs';
import { Client, Pool } from 'pg';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { createPgPool } from '@tm/database';
import { appendToStream, appendToStreams, GroupCommitAppender, inTransaction, withSavepoint, type NewEvent } from '@tm/event-store';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { throughput, type BenchResult, type Figure } from './support/results';
import { benchDatabase } from './support/stack';
import { round, runPool } from './support/stats';
import { reportEvents } from './support/workload';

/** Appends one unit of work (a transaction) and resolves to the number of reports it appended. */
type Appender = (i: number) => Promise<number>;

/** The batched series: reports per transaction, and a savepoint + statement per report or one statement for all. */
const BATCHES = [10, 50].flatMap((size) => [
  { size, oneStatement: false },
  { size, oneStatement: true },
]);

/** Pre-built payloads so that building them is not timed: `count` reports of four events. */
function payloads(count: number): { streamId: string; reportId: string; events: NewEvent[] }[] {
  return Array.from({ length: count }, (_, i) => reportEvents(i));
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ). */
const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds used so far by this process and by each backend of the bench database (by pid, from
 * `pg_stat_activity` and /proc/<pid>/stat): the backends do the statements and their commits' WAL flushes, so the
 * difference over a window is the work of the series measured, apart from other load on the shared machine.
 */
async function cpuNow(monitor: Client): Promise<{ node: number; backends: Map<number, number> }> {
  const { rows } = await monitor.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  const backends = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      backends.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      // the backend ended
    }
  }
  const { user, system } = process.cpuUsage();
  return { node: (user + system) / 1000, backends };
}

interface Window {
  transactions: number;
  reports: number;
  rate: number;
  /** CPU ms per report: this process (the store's client side and the bench loop) and the database's backends. */
  cpuMsPerReport: { node: number; postgres: number };
}

async function measure(append: Appender, concurrency: number, seconds: number, monitor: Client): Promise<Window> {
  const before = await cpuNow(monitor);
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
  const rate = (reports * 1000) / (performance.now() - started);
  const after = await cpuNow(monitor);
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  const perReport = (ms: number) => round(ms / Math.max(1, reports), 3);
  return { transactions, reports, rate, cpuMsPerReport: { node: perReport(after.node - before.node), postgres: perReport(postgres) } };
}

/** The windows' CPU per report, averaged: Node + PostgreSQL backends, ms. */
const cpuPerReport = (windows: Window[]) =>
  round(windows.reduce((sum, w) => sum + w.cpuMsPerReport.node + w.cpuMsPerReport.postgres, 0) / windows.length, 3);

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
    const monitor = new Client({ connectionString: url });
    await monitor.connect();
    for (const concurrency of concurrencies) {
      const ours = createPgPool(url, concurrency);
      const emmettPool = new Pool({ connectionString: url, max: concurrency });
      const emmett: PostgresEventStore = getPostgreSQLEventStore(url, { connectionOptions: { pooled: true, pool: emmettPool } });
      const appender = new GroupCommitAppender(ours);
      const oursAppend: Appender = async () => {
        const { streamId, events } = nextPayload();
        await appender.append(streamId, 'report', 'no-stream', events);
        return 1;
      };
      const inTransactionAppend: Appender = async () => {
        const { streamId, events } = nextPayload();
        await inTransaction(ours, (client) => appendToStream(client, streamId, 'report', 'no-stream', events));
        return 1;
      };
      const batchedAppend =
        (size: number, oneStatement: boolean): Appender =>
        async () => {
          const reports = Array.from({ length: size }, nextPayload);
          await inTransaction(ours, async (client) => {
            if (oneStatement) {
              await appendToStreams(
                client,
                reports.map(({ streamId, events }) => ({ streamId, streamType: 'report', expected: 'no-stream', events })),
              );
              return;
            }
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
      const batched = BATCHES.map(({ size, oneStatement }) => ({
        size,
        key: `batched${size}${oneStatement ? 'OneStatement' : ''}`,
        label: oneStatement
          ? `batched ${size} per transaction, one appendToStreams statement (as the processor does since b379a88)`
          : `batched ${size} per transaction, savepoint per report (as the processor did before b379a88)`,
        append: batchedAppend(size, oneStatement),
        windows: [] as Window[],
      }));
      try {
        // Warm-up (connections, Emmett's schema creation, plan caches): not timed.
        const warm = (append: Appender) => async (i: number) => void (await append(i));
        await runPool(200, concurrency, warm(oursAppend));
        await runPool(200, concurrency, warm(emmettAppend));
        await runPool(200, concurrency, warm(inTransactionAppend));
        for (const b of batched) await runPool(Math.ceil(200 / b.size), concurrency, warm(b.append));
        const a1 = await measure(oursAppend, concurrency, seconds, monitor);
        const b1 = await measure(emmettAppend, concurrency, seconds, monitor);
        const c1 = await measure(inTransactionAppend, concurrency, seconds, monitor);
        for (const b of batched) b.windows.push(await measure(b.append, concurrency, seconds, monitor));
        for (const b of [...batched].reverse()) b.windows.push(await measure(b.append, concurrency, seconds, monitor));
        const c2 = await measure(inTransactionAppend, concurrency, seconds, monitor);
        const b2 = await measure(emmettAppend, concurrency, seconds, monitor);
        const a2 = await measure(oursAppend, concurrency, seconds, monitor);
        // The storage's own commit rate at this concurrency: one-row INSERT transactions (no event store at all).
        const probe = await measure(probeCommit, concurrency, seconds, monitor);
        const oursRate = average([a1, a2]);
        const emmettRate = average([b1, b2]);
        const emmettBaseline = { name: 'Emmett, 1 report/tx', value: emmettRate };
        const figure = throughput(
          `append, concurrency ${concurrency}, 1 append call per report (group commit)`,
          oursRate,
          'reports/s',
          emmettBaseline,
        );
        figure.target = { text: '≥ 2× Emmett', met: oursRate / emmettRate >= 2 };
        figures.push(figure);
        const inTransactionRate = average([c1, c2]);
        const own = throughput(
          `  1 report per transaction (BEGIN, appendToStream, COMMIT)`,
          inTransactionRate,
          'reports/s',
          emmettBaseline,
        );
        own.target = { text: '≥ 2× Emmett', met: inTransactionRate / emmettRate >= 2 };
        figures.push(own);
        const batchedRates: Record<string, number> = {};
        for (const b of batched) {
          const rate = average(b.windows);
          batchedRates[b.key] = round(rate, 1);
          const f = throughput(`  ${b.label}`, rate, 'reports/s', emmettBaseline);
          f.target = { text: '≥ 2× Emmett', met: rate / emmettRate >= 2 };
          figures.push(f);
        }
        const oursCpu = cpuPerReport([a1, a2]);
        const emmettCpu = cpuPerReport([b1, b2]);
        figures.push({
          figure: `  CPU per report (bench process + PostgreSQL backends), ours with group commit; baseline Emmett's`,
          value: oursCpu,
          unit: 'ms',
          baseline: { name: 'Emmett', value: emmettCpu },
          ratio: round(emmettCpu / oursCpu, 2),
          note: `ours 1 per transaction: ${cpuPerReport([c1, c2])} ms`,
        });
        figures.push(
          throughput(`  probe: one-row INSERT commits at concurrency ${concurrency} (the storage's commit rate)`, probe.rate, 'commits/s'),
        );
        details.push({
          concurrency,
          probeCommitsPerSecond: round(probe.rate, 0),
          ours: [a1, a2],
          emmett: [b1, b2],
          inTransaction: [c1, c2],
          ...Object.fromEntries(batched.map((b) => [b.key, b.windows])),
          cpuMsPerReport: { ours: oursCpu, emmett: emmettCpu, inTransaction: cpuPerReport([c1, c2]) },
          oursEventsPerSecond: round(oursRate * 4, 0),
          emmettEventsPerSecond: round(emmettRate * 4, 0),
        });
        options.log(
          `append c=${concurrency}: ours ${Math.round(oursRate)}/s, Emmett ${Math.round(emmettRate)}/s (${round(oursRate / emmettRate, 2)}×, CPU/report ${oursCpu} vs ${emmettCpu} ms), in a transaction: ${Math.round(inTransactionRate)}/s (${round(inTransactionRate / emmettRate, 2)}×), ${batched.map((b) => `${b.key}: ${Math.round(batchedRates[b.key]!)}/s (${round(batchedRates[b.key]! / emmettRate, 2)}×)`).join(', ')}`,
        );
      } finally {
        await emmett.close().catch(() => undefined);
        await emmettPool.end().catch(() => undefined);
        await ours.end();
      }
    }
    await monitor.end();
    return {
      name: 'event-store-append',
      figures,
      details: {
        seconds,
        windows: `A-B-C-D…D-C-B-A per concurrency (ours with group commit, Emmett, ours 1 per transaction, ${BATCHES.map((b) => `batched ${b.size}${b.oneStatement ? ' one statement' : ''}`).join(', ')})`,
        batches: BATCHES,
        runs: details,
      },
    };
  },
};
