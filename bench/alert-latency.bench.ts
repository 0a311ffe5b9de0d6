/**
 * Alert latency end to end (issue 9): a report naming a sanctioned person is POSTed to the real API; the time until
 * the signed `alert.raised` webhook for that report reaches a receiver in this process (node:http on 127.0.0.1)
 * is measured, p50/p95/p99, at offered rates (50, 100, 200 reports/s; `--quick`: 200/s for 5 s).
 * Target: p99 POST → webhook received ≤ 1 s at 200 reports/s, and every sanctioned report alerted.
 *
 * Path: api → tm.commands → processor (event store) → outbox relay → tm.events → screening (alert event + row) →
 * notifier (reads the event store after its checkpoint, records the delivery, claims it, signs, POSTs) → receiver.
 * Apps run as child processes (`startApps`: processor, outbox-relay, projector, screening, notifier, api), with
 * PostgreSQL and Kafka on the same machine. The bundled lists are imported in-process before the apps start, the
 * way `npm start` does (OFAC SDN 2024-05-03 with the 2025-12 alias files, OFAC non-SDN, UN, the OpenSanctions
 * sample); the screening app builds its index from them at start, and the run waits until the list events have
 * gone through the relay, the screening consumer group and the notifier's checkpoint before it measures.
 * The subscription is created through `POST /v1/webhooks/subscriptions` (loopback allowed by
 * `WEBHOOK_ALLOWED_ADDRESSES=127.0.0.1`); every received webhook is verified with `standardwebhooks` against the
 * secret the API returned, and matched to its report by `data.reportId`.
 * Mix: an open loop; one report in ten names a real SDN individual (as a claim's supplier, entity type person, and
 * in the report text), the other nine are the ordinary reports of `workload.ts` (recipient renamed: see RECIPIENT).
 * A POST the API refuses (503 when the broker does not take the command in time) is counted, not timed. Only sanctioned reports are
 * timed; the projector runs too, as in a deployment, so the pipeline carries the whole load.
 * Baseline in the same run, on the same reports: POST → report view visible in the active read-model schema
 * (polled every 5 ms), i.e. the same front half (API, commands topic, processor, relay, events topic) ending in the
 * projector instead of screening + notifier. The ratio therefore prices what alerting adds on top of ingest, on the
 * same machine under the same load; a raw broker round trip would only give a floor that no figure is near.
 * Stage breakdown (details and limits): per timed alert, the Kafka timestamps of its SubmitReport command and of
 * its ReportSubmitted event on tm.events, the `recorded_at` of ReportSubmitted and of AlertRaised, the
 * `created_at` of the webhook delivery and the first attempt's `attempted_at`, all on this machine's clock.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { Webhook } from 'standardwebhooks';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { BENCH_API_KEY, startApps, type RunningApps } from './support/apps';
import { latency, type BenchResult, type Figure } from './support/results';
import { consumerLag } from './support/consumer-lag';
import { importLists } from './support/lists';
import { benchDatabase, kafkaBrokers } from './support/stack';
import { percentiles, round, sleep, type Percentiles } from './support/stats';
import { reportBody } from './support/workload';

/**
 * Individuals on the bundled OFAC SDN list (2024-05-03), written as a reporter would; each one matches its SDN entry
 * (e.g. 35096 PUTIN, Vladimir Vladimirovich; 21171 PRIGOZHIN, Yevgeniy Viktorovich) at score ≥ 0.85 as a person.
 */
const SANCTIONED = [
  'Vladimir Putin',
  'Yevgeniy Prigozhin',
  'Ramzan Kadyrov',
  'Sergei Shoigu',
  'Kim Jong Un',
  'Bashar al-Assad',
  'Igor Sechin',
  'Oleg Deripaska',
  'Viktor Vekselberg',
  'Dmitry Medvedev',
  'Alisher Usmanov',
  'Arkady Rotenberg',
  'Gennady Timchenko',
  'Sergey Lavrov',
  'Valery Gerasimov',
  'Yuri Kovalchuk',
  'Nikolai Patrushev',
];

/** Wall-clock milliseconds with sub-millisecond resolution (comparable with PostgreSQL and Kafka timestamps). */
const wallNow = (): number => performance.timeOrigin + performance.now();

/**
 * The recipient of every claim. workload.ts names it "Defense Ministry", which the matcher scores 0.93 against the UN
 * entry KPe.054 (DPRK "MINISTRY OF NATIONAL DEFENCE", alias "MINISTRY OF DEFENSE") whatever the recipient's country:
 * every ordinary report would raise three alerts and the mix would not be one in ten. This name matches no entry.
 */
const RECIPIENT = 'State Procurement Directorate';

type Party = { country: string; entity: { name: string; type: string } };

/** Report `i`; every tenth names a sanctioned individual as the first claim's supplier (a person) and in its text. */
function bodyOf(i: number): { body: Record<string, unknown>; sanctioned?: string } {
  const name = i % 10 === 0 ? SANCTIONED[(i / 10) % SANCTIONED.length]! : undefined;
  const body = reportBody(i, name ? { sanctionedName: name } : {});
  const claims = body.claims as { supplier: Party; recipient: Party }[];
  for (const c of claims) c.recipient = { ...c.recipient, entity: { name: RECIPIENT, type: 'government-body' } };
  // The supplier's country must differ from the recipient's (a transfer crosses a border: the API refuses RU → RU).
  if (name) claims[0]!.supplier = { country: claims[0]!.recipient.country === 'RU' ? 'BY' : 'RU', entity: { name, type: 'person' } };
  return { body, ...(name ? { sanctioned: name } : {}) };
}

interface Arrival {
  at: number;
  alertId: string;
  webhookId: string;
}

/** The local webhook subscriber: verifies each delivery and keeps the first arrival per report. */
class Receiver {
  readonly first = new Map<string, Arrival>();
  received = 0;
  invalid = 0;
  duplicates = 0;
  private readonly seen = new Set<string>();
  private verifier?: Webhook;
  private server?: Server;

  async listen(): Promise<string> {
    this.server = createServer((req, res) => this.onRequest(req, () => res.writeHead(204).end()));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/alerts`;
  }

  useSecret(secret: string): void {
    this.verifier = new Webhook(secret);
  }

  private onRequest(req: IncomingMessage, done: () => void): void {
    const at = wallNow();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      done();
      this.received += 1;
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(req.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
      };
      let payload: { type: string; data: { reportId?: string; alertId?: string } };
      try {
        if (!this.verifier || !headers['webhook-signature']) throw new Error('unsigned');
        payload = this.verifier.verify(raw, headers) as typeof payload;
      } catch {
        this.invalid += 1;
        return;
      }
      if (this.seen.has(headers['webhook-id'])) this.duplicates += 1;
      this.seen.add(headers['webhook-id']);
      const reportId = payload.data.reportId;
      if (payload.type === 'alert.raised' && reportId && !this.first.has(reportId))
        this.first.set(reportId, { at, alertId: String(payload.data.alertId), webhookId: headers['webhook-id'] });
    });
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface Sent {
  reportId: string;
  postAt: number;
  name: string;
}

interface Window {
  offered: number;
  seconds: number;
  sent: number;
  accepted: number;
  sanctioned: number;
  alerted: number;
  visible: number;
  alerts: Percentiles;
  reportView: Percentiles;
  /** Reports not timed (ordinary ones) whose alert arrived anyway: false alarms of the matcher, if any. */
  ordinaryAlerted: number;
  timed: Sent[];
}

interface Context {
  apps: RunningApps;
  pool: Pool;
  receiver: Receiver;
  log: (line: string) => void;
}

/** Sends `rate × seconds` reports in an open loop, then waits up to `drainMs` for their alerts and report views. */
async function offer(ctx: Context, rate: number, seconds: number, first: number, drainMs = 60_000): Promise<Window> {
  const total = Math.round(rate * seconds);
  const timed: Sent[] = [];
  const ordinary = new Set<string>();
  const visibleAt = new Map<string, number>();
  let accepted = 0;
  let polling = true;
  // Poll the timed reports not yet visible, by id: projector runs of different partitions commit in any order, so
  // "submitted_position above the highest seen" would miss a report that becomes visible after a later one.
  const poller = (async () => {
    while (polling) {
      const pending = timed.filter((t) => !visibleAt.has(t.reportId)).map((t) => t.reportId);
      if (pending.length > 0) {
        const { rows } = await ctx.pool.query<{ report_id: string }>('SELECT report_id FROM rm_v1.report_views WHERE report_id = ANY($1)', [
          pending,
        ]);
        const now = wallNow();
        for (const r of rows) visibleAt.set(r.report_id, now);
      }
      await sleep(5);
    }
  })();
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const { body, sanctioned } = bodyOf(first + i);
    const postAt = wallNow();
    inflight.push(
      fetch(`${ctx.apps.apiUrl}/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
        body: JSON.stringify(body),
      })
        .then(async (res) => {
          const answer = (await res.json()) as { aggregateId?: string };
          if (res.status !== 202 || !answer.aggregateId) return;
          accepted += 1;
          if (sanctioned) timed.push({ reportId: answer.aggregateId, postAt, name: sanctioned });
          else ordinary.add(answer.aggregateId);
        })
        .catch(() => undefined),
    );
  }
  await Promise.all(inflight);
  const deadline = Date.now() + drainMs;
  while (Date.now() < deadline && timed.some((s) => !ctx.receiver.first.has(s.reportId) || !visibleAt.has(s.reportId))) await sleep(20);
  polling = false;
  await poller;
  const alertLat: number[] = [];
  const viewLat: number[] = [];
  for (const s of timed) {
    const a = ctx.receiver.first.get(s.reportId);
    if (a) alertLat.push(a.at - s.postAt);
    const v = visibleAt.get(s.reportId);
    if (v !== undefined) viewLat.push(v - s.postAt);
  }
  const ordinaryAlerted = [...ordinary].filter((id) => ctx.receiver.first.has(id)).length;
  return {
    offered: rate,
    seconds,
    sent: total,
    accepted,
    sanctioned: timed.length,
    alerted: alertLat.length,
    visible: viewLat.length,
    alerts: percentiles(alertLat),
    reportView: percentiles(viewLat),
    ordinaryAlerted,
    timed,
  };
}

/** Waits until the relay, the screening consumer group and the notifier have caught up with the event store. */
async function settle(ctx: Context, kafka: Kafka, timeoutMs: number): Promise<void> {
  const prefix = ctx.apps.env.KAFKA_TOPIC_PREFIX!;
  const topic = `${prefix}events`;
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  let state = '';
  try {
    while (Date.now() < deadline) {
      const { rows } = await ctx.pool.query<{ head: string; relay: string | null; notifier: string | null }>(
        `SELECT (SELECT coalesce(max(global_position), 0) FROM events) AS head,
                (SELECT global_position FROM checkpoints WHERE reader = 'outbox-relay') AS relay,
                (SELECT global_position FROM checkpoints WHERE reader = 'notifier-alert-deliveries') AS notifier`,
      );
      const { head, relay, notifier } = rows[0]!;
      const lag = await consumerLag(admin, `${prefix}screening`, topic);
      state = `event store head ${head}, relay at ${relay ?? 0}, screening lag ${lag}, notifier at ${notifier ?? 0}`;
      if (relay === head && notifier === head && lag === 0) return;
      await sleep(500);
    }
    // Why: sessions holding a transaction id (the readers only see events below the cluster-wide xmin), and the
    // events the relay has not read.
    const open = await ctx.pool.query(
      `SELECT pid, application_name, state, backend_xid::text AS xid, backend_xmin::text AS xmin, now() - xact_start AS open_for, left(query, 160) AS query
       FROM pg_stat_activity WHERE backend_xid IS NOT NULL OR backend_xmin IS NOT NULL ORDER BY xact_start`,
    );
    const held = await ctx.pool.query(
      `SELECT global_position, transaction_id::text AS xid, stream_id, event_type, recorded_at, pg_snapshot_xmin(pg_current_snapshot())::text AS horizon
       FROM events WHERE global_position > coalesce((SELECT global_position FROM checkpoints WHERE reader = 'outbox-relay'), 0) ORDER BY global_position LIMIT 10`,
    );
    throw new Error(
      `pipeline did not settle within ${timeoutMs} ms: ${state}; sessions with a transaction: ${JSON.stringify(open.rows)}; events after the relay checkpoint: ${JSON.stringify(held.rows)}`,
    );
  } finally {
    await admin.disconnect();
  }
}

interface Stages {
  /** Per timed alert: ms from POST to each stage. */
  post: number;
  command?: number;
  stored?: number;
  published?: number;
  alert?: number;
  recorded?: number;
  sent?: number;
  received: number;
}

/** Kafka timestamps (ms) of the SubmitReport commands and ReportSubmitted events of `reportIds`. */
async function kafkaTimes(
  kafka: Kafka,
  prefix: string,
  reportIds: Set<string>,
  timeoutMs = 30_000,
): Promise<{ command: Map<string, number>; published: Map<string, number> }> {
  const command = new Map<string, number>();
  const published = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: `bench-alert-latency-trace-${Date.now()}`, maxBytes: 20 * 1024 * 1024 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [`${prefix}commands`, `${prefix}events`], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const isCommands = batch.topic.endsWith('commands');
        for (const m of batch.messages) {
          const key = m.key?.toString() ?? '';
          const id = isCommands ? key : key.replace(/^report-/, '');
          if (!reportIds.has(id)) continue;
          const type = m.headers?.['message-type']?.toString();
          if (isCommands && type === 'SubmitReport') command.set(id, Number(m.timestamp));
          if (!isCommands && type === 'ReportSubmitted') published.set(id, Number(m.timestamp));
        }
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && (command.size < reportIds.size || published.size < reportIds.size)) await sleep(100);
  } finally {
    await consumer.disconnect();
  }
  return { command, published };
}

/** The stage timestamps of every timed alert that arrived. */
async function traceStages(ctx: Context, kafka: Kafka, windows: Window[]): Promise<Map<number, Stages[]>> {
  const all = windows.flatMap((w) => w.timed.filter((s) => ctx.receiver.first.has(s.reportId)));
  const ids = new Set(all.map((s) => s.reportId));
  const { command, published } = await kafkaTimes(kafka, ctx.apps.env.KAFKA_TOPIC_PREFIX!, ids);
  const alertIds = all.map((s) => ctx.receiver.first.get(s.reportId)!.alertId);
  const stored = await ctx.pool.query<{ report_id: string; at: Date }>(
    `SELECT substr(stream_id, 8) AS report_id, recorded_at AS at FROM events WHERE stream_id = ANY($1::text[]) AND version = 1`,
    [all.map((s) => `report-${s.reportId}`)],
  );
  const storedAt = new Map(stored.rows.map((r) => [r.report_id, r.at.getTime()]));
  const { rows } = await ctx.pool.query<{ alert_id: string; alert_at: Date; recorded_at: Date | null; sent_at: Date | null }>(
    `SELECT a.alert_id, e.recorded_at AS alert_at, min(d.created_at) AS recorded_at, min(t.attempted_at) AS sent_at
     FROM unnest($1::text[]) AS a(alert_id)
     JOIN events e ON e.stream_id = 'alert-' || a.alert_id AND e.version = 1
     LEFT JOIN webhook_messages m ON m.alert_id = a.alert_id AND m.event_type = 'alert.raised'
     LEFT JOIN webhook_deliveries d ON d.message_id = m.message_id
     LEFT JOIN webhook_attempts t ON t.delivery_id = d.delivery_id
     GROUP BY a.alert_id, e.recorded_at`,
    [alertIds],
  );
  const byAlert = new Map(rows.map((r) => [r.alert_id, r]));
  const out = new Map<number, Stages[]>();
  for (const w of windows) {
    const list: Stages[] = [];
    for (const s of w.timed) {
      const arrival = ctx.receiver.first.get(s.reportId);
      if (!arrival) continue;
      const r = byAlert.get(arrival.alertId);
      const rel = (t: number | undefined) => (t === undefined ? undefined : t - s.postAt);
      list.push({
        post: 0,
        command: rel(command.get(s.reportId)),
        stored: rel(storedAt.get(s.reportId)),
        published: rel(published.get(s.reportId)),
        alert: rel(r?.alert_at.getTime()),
        recorded: rel(r?.recorded_at?.getTime()),
        sent: rel(r?.sent_at?.getTime()),
        received: arrival.at - s.postAt,
      });
    }
    out.set(w.offered, list);
  }
  return out;
}

const STAGES: { key: keyof Stages; from: keyof Stages; what: string }[] = [
  { key: 'command', from: 'post', what: 'POST → command on tm.commands (api)' },
  { key: 'stored', from: 'command', what: 'command → ReportSubmitted stored (processor)' },
  { key: 'published', from: 'stored', what: 'stored → on tm.events (outbox relay)' },
  { key: 'alert', from: 'published', what: 'on tm.events → AlertRaised stored (screening)' },
  { key: 'recorded', from: 'alert', what: 'AlertRaised → delivery recorded (notifier projection)' },
  { key: 'sent', from: 'recorded', what: 'delivery recorded → POST started (notifier dispatcher)' },
  { key: 'received', from: 'sent', what: 'POST started → received (HTTP)' },
];

function stageBreakdown(list: Stages[]): { stage: string; p50: number; p95: number; p99: number; count: number }[] {
  return STAGES.map(({ key, from, what }) => {
    const gaps = list.map((s) => (s[key] !== undefined && s[from] !== undefined ? s[key]! - s[from]! : Number.NaN)).filter(Number.isFinite);
    const p = percentiles(gaps);
    return { stage: what, p50: round(p.p50, 1), p95: round(p.p95, 1), p99: round(p.p99, 1), count: p.count };
  });
}

export const alertLatency: Benchmark = {
  name: 'alert-latency',
  title: 'Alert latency: POST naming a sanctioned person → webhook received',
  async run(options: BenchOptions): Promise<BenchResult> {
    const url = await benchDatabase('alert_latency');
    const brokers = await kafkaBrokers();
    const lists = await importLists(url, options.log);
    const receiver = new Receiver();
    const hookUrl = await receiver.listen();
    const kafka = new Kafka({ clientId: 'bench-alert-latency', brokers: brokers.split(','), logLevel: 0 });
    const rates = options.rates ?? (options.quick ? [200] : [50, 100, 200]);
    const seconds = options.quick ? 5 : Math.max(options.seconds, 15);
    const windows: Window[] = [];
    let stages = new Map<number, Stages[]>();
    let subscription: Record<string, unknown> = {};
    const appsStarted = performance.now();
    const apps = await startApps(['processor', 'outbox-relay', 'projector', 'screening', 'notifier', 'api'], url, brokers, {
      WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1',
    });
    options.log(`alert-latency: apps ready in ${Math.round(performance.now() - appsStarted)} ms`);
    const pool = new Pool({ connectionString: url, max: 3 });
    const ctx: Context = { apps, pool, receiver, log: options.log };
    try {
      const res = await fetch(`${apps.apiUrl}/v1/webhooks/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
        body: JSON.stringify({ url: hookUrl, description: 'alert-latency bench receiver', eventTypes: ['alert.raised'] }),
      });
      const created = (await res.json()) as { subscriptionId?: string; id?: string; secret?: string };
      if (res.status !== 201 || !created.secret)
        throw new Error(`creating the webhook subscription: ${res.status} ${JSON.stringify(created)}`);
      receiver.useSecret(created.secret);
      subscription = { ...created, secret: 'whsec_…' };
      const settleStarted = performance.now();
      await settle(ctx, kafka, 300_000);
      options.log(
        `alert-latency: list events relayed, screened and past the notifier in ${Math.round(performance.now() - settleStarted)} ms`,
      );
      // Warm-up: JIT, connections, consumer assignments, the first delivery's keep-alive connection.
      const warm = await offer(ctx, 20, 3, 10_000_000, 120_000);
      options.log(`alert-latency warm-up: ${warm.alerted}/${warm.sanctioned} alerted, p50 ${round(warm.alerts.p50, 1)} ms`);
      if (warm.alerted === 0) throw new Error('no alert reached the receiver during the warm-up: screening or notifier is not delivering');
      await settle(ctx, kafka, 60_000);
      let first = 0;
      for (const rate of rates) {
        const w = await offer(ctx, rate, seconds, first);
        first += w.sent;
        windows.push(w);
        options.log(
          `alert-latency offered ${rate}/s: accepted ${w.accepted}/${w.sent}, alerted ${w.alerted}/${w.sanctioned}, p50 ${round(w.alerts.p50, 1)} p95 ${round(w.alerts.p95, 1)} p99 ${round(w.alerts.p99, 1)} ms; report view p99 ${round(w.reportView.p99, 1)} ms`,
        );
        await settle(ctx, kafka, 120_000).catch((error: unknown) => options.log(`alert-latency: ${(error as Error).message}`));
        await sleep(1_000);
      }
      stages = await traceStages(ctx, kafka, windows);
    } finally {
      await pool.end();
      await apps.stop();
      await receiver.close();
    }

    const figures: Figure[] = [];
    const limits: string[] = [];
    const breakdowns: Record<string, ReturnType<typeof stageBreakdown>> = {};
    for (const w of windows) {
      const base = (v: number) => ({ name: 'POST → report view', value: v });
      const missing = w.sanctioned - w.alerted;
      figures.push({
        figure: `offered ${w.offered}/s: POSTs accepted (202)`,
        value: w.accepted,
        unit: `of ${w.sent}`,
        target: { text: 'all', met: w.accepted === w.sent },
      });
      figures.push({
        figure: `offered ${w.offered}/s: sanctioned reports alerted`,
        value: w.alerted,
        unit: `of ${w.sanctioned}`,
        target: { text: 'all', met: missing === 0 && w.sanctioned > 0 },
      });
      figures.push(latency(`offered ${w.offered}/s: POST → webhook p50`, w.alerts.p50, 'ms', base(w.reportView.p50)));
      figures.push(latency(`offered ${w.offered}/s: POST → webhook p95`, w.alerts.p95, 'ms', base(w.reportView.p95)));
      const p99 = latency(
        `offered ${w.offered}/s: POST → webhook p99`,
        w.alerts.p99,
        'ms',
        base(w.reportView.p99),
        w.offered === 200 ? { max: 1_000, text: '≤ 1 s at 200/s, none missing' } : undefined,
      );
      if (p99.target && missing > 0) p99.target.met = false;
      figures.push(p99);
      const breakdown = stageBreakdown(stages.get(w.offered) ?? []);
      breakdowns[String(w.offered)] = breakdown;
    }
    const top = windows[windows.length - 1];
    if (top) {
      const b = breakdowns[String(top.offered)]!;
      const total = b.reduce((s, x) => s + (Number.isFinite(x.p50) ? x.p50 : 0), 0);
      for (const x of [...b].sort((p, q) => q.p50 - p.p50))
        limits.push(
          `at ${top.offered}/s ${x.stage}: p50 ${x.p50} ms (${Math.round((x.p50 / total) * 100)}% of the summed medians), p95 ${x.p95}, p99 ${x.p99} ms`,
        );
      if (top.ordinaryAlerted)
        limits.push(`${top.ordinaryAlerted} ordinary reports were alerted too (false alarms of the matcher on workload names)`);
    }
    if (receiver.invalid) limits.push(`${receiver.invalid} webhooks failed signature verification`);
    if (options.quick) limits.push('quick run: one short window; record figures from a full run');
    return {
      name: 'alert-latency',
      figures,
      limits,
      details: {
        seconds,
        mix: 'one report in ten names a sanctioned individual (timed); nine ordinary reports (workload.ts)',
        lists,
        subscription,
        webhooks: { received: receiver.received, invalidSignature: receiver.invalid, duplicateWebhookIds: receiver.duplicates },
        windows: windows.map(({ timed: _timed, ...w }) => w),
        stages: breakdowns,
      },
    };
  },
};
