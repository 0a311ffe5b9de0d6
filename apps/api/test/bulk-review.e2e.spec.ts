import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { PG_POOL } from '@tm/database';
import { alertIdFor, alertStreamId } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { authedServer, checkResponsesAgainstDocument, createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { configureHttpApi } from '../src/http-setup';
import { AlertWriter } from '../../screening/src/screening/alert-writer.service';

describe('POST /v1/alerts/review: one review of many alerts, all or nothing (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let api: INestApplication;
  let processor: INestApplication;
  let pool: Pool;
  const ids: string[] = [];
  const http = () => request(authedServer(api));

  async function outcome(
    commandId: string,
  ): Promise<{ status: string; commandType: string; reason?: { code: string; message: string; path?: string }; links?: unknown }> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await http().get(`/v1/commands/${commandId}`).expect(200);
      if (body.status !== 'pending') return body;
      if (Date.now() > deadline) throw new Error(`command ${commandId} still pending`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const alertRows = async () =>
    (
      await pool.query<{ alert_id: string; status: string; review_reason: string | null }>(
        'SELECT alert_id, status, review_reason FROM alerts WHERE alert_id = ANY($1) ORDER BY alert_id',
        [ids],
      )
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url);
    const { ApiModule } = await import('../src/api.module');
    const { ProcessorModule } = await import('../../processor/src/processor.module');
    api = (await Test.createTestingModule({ imports: [ApiModule] }).compile()).createNestApplication({ logger: false });
    configureHttpApi(api);
    await api.init();
    processor = (await Test.createTestingModule({ imports: [ProcessorModule] }).compile()).createNestApplication({ logger: false });
    await processor.init();
    pool = api.get(PG_POOL);
    // Four alerts of one report, as screening raises them.
    const writer = new AlertWriter(pool);
    const reportId = randomUUID();
    for (let i = 0; i < 4; i++) {
      const candidate = {
        reportId,
        claimId: `c${i}`,
        location: `claims[c${i}].recipient.entity`,
        queryName: 'Alexander Lukashenko',
        listId: 'ofac-sdn',
        entryId: String(100 + i),
        listVersion: '2024-05-03',
        entryName: 'LUKASHENKO, Alexander',
        matchedName: 'LUKASHENKO, Alexander',
        matchedNameKind: 'primary',
        programs: ['BELARUS'],
        countries: ['BY'],
        score: 0.9,
        explanation: { tokens: [], penalties: [], notes: [] },
      };
      expect(await writer.raise(candidate, 'report-submitted', {})).toBe('raised');
      ids.push(alertIdFor(reportId, candidate.location, candidate.listId, candidate.entryId));
    }
  }, 90_000);
  checkResponsesAgainstDocument(() => api);
  afterAll(async () => {
    await processor?.close();
    await api?.close();
    await database?.drop();
  });

  it('a review naming one unknown alert applies to none, and the command is rejected naming it as alertIds[i]', async () => {
    const unknown = randomUUID();
    const { body } = await http()
      .post('/v1/alerts/review')
      .send({ alertIds: [ids[0], ids[1], unknown], status: 'confirmed', reason: 'the president (test)' })
      .expect(202);
    const rejected = await outcome(body.commandId);
    expect(rejected).toMatchObject({
      status: 'rejected',
      commandType: 'ReviewAlerts',
      reason: { code: 'unknown-alert', path: 'alertIds[2]', message: `no alert ${unknown}` },
    });
    expect((await alertRows()).map((r) => r.status)).toEqual(['open', 'open', 'open', 'open']);
    for (const id of ids) expect((await readStream(pool, alertStreamId(id))).version).toBe(1);
  }, 90_000);

  it('a review of three alerts applies to all three (alerts table and history), and a retry with the same Idempotency-Key is the same command', async () => {
    const three = ids.slice(0, 3);
    const send = () =>
      http()
        .post('/v1/alerts/review')
        .set('Idempotency-Key', 'bulk-review-1')
        .send({ alertIds: three, status: 'dismissed', reason: 'another person of the same name' })
        .expect(202);
    const first = await send();
    expect(first.headers.location).toBe(`/v1/commands/${first.body.commandId}`);
    expect(first.body.links).toEqual({ command: `/v1/commands/${first.body.commandId}` });
    expect((await send()).body.commandId).toBe(first.body.commandId);
    expect(await outcome(first.body.commandId)).toMatchObject({ status: 'succeeded', commandType: 'ReviewAlerts', links: {} });
    const rows = await alertRows();
    for (const row of rows) {
      const reviewed = three.includes(row.alert_id);
      expect(row).toMatchObject({
        status: reviewed ? 'dismissed' : 'open',
        review_reason: reviewed ? 'another person of the same name' : null,
      });
    }
    for (const id of three) {
      const alert = (await http().get(`/v1/alerts/${id}`).expect(200)).body;
      expect(alert).toMatchObject({ status: 'dismissed', review: { status: 'dismissed', reason: 'another person of the same name' } });
      expect(alert.history.map((h: { type: string }) => h.type)).toEqual(['AlertRaised', 'AlertReviewed']);
    }
    expect((await http().get(`/v1/alerts/${ids[3]}`).expect(200)).body.history).toHaveLength(1);
  }, 90_000);

  it('refuses a bad body with a 422 naming the field and the rule', async () => {
    const { body } = await http()
      .post('/v1/alerts/review')
      .send({ alertIds: [ids[0], ids[0]], status: 'deleted', reason: 'x' })
      .expect(422);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'status', rule: 'isIn' }),
        expect.objectContaining({ path: 'alertIds', rule: 'arrayUnique' }),
      ]),
    );
  });
});
