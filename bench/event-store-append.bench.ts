/**
 * Event-store append alone: report streams (four events each, expected version `no-stream`, one transaction per
 * report) appended per second at several concurrencies, through `@tm/event-store` and, in the same run, on the same
 * PostgreSQL, with the same payloads, pool size and concurrency, through Emmett (`@event-driven-io/emmett-postgresql`,
 * `getPostgreSQLEventStore(...).appendToStream` with `expectedStreamVersion: STREAM_DOES_NOT_EXIST`).
 * A third series appends the same way to a database without the `events_appended` NOTIFY trigger: a diagnosis of
 * what limits the first one (PostgreSQL takes a database-wide lock on the notification queue in every committing
 * transaction that notified, and holds it through the commit's WAL flush, so such commits cannot group).
 * Each concurrency is measured A-B-C-C-B-A (ours, Emmett, ours without the trigger…) and each side's two windows averaged, so drift of
 * the shared machine falls on both.
 */
import { Pool } from 'pg';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { createPgPool } from '@tm/database';
import { appendToStream, inTransaction, type NewEvent } from '@tm/event-store';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { throughput, type BenchResult, type Figure } from './support/results';
import { benchDatabase } from './support/stack';
import { round, runPool } from './support/stats';
import { reportEvents } from './support/workload';

type Appender = (i: number) => Promise<void>;

/** Pre-built payloads so that building them is not timed: `count` reports of four events. */
function payloads(count: number): { streamId: string; reportId: string; events: NewEvent[] }[] {
  return Array.from({ length: count }, (_, i) => reportEvents(i));
}

async function measure(append: Appender, concurrency: number, seconds: number, offset: number): Promise<{ reports: number; rate: number }> {
  const started = performance.now();
  const reports = await runPool(Number.MAX_SAFE_INTEGER, concurrency, (i) => append(offset + i), Date.now() + seconds * 1000);
  return { reports, rate: (reports * 1000) / (performance.now() - started) };
}

export const eventStoreAppend: Benchmark = {
  name: 'event-store-append',
  title: 'Event-store append vs Emmett',
  async run(options: BenchOptions): Promise<BenchResult> {
    const url = await benchDatabase('append');
    // Diagnosis: the same appends on a database without the `events_appended` NOTIFY trigger (migration
    // 1764400100000), whose commit-time lock on the notification queue serialises committing appenders.
    const noNotifyUrl = await benchDatabase('append_no_notify');
    const admin = new Pool({ connectionString: noNotifyUrl, max: 1 });
    await admin.query('DROP TRIGGER events_appended ON events');
    await admin.end();
    const concurrencies = options.quick ? [1, 8] : [1, 4, 16, 32];
    const seconds = options.quick ? 1 : options.seconds;
    // Streams must be new for every append: enough payloads for the fastest window, generated up front.
    const pool = payloads(options.quick ? 20_000 : 200_000);
    let cursor = 0;
    const nextPayload = () => {
      const p = pool[cursor++ % pool.length]!;
      // Same payload, new stream: fresh ids (the event id is unique in both stores).
      const suffix = `${cursor}`;
      return { streamId: `${p.streamId}-${suffix}`, events: p.events.map((e) => ({ ...e, eventId: undefined })) };
    };
    const figures: Figure[] = [];
    const details: Record<string, unknown>[] = [];
    for (const concurrency of concurrencies) {
      const ours = createPgPool(url, concurrency);
      const noNotify = createPgPool(noNotifyUrl, concurrency);
      const emmettPool = new Pool({ connectionString: url, max: concurrency });
      const emmett: PostgresEventStore = getPostgreSQLEventStore(url, { connectionOptions: { pooled: true, pool: emmettPool } });
      const oursAppend: Appender = async () => {
        const { streamId, events } = nextPayload();
        await inTransaction(ours, (client) => appendToStream(client, streamId, 'report', 'no-stream', events));
      };
      const noNotifyAppend: Appender = async () => {
        const { streamId, events } = nextPayload();
        await inTransaction(noNotify, (client) => appendToStream(client, streamId, 'report', 'no-stream', events));
      };
      const emmettAppend: Appender = async () => {
        const { streamId, events } = nextPayload();
        await emmett.appendToStream(
          streamId,
          events.map((e) => ({ type: e.type, data: e.payload as Record<string, unknown>, metadata: e.metadata })),
          { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
        );
      };
      try {
        // Warm-up (connections, Emmett's schema creation, plan caches): not timed.
        await runPool(200, concurrency, oursAppend);
        await runPool(200, concurrency, emmettAppend);
        await runPool(200, concurrency, noNotifyAppend);
        const a1 = await measure(oursAppend, concurrency, seconds, 0);
        const b1 = await measure(emmettAppend, concurrency, seconds, 0);
        const c1 = await measure(noNotifyAppend, concurrency, seconds, 0);
        const c2 = await measure(noNotifyAppend, concurrency, seconds, 0);
        const b2 = await measure(emmettAppend, concurrency, seconds, 0);
        const a2 = await measure(oursAppend, concurrency, seconds, 0);
        const noNotifyRate = (c1.rate + c2.rate) / 2;
        const oursRate = (a1.rate + a2.rate) / 2;
        const emmettRate = (b1.rate + b2.rate) / 2;
        const ratio = oursRate / emmettRate;
        const figure = throughput(`append, concurrency ${concurrency} (4 events/report)`, oursRate, 'reports/s', { name: 'Emmett', value: emmettRate });
        figure.target = { text: '≥ 2× Emmett', met: ratio >= 2 };
        figures.push(figure);
        const diagnosis = throughput(`  diagnosis: same, without the NOTIFY trigger`, noNotifyRate, 'reports/s', { name: 'Emmett', value: emmettRate });
        figures.push(diagnosis);
        details.push({ concurrency, ours: [a1, a2], emmett: [b1, b2], withoutNotifyTrigger: [c1, c2], oursEventsPerSecond: round(oursRate * 4, 0), emmettEventsPerSecond: round(emmettRate * 4, 0) });
        options.log(`append c=${concurrency}: ours ${Math.round(oursRate)}/s, Emmett ${Math.round(emmettRate)}/s (${round(ratio, 2)}×), without NOTIFY ${Math.round(noNotifyRate)}/s`);
      } finally {
        await emmett.close().catch(() => undefined);
        await emmettPool.end().catch(() => undefined);
        await ours.end();
        await noNotify.end();
      }
    }
    return { name: 'event-store-append', figures, details: { seconds, windows: 'A-B-C-C-B-A per concurrency', runs: details } };
  },
};
