import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import pino from 'pino';
import type { Pool } from 'pg';
import request from 'supertest';
import { PG_POOL } from '@tm/database';
import { ENTITY_DECISIONS_STREAM } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { activeProjectionVersion, projectLiveEvent, RebuildService } from '@tm/read-models';
import {
  authedServer,
  checkResponsesAgainstDocument,
  createTestDatabase,
  diplomatic,
  source,
  type TestDatabase,
  transfer,
  useTestEnvironment,
} from '@tm/testing';
import { configureHttpApi } from '../src/http-setup';
import { AlertWriter } from '../../screening/src/screening/alert-writer.service';
import { appendReportEvents, readEvents } from '../../projector/test/support/events';

const id = (name: string) => Buffer.from(name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase(), 'utf8').toString('base64url');

interface EntityBody {
  entityId: string;
  name: string;
  names: { key: string; name: string; entityId: string; claimCount: number }[];
  evidence: {
    threshold: number;
    merges: { names: string[]; rule: string; score?: number; decision?: { actor: string; reason: string } }[];
    separations: { names: string[]; rule: string; decision?: { reason: string } }[];
    truncated: boolean;
  };
  claimCount: number;
  counterparties: { country: string; name?: string; claimCount: number }[];
  listEntries: { listId: string; entryId: string; alertCount: number }[];
  alertCount: number;
  alerts: { alertId: string; reportId: string; queryName: string }[];
  claims: { items: { reportId: string; claimId: string; keys: string[] }[]; nextCursor: string | null };
}

describe('Entities: one party across spellings, scripts and name orders; analysts merge and split (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let api: INestApplication;
  let processor: INestApplication;
  let pool: Pool;
  const http = () => request(authedServer(api));
  const reports = { visit: randomUUID(), parts: randomUUID(), moscow: randomUUID(), nephew: randomUUID() };
  const names = (body: EntityBody) => body.names.map((n) => n.key).sort();
  const entity = async (name: string, qs = ''): Promise<EntityBody> =>
    (
      await http()
        .get(`/v1/entities/${id(name)}${qs}`)
        .expect(200)
    ).body;

  async function project(): Promise<void> {
    const active = await activeProjectionVersion(pool);
    const { rows } = await pool.query<{ global_position: string }>(`SELECT global_position FROM ${active.schemaName}.position`);
    const done = Number(rows[0]?.global_position ?? 0);
    for (const event of await readEvents(pool)) if (event.globalPosition > done) await projectLiveEvent(pool, event);
  }

  async function succeeded(commandId: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await http().get(`/v1/commands/${commandId}`).expect(200);
      if (body.status === 'succeeded') return;
      if (body.status !== 'pending') throw new Error(`command ${commandId}: ${JSON.stringify(body)}`);
      if (Date.now() > deadline) throw new Error(`command ${commandId} still pending`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

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
    const submitted = (reportId: string, publisher: string, claims: unknown[]) => ({
      type: 'ReportSubmitted' as const,
      payload: { reportId, source: source(publisher), sourceReliability: 'B', text: `${publisher} on Belarus`, claims },
    });
    await appendReportEvents(pool, reports.visit, [submitted(reports.visit, 'Xinhua', [diplomatic('v1')])] as never);
    await appendReportEvents(pool, reports.parts, [
      submitted(reports.parts, 'Nasha Niva', [
        transfer('p1', {
          supplier: { country: 'BY', entity: { name: 'Lukashenka Alyaksandr', type: 'person' } },
          recipient: { country: 'RU', entity: { name: 'Rostec', type: 'company' } },
        }),
      ]),
    ] as never);
    await appendReportEvents(pool, reports.moscow, [
      submitted(reports.moscow, 'TASS', [
        diplomatic('m1', {
          participants: [
            { country: 'BY', role: 'visitor', entity: { name: 'Александр Лукашенко', type: 'person' } },
            { country: 'RU', role: 'host', entity: { name: 'Vladimir Putin', type: 'person' } },
          ],
          place: { country: 'RU', locality: 'Moscow' },
        }),
      ]),
    ] as never);
    await appendReportEvents(pool, reports.nephew, [
      submitted(reports.nephew, 'Belta', [
        diplomatic('n1', {
          participants: [
            { country: 'BY', role: 'visitor', entity: { name: 'Viktor Lukashenko', type: 'person' } },
            { country: 'CN', role: 'host', entity: { name: 'Xi Jinping', type: 'person' } },
          ],
        }),
      ]),
    ] as never);
    await project();
    const alert = {
      reportId: reports.visit,
      claimId: 'v1',
      location: 'claims[v1].participants[0].entity',
      queryName: 'Alexander Lukashenko',
      listId: 'ofac-sdn',
      entryId: '100',
      listVersion: '2024-05-03',
      entryName: 'LUKASHENKO, Alexander',
      matchedName: 'LUKASHENKO, Alexander',
      matchedNameKind: 'primary',
      programs: ['BELARUS'],
      countries: ['BY'],
      score: 0.97,
      explanation: { tokens: [], penalties: [], notes: [] },
    };
    await new AlertWriter(pool).raise(alert, 'report-submitted', {});
  }, 120_000);
  checkResponsesAgainstDocument(() => api);
  afterAll(async () => {
    await processor?.close();
    await api?.close();
    await database?.drop();
  });

  it('resolves the three spellings of Lukashenko as one entity from any of them, with the evidence of each merge, his claims, counterparties, list entry and alert', async () => {
    const directory = await http().get('/v1/entities?q=luka').expect(200);
    expect(directory.body.items.map((e: { entityId: string; key: string }) => e.entityId === id(e.key))).toEqual([true, true, true]);
    const body = await entity('Lukashenka Alyaksandr');
    expect(body.entityId).toBe(id('Alexander Lukashenko')); // the smallest key of its names
    expect(names(body)).toEqual(['alexander lukashenko', 'lukashenka alyaksandr', 'александр лукашенко']);
    expect((await entity('Александр Лукашенко')).entityId).toBe(body.entityId);
    expect(body.evidence.merges).toHaveLength(2);
    for (const merge of body.evidence.merges) expect(merge).toMatchObject({ rule: 'matcher', score: expect.any(Number) });
    expect(Math.min(...body.evidence.merges.map((m) => m.score!))).toBeGreaterThanOrEqual(body.evidence.threshold);
    expect(body.claimCount).toBe(3);
    expect(body.claims.items.map((c) => `${c.reportId}/${c.claimId}`).sort()).toEqual(
      [`${reports.visit}/v1`, `${reports.parts}/p1`, `${reports.moscow}/m1`].sort(),
    );
    expect(body.counterparties).toEqual(
      expect.arrayContaining([
        { country: 'CN', name: 'Xi Jinping', key: 'xi jinping', claimCount: 1 },
        { country: 'RU', name: 'Vladimir Putin', key: 'vladimir putin', claimCount: 1 },
        { country: 'RU', name: 'Rostec', key: 'rostec', claimCount: 1 },
      ]),
    );
    expect(body.counterparties.some((c) => c.name?.includes('Lukash'))).toBe(false);
    expect(body.listEntries).toEqual([
      expect.objectContaining({ listId: 'ofac-sdn', entryId: '100', primaryName: 'LUKASHENKO, Alexander', alertCount: 1 }),
    ]);
    expect(body).toMatchObject({
      alertCount: 1,
      alerts: [expect.objectContaining({ reportId: reports.visit, queryName: 'Alexander Lukashenko' })],
    });
    // Another Lukashenko is another person.
    expect(names(await entity('Viktor Lukashenko'))).toEqual(['viktor lukashenko']);
  });

  it('pages the claims as { items, nextCursor } and answers 304 to an unchanged poll', async () => {
    const first = await entity('Alexander Lukashenko', '?limit=2');
    expect(first.claims.items).toHaveLength(2);
    const second = await entity('Alexander Lukashenko', `?limit=2&cursor=${first.claims.nextCursor}`);
    expect(second.claims.nextCursor).toBeNull();
    expect([...first.claims.items, ...second.claims.items].map((c) => c.claimId).sort()).toEqual(['m1', 'p1', 'v1']);
    const answer = await http()
      .get(`/v1/entities/${id('Alexander Lukashenko')}`)
      .expect(200);
    await http()
      .get(`/v1/entities/${id('Alexander Lukashenko')}`)
      .set('If-None-Match', answer.headers.etag)
      .expect(304);
  });

  it("an analyst's split and merge are events: the entity follows them, shows them as evidence, and a read-model rebuild gives the same answer", async () => {
    const split = await http()
      .post('/v1/entities/split')
      .send({ name: 'Александр Лукашенко', reason: 'TASS names the president; check the transliteration (test)' })
      .expect(202);
    expect(split.body.links.entity).toBe(`/v1/entities/${id('Александр Лукашенко')}`);
    await succeeded(split.body.commandId);
    const apart = await entity('Alexander Lukashenko');
    expect(names(apart)).toEqual(['alexander lukashenko', 'lukashenka alyaksandr']);
    expect(apart.evidence.separations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'analyst-split',
          names: ['alexander lukashenko', 'александр лукашенко'],
          decision: expect.objectContaining({ reason: 'TASS names the president; check the transliteration (test)' }),
        }),
      ]),
    );
    expect(names(await entity('Александр Лукашенко'))).toEqual(['александр лукашенко']);

    // A merge of the name with one name of the entity it was split from lifts that split: the name rejoins the whole
    // entity (the matcher's links to its other names count again), not that one name alone; the latest decision wins.
    const rejoin = await http()
      .post('/v1/entities/merge')
      .send({ names: ['Alexander Lukashenko', 'Александр Лукашенко'], reason: 'the same president after all (test)' })
      .expect(202);
    await succeeded(rejoin.body.commandId);
    // Read your own write: the projection moves past the decision's event (it changes no read model), so
    // ?minPosition= of the command's first position is caught up, not answered after a 5 s wait.
    const { body: command } = await http().get(`/v1/commands/${rejoin.body.commandId}`).expect(200);
    await project();
    const polled = await http()
      .get(`/v1/entities/${id('Alexander Lukashenko')}?minPosition=${command.globalPositions.first}`)
      .expect(200);
    expect(polled.headers['x-projection-caught-up']).toBe('true');
    expect(Number(polled.headers['x-projection-position'])).toBeGreaterThanOrEqual(command.globalPositions.first);
    const rejoined = polled.body as EntityBody;
    expect(names(rejoined)).toEqual(['alexander lukashenko', 'lukashenka alyaksandr', 'александр лукашенко']);
    expect(rejoined.evidence.separations).toEqual([]);
    expect(rejoined.evidence.merges).toContainEqual(
      expect.objectContaining({
        rule: 'analyst-merge',
        names: ['alexander lukashenko', 'александр лукашенко'],
        decision: expect.objectContaining({ reason: 'the same president after all (test)' }),
      }),
    );
    expect((await entity('Александр Лукашенко')).entityId).toBe(rejoined.entityId);

    const merge = await http()
      .post('/v1/entities/merge')
      .send({ names: ['Alexander Lukashenko', 'viktor  LUKASHENKO'], reason: 'one person in these reports (test)' })
      .expect(202);
    await succeeded(merge.body.commandId);
    const merged = await entity('Viktor Lukashenko');
    expect(names(merged)).toEqual(['alexander lukashenko', 'lukashenka alyaksandr', 'viktor lukashenko', 'александр лукашенко']);
    // The analysts' merges, the latest first, each with who decided and why.
    expect(merged.evidence.merges.filter((m) => m.rule === 'analyst-merge').map((m) => m.decision!.reason)).toEqual([
      'one person in these reports (test)',
      'the same president after all (test)',
    ]);
    expect(merged.evidence.merges.find((m) => m.rule === 'analyst-merge')!.decision).toMatchObject({ actor: expect.any(String) });
    expect(merged.evidence.separations).toEqual([]);
    const { events } = await readStream(pool, ENTITY_DECISIONS_STREAM);
    expect(events.map((e) => e.type)).toEqual(['EntityNameSplit', 'EntityNamesMerged', 'EntityNamesMerged']);
    expect(events[2]!.payload).toEqual({
      names: ['alexander lukashenko', 'viktor lukashenko'],
      reason: 'one person in these reports (test)',
    });

    const before = await entity('Alexander Lukashenko');
    const rebuilt = await new RebuildService(pool, pino({ level: 'silent' })).rebuild();
    expect((await activeProjectionVersion(pool)).version).toBe(rebuilt.version.version);
    const after = await entity('Alexander Lukashenko');
    expect({ ...after, claims: after.claims }).toEqual(before);
  }, 120_000);

  it('refuses bad input with 4xx naming the field and the rule', async () => {
    const errors = (body: { errors: { path: string; rule: string }[] }) => body.errors.map((e) => `${e.path} ${e.rule}`);
    expect(
      errors(
        (
          await http()
            .get(`/v1/entities/${id('nobody at all')}`)
            .expect(404)
        ).body,
      ),
    ).toEqual(['id exists']);
    expect(errors((await http().get('/v1/entities/_w').expect(422)).body)).toEqual(['id isEntityId']);
    // Not base64url at all: the same rule as a base64url naming no directory key (it was class-validator's `matches`).
    expect(errors((await http().get('/v1/entities/a+b').expect(422)).body)).toEqual(['id isEntityId']);
    expect(
      errors(
        (
          await http()
            .get(`/v1/entities/${id('Alexander Lukashenko')}?limit=0`)
            .expect(422)
        ).body,
      ),
    ).toEqual(['limit min']);
    expect(
      errors(
        (
          await http()
            .get(`/v1/entities/${id('Alexander Lukashenko')}?cursor=${Buffer.from('[1]').toString('base64url')}`)
            .expect(422)
        ).body,
      ),
    ).toEqual(['cursor isCursor']);
    expect(
      errors(
        (
          await http()
            .post('/v1/entities/merge')
            .send({ names: ['Alexander Lukashenko'], reason: 'x' })
            .expect(422)
        ).body,
      ),
    ).toEqual(['names arrayMinSize']);
    expect(
      errors(
        (
          await http()
            .post('/v1/entities/merge')
            .send({ names: ['Alexander Lukashenko', 'Nobody Atall'], reason: 'x' })
            .expect(422)
        ).body,
      ),
    ).toEqual(['names[1] inDirectory']);
    expect(
      errors(
        (
          await http()
            .post('/v1/entities/merge')
            .send({ names: ['Alexander Lukashenko', ' alexander  lukashenko'], reason: 'x' })
            .expect(422)
        ).body,
      ),
    ).toEqual(['names[1] isDistinct']);
    expect(
      errors(
        (
          await http()
            .post('/v1/entities/merge')
            .send({ names: ['Alexander Lukashenko', 'Vladimir Putin'] })
            .expect(400)
        ).body,
      ),
    ).toEqual(['reason isDefined']);
    expect(errors((await http().post('/v1/entities/split').send({ name: 'Rostec', reason: 'x' }).expect(422)).body)).toEqual([
      'name hasOtherNames',
    ]);
    expect(
      errors(
        (
          await http()
            .post('/v1/entities/split')
            .send({ name: 'Rostec', from: ['Rostec'], reason: 'x' })
            .expect(422)
        ).body,
      ),
    ).toEqual(['from notSplitName']);
    expect(
      errors(
        (
          await http()
            .post('/v1/entities/split')
            .send({ name: 'Rostec', from: ['Nobody'], reason: 'x' })
            .expect(422)
        ).body,
      ),
    ).toEqual(['from[0] inDirectory']);
  });
});
