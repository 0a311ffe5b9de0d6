import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { PG_POOL } from '@tm/database';
import { reportStreamId, type ReportSubmittedV1 } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { createTestDatabase, useTestEnvironment, type TestDatabase, authedServer } from '@tm/testing';
import { configureHttpApi } from '../src/http-setup';

interface ExampleFile {
  report: { claims: { claimId: string }[] };
  evidence?: { claimId: string; body: object }[];
}

const folder = join(__dirname, '..', '..', '..', 'examples', 'reports');
const examples = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, content: JSON.parse(readFileSync(join(folder, file), 'utf8')) as ExampleFile }));

describe('the reports written from the China Digital Times article validate through the API and are stored', () => {
  let database: TestDatabase;
  let api: INestApplication;
  let processor: INestApplication;
  let pool: Pool;

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
  });
  afterAll(async () => {
    await processor?.close();
    await api?.close();
    await database?.drop();
  });

  async function outcome(commandId: string): Promise<{ status: string; reason?: unknown }> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { body } = await request(authedServer(api)).get(`/v1/commands/${commandId}`).expect(200);
      if (body.status !== 'pending') return body;
      if (Date.now() > deadline) throw new Error(`command ${commandId} still pending`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('has one file per cited source document', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(examples.map((e) => [e.file, e.content] as const))('%s', async (_file, content) => {
    const accepted = await request(authedServer(api)).post('/v1/reports').send(content.report);
    expect(accepted.body.errors ?? []).toEqual([]);
    expect(accepted.status).toBe(202);
    expect(await outcome(accepted.body.commandId)).toMatchObject({ status: 'succeeded' });
    for (const evidence of content.evidence ?? []) {
      const added = await request(authedServer(api))
        .post(`/v1/reports/${accepted.body.aggregateId}/claims/${evidence.claimId}/evidence`)
        .send(evidence.body);
      expect(added.body.errors ?? []).toEqual([]);
      expect(await outcome(added.body.commandId)).toMatchObject({ status: 'succeeded' });
    }
    const stream = await readStream(pool, reportStreamId(accepted.body.aggregateId));
    expect(stream.events.map((e) => e.type)).toEqual(['ReportSubmitted', ...(content.evidence ?? []).map(() => 'EvidenceAdded')]);
    const stored = stream.events[0].payload as ReportSubmittedV1;
    expect(stored.claims.map((c) => c.claimId)).toEqual(content.report.claims.map((c) => c.claimId));
    for (const claim of stored.claims) {
      if (claim.date)
        expect(claim.date).toMatchObject({ earliest: expect.any(String), latest: expect.any(String), precision: expect.any(String) });
      if (claim.kind === 'diplomatic-event') expect(claim.cameoCode).toMatch(/^\d{3,4}$/);
    }
  });

  it('enriches the article claims: CHPL tiers of the customs HS codes, CAMEO codes of the visits, EDTF bounds of "by April 2023"', async () => {
    const { rows } = await pool.query(`SELECT payload FROM events WHERE event_type = 'ReportSubmitted'`);
    const claims = rows.flatMap((r) => (r.payload as ReportSubmittedV1).claims);
    const byId = new Map(claims.map((c) => [c.claimId, c]));
    expect(byId.get('navigation-equipment')).toMatchObject({ item: { hs6: '852691', chplTier: '2' } });
    expect(byId.get('jet-fighter-parts')).toMatchObject({ item: { hs6: '880730', chplTier: '3.B' } });
    expect(byId.get('lukashenko-visits-beijing')).toMatchObject({
      cameoCode: '042',
      date: { earliest: '2023-02-28', latest: '2023-03-02', precision: 'interval' },
    });
    expect(byId.get('raisi-visits-beijing')).toMatchObject({ cameoCode: '042', date: { earliest: '2023-02-14', latest: '2023-02-16' } });
    expect(byId.get('agree-military-training-cooperation')).toMatchObject({ cameoCode: '0312' });
    expect(byId.get('bingo-zt180-prototypes')).toMatchObject({
      stage: 'in-production',
      date: { edtf: '[..2023-04]', earliest: '-infinity', latest: '2023-04-30', precision: 'open' },
    });
  });
});
