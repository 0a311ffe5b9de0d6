import type { ChildProcess } from 'node:child_process';
import type { Admin, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import type { ReportEvent } from '@tm/domain';
import { freePort } from '@tm/local-stack';
import { createKafka, createProducer, ensureTopics, topicNames, topicSpecs } from '@tm/messaging';
import type { Environment } from '@tm/platform';
import { projectionPosition, withLedgerMembers, type StoredLedgerRow } from '@tm/read-models';
import {
  appProcessEnv,
  createTestDatabase,
  killAppProcess,
  source,
  startAppProcess,
  type TestDatabase,
  transfer,
  useTestEnvironment,
} from '@tm/testing';
import { readModelsGroup } from '../src/read-models/read-models.handler';
import { appendReportEvents, eventually, groupCaughtUp, publishEvents, readEvents } from './support/events';

const REPORTS = 600;

describe('projector killed mid-batch and restarted (real child process, PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let env: Environment;
  let pool: Pool;
  let producer: Producer;
  let admin: Admin;
  let child: ChildProcess | undefined;
  let childEnv: Record<string, string>;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = useTestEnvironment(database.url);
    pool = createPgPool(database.url, 4);
    const kafka = createKafka(env);
    producer = createProducer(kafka);
    await producer.connect();
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topicSpecs(env));
    port = await freePort();
    childEnv = appProcessEnv(env, { PROJECTOR_PORT: String(port) });
    // Each report: submitted with i units, then amended to i + 1 units: the ledger must hold each claim once, amended.
    for (let i = 1; i <= REPORTS; i++) {
      const reportId = `crash-${i}`;
      const events: ReportEvent[] = [
        {
          type: 'ReportSubmitted',
          payload: {
            reportId,
            source: source('Der Spiegel'),
            sourceReliability: 'B',
            claims: [transfer('c1', { quantity: { value: i, unit: 'units', qualifier: 'exact' } })],
          },
        },
        {
          type: 'ClaimAmended',
          payload: {
            reportId,
            claim: transfer('c1', { quantity: { value: i + 1, unit: 'units', qualifier: 'exact' } }),
            reason: 'recount',
          },
        },
      ];
      await appendReportEvents(pool, reportId, events);
    }
    await publishEvents(producer, topicNames(env.KAFKA_TOPIC_PREFIX).events, await readEvents(pool));
  }, 120_000);
  afterAll(async () => {
    if (child) await killAppProcess(child, 'SIGTERM');
    await producer?.disconnect();
    await admin?.disconnect();
    await pool?.end();
    await database?.drop();
  });

  it('leaves no double-counted row', async () => {
    child = await startAppProcess('projector', childEnv, port);
    await eventually(async () => (await projectionPosition(pool, 'rm_v1')).eventsApplied >= 40, 60_000, 'first events applied');
    await killAppProcess(child, 'SIGKILL');
    const atKill = (await projectionPosition(pool, 'rm_v1')).eventsApplied;
    expect(atKill).toBeLessThan(2 * REPORTS); // killed mid-way, with applied events whose offsets were not committed

    child = await startAppProcess('projector', childEnv, port);
    await eventually(
      () => groupCaughtUp(admin, readModelsGroup(env.KAFKA_TOPIC_PREFIX), topicNames(env.KAFKA_TOPIC_PREFIX).events),
      90_000,
      'projector caught up',
    );

    expect((await projectionPosition(pool, 'rm_v1')).eventsApplied).toBe(2 * REPORTS);
    const stored = await pool.query<{ row: StoredLedgerRow }>(`SELECT row FROM rm_v1.ledger_rows WHERE country = 'RU'`);
    const rows = (
      await withLedgerMembers(
        pool,
        'rm_v1',
        stored.rows.map((r) => r.row),
      )
    ).map((row) => ({ row }));
    expect(rows).toHaveLength(1);
    const expectedUnits = Array.from({ length: REPORTS }, (_, k) => k + 2).reduce((a, b) => a + b, 0);
    expect(rows[0].row).toMatchObject({
      claimCount: REPORTS,
      quantities: [{ unit: 'units', min: expectedUnits, max: expectedUnits, claims: REPORTS }],
    });
    expect(new Set(rows[0].row.claimRefs).size).toBe(REPORTS);
  }, 180_000);
});
