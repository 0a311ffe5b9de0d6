import type { Pool } from 'pg';
import pino from 'pino';
import { createPgPool } from '@tm/database';
import { REPORT_STREAM_TYPE, reportStreamId, type ReportEvent } from '@tm/domain';
import { appendToStream, inTransaction, type StoredEvent } from '@tm/event-store';
import { createTestDatabase, diplomatic, evidence, readableEvents, source, type TestDatabase, transfer } from '@tm/testing';
import { applyEvents } from './apply-events';
import { activeProjectionVersion } from './projection-versions';
import { RebuildService, RebuildTablesLostError } from './rebuild';
import { applyRebuildBatch } from './rebuild-batch';
import { ReportStateCache } from './report-cache';
import { READ_MODEL_TABLES } from './schema';

const silent = pino({ level: 'silent' });
const COMPARED = [
  'report_views',
  'claim_states',
  'claim_state_history',
  'ledger_rows',
  'timeline_entries',
  'entity_directory',
  'stream_versions',
];

/** Rows of a table as sorted JSON lines (order-free comparison). */
async function tableRows(pool: Pool, schema: string, table: string): Promise<string[]> {
  const { rows } = await pool.query(`SELECT * FROM ${schema}.${table}`);
  return rows.map((row) => JSON.stringify(row)).sort();
}

async function append(pool: Pool, reportId: string, events: ReportEvent[]): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ version: string }>('SELECT version FROM streams WHERE stream_id = $1', [
      reportStreamId(reportId),
    ]);
    const expected = rows[0] ? Number(rows[0].version) : 'no-stream';
    await appendToStream(
      client,
      reportStreamId(reportId),
      REPORT_STREAM_TYPE,
      expected,
      events.map((e) => ({ type: e.type, schemaVersion: 1, payload: e.payload })),
    );
  });
}

/** Every stored event, once all are readable: the rebuilds below rely on every one being readable (`readableEvents`). */
const allEvents = (pool: Pool): Promise<StoredEvent[]> => readableEvents(pool);

function stop(): never {
  throw new Error('stopped');
}

/** What PostgreSQL's crash recovery does to a version's unlogged tables: empties every one of them. */
async function resetAsAfterCrash(pool: Pool, schema: string): Promise<void> {
  await pool.query(`TRUNCATE ${READ_MODEL_TABLES.map((t) => `${schema}.${t}`).join(', ')}`);
}

describe('RebuildService: COPY into unlogged tables, report states kept between batches (real PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let live: string;

  async function expectEqualToLive(schema: string): Promise<void> {
    for (const table of COMPARED)
      expect({ table, rows: await tableRows(pool, schema, table) }).toEqual({ table, rows: await tableRows(pool, live, table) });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPgPool(database.url, 4);
    // Twelve reports submitted first, their evidence, amendments and retractions later (streams continued across
    // batches), diplomatic claims for the timeline, and one event the fold refuses.
    const ids = Array.from({ length: 12 }, (_, i) => `rb-${i}`);
    for (const [i, reportId] of ids.entries()) {
      const claims =
        i % 3 === 0
          ? [transfer('t1'), diplomatic('d1')]
          : [transfer('t1', { recipient: { country: i % 2 ? 'IR' : 'RU' } }), transfer('t2', { stage: 'shipped' })];
      await append(pool, reportId, [
        {
          type: 'ReportSubmitted',
          payload: {
            reportId,
            source: source(`Publisher ${i % 4}`),
            sourceReliability: 'B',
            text: `tab\there, back\\slash "quoted"\nline ${i}`,
            claims,
          },
        },
      ]);
    }
    for (const [i, reportId] of ids.entries()) {
      await append(pool, reportId, [
        { type: 'EvidenceAdded', payload: { reportId, evidence: evidence('t1', i % 2 ? 'denies' : 'supports', `Other ${i}`, 2) } },
      ]);
      if (i % 3 === 0)
        await append(pool, reportId, [
          {
            type: 'ClaimAmended',
            payload: { reportId, claim: diplomatic('d1', { cameoCode: '043', outcomes: [] }), reason: 'date corrected' },
          },
        ]);
      if (i === 5) await append(pool, reportId, [{ type: 'ReportRetracted', payload: { reportId, reason: 'fabricated' } }]);
      if (i === 7)
        await append(pool, reportId, [
          { type: 'EvidenceAdded', payload: { reportId, evidence: evidence('no-such-claim', 'supports', 'X') } },
        ]);
    }
    live = (await activeProjectionVersion(pool)).schemaName;
    const events = await allEvents(pool);
    // The live projection's path, one event per transaction as the projector applies them.
    for (const event of events) await inTransaction(pool, (client) => applyEvents(client, live, [event]));
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('builds unlogged tables, ends logged and equal, row by row, to the live version, with a cache smaller than the reports', async () => {
    const service = new RebuildService(pool, silent);
    const version = await service.begin();
    const persistence = async () =>
      (
        await pool.query<{ p: string }>(
          `SELECT DISTINCT relpersistence AS p FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind IN ('r', 'i')`,
          [version.schemaName],
        )
      ).rows.map((r) => r.p);
    expect(await persistence()).toEqual(['u']);
    const outcome = await service.run(version, { batchSize: 5, cachedReports: 2 });
    expect(outcome.eventsRefused).toBe(1);
    expect(await persistence()).toEqual(['p']);
    await expectEqualToLive(outcome.version.schemaName);
    live = outcome.version.schemaName;
  });

  it('starts over from position 0 when a crash emptied the unlogged tables of a stopped rebuild', async () => {
    const service = new RebuildService(pool, silent);
    const version = await service.begin();
    let batches = 0;
    const stopAfterTwo = () => {
      batches += 1;
      if (batches === 2) throw new Error('stopped');
    };
    await expect(service.run(version, { batchSize: 4, onProgress: stopAfterTwo })).rejects.toThrow('stopped');
    // The run happens in the background of an admin request: why it stopped is shown on the version, until it resumes.
    expect((await service.building())!.error).toMatch(/stopped \(stopped; it resumes from its checkpoint when run again\)$/);
    await resetAsAfterCrash(pool, version.schemaName);
    const outcome = await service.run((await service.building())!, { batchSize: 4 });
    expect(outcome.version.error).toBeUndefined();
    await expectEqualToLive(outcome.version.schemaName);
    expect(outcome.version.eventsRead).toBe((await allEvents(pool)).length);
    live = outcome.version.schemaName;
  });

  it('refuses a batch once the tables were emptied under a running rebuild (nothing of it commits)', async () => {
    const service = new RebuildService(pool, silent);
    const version = await service.begin();
    await expect(service.run(version, { batchSize: 4, onProgress: () => stop() })).rejects.toThrow('stopped');
    await resetAsAfterCrash(pool, version.schemaName);
    const events = await allEvents(pool);
    const memory = { reports: new ReportStateCache(10) };
    await expect(
      inTransaction(pool, (client) => applyRebuildBatch(client, version.schemaName, events.slice(4, 8), memory)),
    ).rejects.toBeInstanceOf(RebuildTablesLostError);
    expect(await tableRows(pool, version.schemaName, 'report_views')).toEqual([]);
    const outcome = await service.run((await service.building())!, { batchSize: 4 });
    await expectEqualToLive(outcome.version.schemaName);
  });
});
