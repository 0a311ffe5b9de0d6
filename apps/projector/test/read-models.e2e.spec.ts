import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Admin, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import { ENTITY_DECISIONS_STREAM, ENTITY_DECISIONS_STREAM_TYPE, EntityEvents } from '@tm/domain';
import { appendToStream, inTransaction } from '@tm/event-store';
import { createKafka, createProducer, toEventMessage, topicNames } from '@tm/messaging';
import type { Environment } from '@tm/platform';
import {
  activeProjectionVersion,
  applyEvents,
  hasApplied,
  projectionPosition,
  readReportView,
  RebuildService,
  type LedgerRow,
} from '@tm/read-models';
import { createTestDatabase, samplesOf, useTestEnvironment, type TestDatabase } from '@tm/testing';
import request from 'supertest';
import pino from 'pino';
import { ProjectorModule } from '../src/projector.module';
import { readModelsGroup } from '../src/read-models/read-models.handler';
import {
  appendReportEvents,
  eventually,
  groupCaughtUp,
  publishEvents,
  readEvents,
  readStreamEventsWhenReadable,
  tableRows,
} from './support/events';
import { compareRows, expectedLedger, reduceRow, scenario } from './support/scenario';

const TABLES = ['report_views', 'claim_states', 'ledger_rows', 'timeline_entries', 'entity_directory', 'stream_versions'];

describe('projector: read models from the events topic (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let env: Environment;
  let pool: Pool;
  let app: INestApplication;
  let producer: Producer;
  let admin: Admin;
  const steps = scenario('r');

  async function ledgerOf(country: string, schema?: string) {
    const active = schema ?? (await activeProjectionVersion(pool)).schemaName;
    const { rows } = await pool.query<{ row: LedgerRow }>(`SELECT row FROM ${active}.ledger_rows WHERE country = $1`, [country]);
    return rows.map((r) => reduceRow(r.row)).sort(compareRows);
  }

  async function waitForProjection(): Promise<void> {
    await eventually(
      () => groupCaughtUp(admin, readModelsGroup(env.KAFKA_TOPIC_PREFIX), topicNames(env.KAFKA_TOPIC_PREFIX).events),
      30_000,
      'projector caught up',
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    env = useTestEnvironment(database.url);
    pool = createPgPool(database.url, 4);
    const moduleRef = await Test.createTestingModule({ imports: [ProjectorModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const kafka = createKafka(env);
    producer = createProducer(kafka);
    await producer.connect();
    admin = kafka.admin();
    await admin.connect();
    for (const step of steps) await appendReportEvents(pool, step.reportId, step.events);
    await publishEvents(producer, topicNames(env.KAFKA_TOPIC_PREFIX).events, await readEvents(pool));
    await waitForProjection();
  });
  afterAll(async () => {
    await app?.close();
    await producer?.disconnect();
    await admin?.disconnect();
    await pool?.end();
    await database?.drop();
  });

  it.each(['CN', 'RU', 'IR', 'BY'])('keeps the %s ledger equal to the totals computed from the inputs', async (country) => {
    expect(await ledgerOf(country)).toEqual(expectedLedger(steps, country));
  });

  it('serves its lags and POST → visible latencies at GET /metrics (Prometheus text)', async () => {
    const response = await request(app.getHttpServer())
      .get('/metrics')
      .expect(200)
      .expect('content-type', /^text\/plain/);
    const metrics = response.text;
    const group = readModelsGroup(env.KAFKA_TOPIC_PREFIX);
    const events = steps.reduce((n, step) => n + step.events.length, 0);
    // Every report event was appended with the time its command was accepted, and became visible once (or more: redelivery).
    expect(samplesOf(metrics, 'tm_report_visible_seconds_count', { app: 'projector' })[0]?.value).toBeGreaterThanOrEqual(events);
    // Caught up: no uncommitted message on any partition of the events topic, no position behind the store's head.
    const lag = samplesOf(metrics, 'tm_consumer_lag_messages', { group, topic: topicNames(env.KAFKA_TOPIC_PREFIX).events });
    expect(lag.length).toBe(env.KAFKA_EVENT_PARTITIONS);
    expect(lag.every((s) => s.value === 0)).toBe(true);
    const active = await activeProjectionVersion(pool);
    expect(
      samplesOf(metrics, 'tm_projection_lag_positions', {
        projection: active.projection,
        version: String(active.version),
        status: 'active',
      }).map((s) => s.value),
    ).toEqual([0]);
    expect(samplesOf(metrics, 'tm_projection_position', { status: 'active' })[0]?.value).toBe(
      (await projectionPosition(pool, active.schemaName)).globalPosition,
    );
    expect(samplesOf(metrics, 'tm_process_cpu_seconds_total').length).toBe(1);
  });

  it('shows the denial, the retraction and the amendment where an analyst looks for them', async () => {
    const ru = await ledgerOf('RU');
    expect(ru).toContainEqual(expect.objectContaining({ counterparty: 'CN', stage: 'under-negotiation', status: 'denied', units: 100 }));
    expect(ru).toContainEqual(expect.objectContaining({ counterparty: 'IR', stage: 'delivered', status: 'retracted', units: 1000 }));
    expect(ru).toContainEqual(
      expect.objectContaining({ counterparty: 'IR', stage: 'delivered', status: 'active', description: ['drones'], units: 25 }),
    );
  });

  it('changes nothing when every event is delivered again', async () => {
    const schema = (await activeProjectionVersion(pool)).schemaName;
    const before = await Promise.all(TABLES.map((t) => tableRows(pool, schema, t)));
    const positionBefore = await projectionPosition(pool, schema);
    await publishEvents(producer, topicNames(env.KAFKA_TOPIC_PREFIX).events, await readEvents(pool));
    await eventually(
      () => groupCaughtUp(admin, readModelsGroup(env.KAFKA_TOPIC_PREFIX), topicNames(env.KAFKA_TOPIC_PREFIX).events),
      30_000,
      'consumer caught up',
    );
    expect(await Promise.all(TABLES.map((t) => tableRows(pool, schema, t)))).toEqual(before);
    expect(await projectionPosition(pool, schema)).toEqual(positionBefore);
  });

  it('changes nothing when the event store is replayed into it', async () => {
    const schema = (await activeProjectionVersion(pool)).schemaName;
    const before = await Promise.all(TABLES.map((t) => tableRows(pool, schema, t)));
    const events = await readEvents(pool);
    const result = await inTransaction(pool, (client) => applyEvents(client, schema, events));
    expect(result).toEqual({ applied: 0, duplicates: events.length, refused: [] });
    expect(await Promise.all(TABLES.map((t) => tableRows(pool, schema, t)))).toEqual(before);
  });

  it('rebuilds into a new version equal, row by row, to the live one, then switches and stays live', async () => {
    const live = (await activeProjectionVersion(pool)).schemaName;
    const outcome = await new RebuildService(pool, pino({ level: 'silent' })).rebuild({ batchSize: 3 });
    expect(outcome.version.status).toBe('active');
    const rebuilt = outcome.version.schemaName;
    expect(rebuilt).not.toBe(live);
    for (const table of TABLES)
      expect({ table, rows: await tableRows(pool, rebuilt, table) }).toEqual({ table, rows: await tableRows(pool, live, table) });
    expect((await projectionPosition(pool, rebuilt)).globalPosition).toBe((await projectionPosition(pool, live)).globalPosition);

    // The live projector now writes the new version.
    const more = scenario('late');
    await appendReportEvents(pool, more[2].reportId, more[2].events);
    await publishEvents(
      producer,
      topicNames(env.KAFKA_TOPIC_PREFIX).events,
      await readStreamEventsWhenReadable(pool, `report-${more[2].reportId}`, more[2].events.length),
    );
    await waitForProjection();
    const ir = await ledgerOf('IR', rebuilt);
    expect(ir.find((r) => r.stage === 'delivered' && r.status === 'active' && r.description.includes('drones'))!.claimCount).toBe(2);
  });

  it('re-folds a row written before accumulators existed (acc NULL) from the claim states the first time it changes', async () => {
    const active = (await activeProjectionVersion(pool)).schemaName;
    await pool.query(`UPDATE ${active}.ledger_rows SET acc = NULL`);
    await pool.query(`UPDATE ${active}.entity_directory SET acc = NULL`);
    const more = scenario('legacy');
    await appendReportEvents(pool, more[2].reportId, more[2].events);
    await publishEvents(
      producer,
      topicNames(env.KAFKA_TOPIC_PREFIX).events,
      await readStreamEventsWhenReadable(pool, `report-${more[2].reportId}`, more[2].events.length),
    );
    await waitForProjection();
    const served = (schema: string) =>
      Promise.all([
        pool.query(`SELECT key, row FROM ${schema}.ledger_rows ORDER BY key`),
        pool.query(`SELECT key, entry FROM ${schema}.entity_directory ORDER BY key`),
      ]).then(([l, e]) => [l.rows, e.rows]);
    const rebuilt = (await new RebuildService(pool, pino({ level: 'silent' })).rebuild()).version.schemaName;
    expect(await served(active)).toEqual(await served(rebuilt));
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${active}.ledger_rows WHERE acc IS NOT NULL`)).rows[0].n).toBeGreaterThan(0);
  });

  it('resumes a rebuild stopped after its first batch and still ends equal, row by row, to the live version', async () => {
    const live = (await activeProjectionVersion(pool)).schemaName;
    const service = new RebuildService(pool, pino({ level: 'silent' }));
    const version = await service.begin();
    await expect(
      service.run(version, {
        batchSize: 3,
        onProgress: () => {
          throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    // The resumed run has lost the in-memory accumulators: it derives ledgers and directory from the claim states.
    const outcome = await service.run((await service.building())!, { batchSize: 3 });
    for (const table of TABLES)
      expect({ table, rows: await tableRows(pool, outcome.version.schemaName, table) }).toEqual({
        table,
        rows: await tableRows(pool, live, table),
      });
  });

  it('applies a run around an event the fold refuses, and dead-letters that one with the reason', async () => {
    const dlt = scenario('dlt');
    const submitted = dlt[0].events[0];
    const evidenceAdded = dlt.find((step) => step.reportId === dlt[0].reportId && step.events[0].type === 'EvidenceAdded')!.events[0];
    const reportId = (submitted.payload as { reportId: string }).reportId;
    await appendReportEvents(pool, reportId, [submitted, evidenceAdded]);
    const [first, second] = await readStreamEventsWhenReadable(pool, `report-${reportId}`, 2);
    // Evidence for a claim the report does not have: the fold refuses it. All three share a key, so one partition
    // (and one run of the projector) holds them in this order.
    const refused = {
      ...second,
      eventId: '00000000-0000-4000-8000-00000000dead',
      version: 2,
      payload: {
        ...(second.payload as object),
        evidence: { ...(second.payload as { evidence: object }).evidence, claimId: 'no-such-claim' },
      },
    };
    const good = { ...second, version: 3 };
    const topics = topicNames(env.KAFKA_TOPIC_PREFIX);
    await producer.send({
      topic: topics.events,
      acks: -1,
      messages: [first, refused, good].map((e) => ({ ...toEventMessage(e), key: 'dlt-run' })),
    });
    await waitForProjection();
    const active = (await activeProjectionVersion(pool)).schemaName;
    const view = await readReportView(pool, active, reportId);
    expect(view!.version).toBe(3);
    expect(view!.claims.flatMap((c) => c.evidence)).toHaveLength(1);

    const kafka = createKafka(env);
    const consumer = kafka.consumer({ groupId: `${env.KAFKA_TOPIC_PREFIX}test-dlt-${Date.now()}` });
    const dead: Record<string, string>[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.eventsDeadLetter], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void dead.push(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]))),
    });
    try {
      await eventually(
        async () => dead.some((h) => h['tm-event-id'] === refused.eventId || h['dlt-reason']?.includes('no-such-claim')),
        20_000,
        'the refused event on the dead-letter topic',
      );
      const letter = dead.find((h) => h['dlt-reason']?.includes('no-such-claim'))!;
      expect(letter['dlt-reason-kind']).toBe('projection-refused');
    } finally {
      await consumer.disconnect();
    }
  });

  it('moves its position past an event of another stream (an entity decision), so minPosition of that event is reached', async () => {
    const [position] = (
      await inTransaction(pool, (client) =>
        appendToStream(client, ENTITY_DECISIONS_STREAM, ENTITY_DECISIONS_STREAM_TYPE, 'any', [
          { ...EntityEvents.EntityNamesMerged, payload: { names: ['a', 'b'], reason: 'test' }, metadata: { actor: 'test' } },
        ]),
      )
    ).globalPositions;
    const active = (await activeProjectionVersion(pool)).schemaName;
    expect((await projectionPosition(pool, active)).globalPosition).toBeLessThan(position!);
    expect(await hasApplied(pool, position!)).toBe(false);
    await publishEvents(
      producer,
      topicNames(env.KAFKA_TOPIC_PREFIX).events,
      await readStreamEventsWhenReadable(pool, ENTITY_DECISIONS_STREAM, 1),
    );
    await waitForProjection();
    // The read models change nothing for it, but the position (X-Projection-Position) moves past it.
    expect((await projectionPosition(pool, active)).globalPosition).toBe(position);
    expect(await hasApplied(pool, position!)).toBe(true);
  });
});
