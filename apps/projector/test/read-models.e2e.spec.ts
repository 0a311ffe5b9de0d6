import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Admin, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import { inTransaction } from '@tm/event-store';
import { createKafka, createProducer, topicNames } from '@tm/messaging';
import type { Environment } from '@tm/platform';
import { activeProjectionVersion, applyEvents, projectionPosition, RebuildService, type LedgerRow } from '@tm/read-models';
import { createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import pino from 'pino';
import { ProjectorModule } from '../src/projector.module';
import { readModelsGroup } from '../src/read-models/read-models.projector';
import { appendReportEvents, eventually, groupCaughtUp, publishEvents, readEvents, readStreamEventsWhenReadable, tableRows } from './support/events';
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
    await eventually(() => groupCaughtUp(admin, readModelsGroup(env.KAFKA_TOPIC_PREFIX), topicNames(env.KAFKA_TOPIC_PREFIX).events), 30_000, 'projector caught up');
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

  it('shows the denial, the retraction and the amendment where an analyst looks for them', async () => {
    const ru = await ledgerOf('RU');
    expect(ru).toContainEqual(expect.objectContaining({ counterparty: 'CN', stage: 'under-negotiation', status: 'denied', units: 100 }));
    expect(ru).toContainEqual(expect.objectContaining({ counterparty: 'IR', stage: 'delivered', status: 'retracted', units: 1000 }));
    expect(ru).toContainEqual(expect.objectContaining({ counterparty: 'IR', stage: 'delivered', status: 'active', description: ['drones'], units: 25 }));
  });

  it('changes nothing when every event is delivered again', async () => {
    const schema = (await activeProjectionVersion(pool)).schemaName;
    const before = await Promise.all(TABLES.map((t) => tableRows(pool, schema, t)));
    const positionBefore = await projectionPosition(pool, schema);
    await publishEvents(producer, topicNames(env.KAFKA_TOPIC_PREFIX).events, await readEvents(pool));
    await eventually(() => groupCaughtUp(admin, readModelsGroup(env.KAFKA_TOPIC_PREFIX), topicNames(env.KAFKA_TOPIC_PREFIX).events), 30_000, 'consumer caught up');
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
    for (const table of TABLES) expect({ table, rows: await tableRows(pool, rebuilt, table) }).toEqual({ table, rows: await tableRows(pool, live, table) });
    expect((await projectionPosition(pool, rebuilt)).globalPosition).toBe((await projectionPosition(pool, live)).globalPosition);

    // The live projector now writes the new version.
    const more = scenario('late');
    await appendReportEvents(pool, more[2].reportId, more[2].events);
    await publishEvents(producer, topicNames(env.KAFKA_TOPIC_PREFIX).events, await readStreamEventsWhenReadable(pool, `report-${more[2].reportId}`, more[2].events.length));
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
    await publishEvents(producer, topicNames(env.KAFKA_TOPIC_PREFIX).events, await readStreamEventsWhenReadable(pool, `report-${more[2].reportId}`, more[2].events.length));
    await waitForProjection();
    const served = (schema: string) =>
      Promise.all([pool.query(`SELECT key, row FROM ${schema}.ledger_rows ORDER BY key`), pool.query(`SELECT key, entry FROM ${schema}.entity_directory ORDER BY key`)]).then(([l, e]) => [l.rows, e.rows]);
    const rebuilt = (await new RebuildService(pool, pino({ level: 'silent' })).rebuild()).version.schemaName;
    expect(await served(active)).toEqual(await served(rebuilt));
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${active}.ledger_rows WHERE acc IS NOT NULL`)).rows[0].n).toBeGreaterThan(0);
  });
});
