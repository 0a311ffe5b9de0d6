import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { createPgPool } from '@tm/database';
import { projectLiveEvent, type LedgerRow } from '@tm/read-models';
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
import { ApiModule } from '../src/api.module';
import { configureHttpApi } from '../src/http-setup';
import { listTag } from '../src/http/cursor-binding';
import { appendReportEvents, eventually, readEvents } from '../../projector/test/support/events';
import { compareRows, expectedLedger, reduceRow, scenario } from '../../projector/test/support/scenario';

/** The scenario with one report's id replaced by a UUID: report ids are UUIDs, and `GET /v1/reports/:id` takes only those. */
function withUuid<T>(steps: T, reportId: string, uuid: string): T {
  return JSON.parse(JSON.stringify(steps).split(JSON.stringify(reportId)).join(JSON.stringify(uuid))) as T;
}
const SPIEGEL = randomUUID();

describe('read side API: ledgers, timeline, reports, entities, polling, asOf, rebuild (real PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  const steps = withUuid(scenario('api'), 'api-spiegel', SPIEGEL);
  let projectedUpTo = 0;
  let positionBeforeLaterKnowledge = 0;

  /** Projects every stored event not yet projected, as the projector does with each event it consumes. */
  async function project(): Promise<void> {
    for (const event of await readEvents(pool)) if (event.globalPosition > projectedUpTo) await projectLiveEvent(pool, event);
    projectedUpTo = Math.max(projectedUpTo, ...(await readEvents(pool)).map((e) => e.globalPosition));
  }
  const http = () => request(authedServer(app));
  const reduced = (rows: LedgerRow[]) => rows.map(reduceRow).sort(compareRows);

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url);
    pool = createPgPool(database.url, 4);
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApi(app);
    await app.init();
    for (const [i, step] of steps.entries()) {
      const positions = await appendReportEvents(pool, step.reportId, step.events);
      if (i === 4) positionBeforeLaterKnowledge = positions[positions.length - 1];
    }
    await project();
  });
  // Every response below must be one the served OpenAPI document describes.
  checkResponsesAgainstDocument(() => app);
  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await database?.drop();
  });

  it.each(['CN', 'RU', 'IR', 'BY'])('serves the %s ledger equal to the totals computed from the inputs', async (country) => {
    const response = await http().get(`/v1/ledgers/${country}`).expect(200);
    expect(reduced(response.body.items)).toEqual(expectedLedger(steps, country));
    expect(response.headers['x-projection-position']).toBe(String(projectedUpTo));
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('filters by direction, counterparty, category, stage and status', async () => {
    const { body } = await http()
      .get('/v1/ledgers/ru?direction=recipient&counterparty=cn&category=aircraft&stage=under-negotiation')
      .expect(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      country: 'RU',
      counterparty: 'CN',
      itemCategory: 'aircraft',
      stage: 'under-negotiation',
      status: 'denied',
      entities: ['Russian Ministry of Defence', 'Xi’an Bingo Intelligent Aviation Technology'],
    });
    const retracted = await http().get('/v1/ledgers/RU?status=retracted').expect(200);
    expect(retracted.body.items.map((r: LedgerRow) => r.claimRefs)).toEqual([['api-tabloid/e1']]);
  });

  it('filters on the claims: minimum credibility and date range', async () => {
    const credible = await http().get('/v1/ledgers/RU?minCredibility=2').expect(200);
    // Credibility ≤ 2: Politico's two (2), Belarus' territory (2), and the navigation equipment regraded to 2 by Reuters.
    expect(credible.body.items.flatMap((r: LedgerRow) => r.claimRefs).sort()).toEqual([
      'api-cdt/d1',
      'api-politico/c1',
      'api-politico/c2',
      'api-wsj/a1',
    ]);
    const dated = await http().get('/v1/ledgers/RU?from=2024-01-01').expect(200);
    expect(dated.body.items).toEqual([]);
  });

  it('answers the supplier → recipient view', async () => {
    const { body } = await http().get('/v1/ledgers/IR/RU').expect(200);
    expect(reduced(body.items)).toEqual(expectedLedger(steps, 'IR').filter((r) => r.counterparty === 'RU'));
  });

  it('refuses unknown filters and bad values with 4xx naming the parameter', async () => {
    const unknown = await http().get('/v1/ledgers/RU?colour=red').expect(400);
    expect(JSON.stringify(unknown.body)).toContain('colour');
    const country = await http().get('/v1/ledgers/XX');
    expect([400, 422]).toContain(country.status);
    expect(JSON.stringify(country.body)).toContain('country');
    const stage = await http().get('/v1/ledgers/RU?stage=rumoured');
    expect([400, 422]).toContain(stage.status);
    expect(JSON.stringify(stage.body)).toContain('stage');
    const minScore = await http().get('/v1/alerts?minScore=abc&limit=x').expect(422);
    expect(minScore.body.errors.map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`).sort()).toEqual([
      'limit isInt',
      'minScore isNumber',
    ]);
    const asOf = await http().get('/v1/ledgers/RU?asOf=yesterday');
    expect([400, 422]).toContain(asOf.status);
    expect(JSON.stringify(asOf.body)).toContain('asOf');
  });

  it('refuses impossible calendar days (not rolled over to the next month) in every date parameter with 422', async () => {
    for (const path of [
      '/v1/ledgers/CN?asOf=2023-02-30T00:00:00Z',
      '/v1/ledgers/CN?asOf=2023-02-30',
      '/v1/ledgers/IR/RU?asOf=2023-13-01T00:00:00Z',
      '/v1/ledgers/CN?from=2023-02-30',
      '/v1/ledgers/CN?to=2023-04-31',
      '/v1/timeline/CN?from=2023-02-29',
      '/v1/reports?to=2023-02-30',
      '/v1/alerts?since=2023-02-30T00:00:00Z',
    ]) {
      const response = await http().get(path);
      const parameter = /[?&](\w+)=/.exec(path)![1];
      expect({ path, status: response.status }).toEqual({ path, status: 422 });
      expect(response.body.errors).toEqual([
        expect.objectContaining({ path: parameter, rule: parameter === 'asOf' ? 'isAsOf' : 'isIso8601' }),
      ]);
    }
    // Digits are a global position, a year included; a real day still reads.
    expect((await http().get('/v1/ledgers/CN?asOf=2023').expect(200)).body.asOf).toMatchObject({ requested: '2023' });
    await http().get('/v1/ledgers/CN?asOf=2024-02-29T00:00:00Z').expect(200);
    await http().get('/v1/ledgers/CN?from=2023&to=2023-06').expect(200);
    // The years 0001–0099 are days too (JavaScript's Date reads them as 1900–1999); year 0000 has no PostgreSQL date.
    for (const path of [
      '/v1/ledgers/CN?from=0001-01-01',
      '/v1/ledgers/CN?from=0050-06-01&to=0099',
      '/v1/reports?from=0001-01-01',
      '/v1/alerts?since=0001-01-01',
    ])
      expect({ path, status: (await http().get(path)).status }).toEqual({ path, status: 200 });
    expect((await http().get('/v1/ledgers/CN?from=0000-01-01').expect(422)).body.errors).toEqual([
      expect.objectContaining({ path: 'from', rule: 'isIso8601' }),
    ]);
  });

  it('accepts on every read endpoint each country a claim can be stored with: Kosovo (XK), any case', async () => {
    // Kosovo → Serbia, a country the write side's isIso3166Alpha2 accepts and class-validator's ISO list lacks.
    const reportId = randomUUID();
    await appendReportEvents(pool, reportId, [
      {
        type: 'ReportSubmitted',
        payload: {
          reportId,
          source: source('Prishtina Gazette', '2023-05-02'),
          sourceReliability: 'B',
          claims: [transfer('k1', { supplier: { country: 'XK' }, recipient: { country: 'RS' } })],
        },
      },
    ]);
    await project();
    const claimRefs = (body: { items: LedgerRow[] }) => body.items.flatMap((r) => r.claimRefs);
    for (const code of ['XK', 'xk']) {
      expect(claimRefs((await http().get(`/v1/ledgers/${code}`).expect(200)).body)).toEqual([`${reportId}/k1`]);
      expect(claimRefs((await http().get(`/v1/ledgers/RS?counterparty=${code}`).expect(200)).body)).toEqual([`${reportId}/k1`]);
      expect(claimRefs((await http().get(`/v1/ledgers/${code}/RS`).expect(200)).body)).toEqual([`${reportId}/k1`]);
      const reports = (await http().get(`/v1/reports?country=${code}`).expect(200)).body;
      expect(reports.items.map((i: { reportId: string }) => i.reportId)).toEqual([reportId]);
      for (const path of [
        `/v1/timeline/${code}`,
        `/v1/flows?country=${code}`,
        `/v1/exports/ledger?country=${code}&format=sipri`,
        `/v1/search?q=Prishtina&country=${code}`,
        `/v1/alerts?country=${code}`,
        `/v1/exports/alerts?country=${code}`,
        `/v1/entities?country=${code}`,
      ]) {
        const response = await http().get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
      }
    }
    // A code no claim can carry is still refused, naming the write side's rule.
    for (const path of ['/v1/ledgers/XX', '/v1/flows?country=XX', '/v1/alerts?country=ZZ', '/v1/exports/ledger?country=EU&format=sipri']) {
      const response = await http().get(path).expect(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'country', rule: 'isIso3166Alpha2' })]);
    }
  });

  it('reads a year or a month in from/to as the whole period, on ledgers, timeline, reports and alerts (issue 14 item 2)', async () => {
    // Kazakhstan → Armenia: a transfer on the last day of 2022 and a meeting on 2023-02-10, apart from the scenario's countries.
    const reportId = randomUUID();
    await appendReportEvents(pool, reportId, [
      {
        type: 'ReportSubmitted',
        payload: {
          reportId,
          source: source('Periods Gazette', '2023-02-11'),
          sourceReliability: 'B',
          claims: [
            transfer('p1', {
              supplier: { country: 'KZ' },
              recipient: { country: 'AM' },
              date: { edtf: '2022-12-31', earliest: '2022-12-31', latest: '2022-12-31', precision: 'day' },
            }),
            diplomatic('p2', {
              participants: [
                { country: 'KZ', role: 'host', entity: { name: 'Kassym-Jomart Tokayev', type: 'person' } },
                { country: 'AM', role: 'visitor', entity: { name: 'Nikol Pashinyan', type: 'person' } },
              ],
              place: { country: 'KZ', locality: 'Astana' },
              date: { edtf: '2023-02-10', earliest: '2023-02-10', latest: '2023-02-10', precision: 'day' },
            }),
          ],
        },
      },
    ]);
    await project();
    const get = async (path: string) => (await http().get(path).expect(200)).body;
    const claimRefs = (body: { items: LedgerRow[] }) => body.items.flatMap((r) => r.claimRefs);
    // `to=2022` runs through 2022-12-31, as `to=2022-12-31` does; `from=2023` starts after it.
    expect(claimRefs(await get('/v1/ledgers/KZ?to=2022'))).toEqual([`${reportId}/p1`]);
    expect(await get('/v1/ledgers/KZ?to=2022')).toEqual(await get('/v1/ledgers/KZ?to=2022-12-31'));
    expect(claimRefs(await get('/v1/ledgers/KZ?from=2022-12&to=2022-12'))).toEqual([`${reportId}/p1`]);
    expect(claimRefs(await get('/v1/ledgers/AM?from=2023'))).toEqual([]);
    // A month answers what its first to last day answers, on the timeline and on the ledger.
    for (const country of ['KZ', 'CN', 'BY']) {
      const month = await get(`/v1/timeline/${country}?from=2023-02&to=2023-02`);
      expect(month.items.length).toBeGreaterThan(0);
      expect(month).toEqual(await get(`/v1/timeline/${country}?from=2023-02-01&to=2023-02-28`));
    }
    expect((await get('/v1/timeline/KZ?to=2023-02')).items).toHaveLength(1);
    expect(await get('/v1/ledgers/CN?from=2023-02&to=2023-02')).toEqual(await get('/v1/ledgers/CN?from=2023-02-01&to=2023-02-28'));
    expect((await get('/v1/ledgers/CN?from=2023-02&to=2023-02')).items.length).toBeGreaterThan(0);
    // A `to` inside the period `from` names starts is not before it.
    expect(await get('/v1/ledgers/CN?from=2023-02-15&to=2023-02')).toEqual(await get('/v1/ledgers/CN?from=2023-02-15&to=2023-02-28'));
    // Reports by publication day: February 2023 holds this one, published on the 11th.
    const february = await get('/v1/reports?from=2023-02&to=2023-02');
    expect(february.items.map((i: { reportId: string }) => i.reportId)).toEqual([reportId]);
    expect(february).toEqual(await get('/v1/reports?from=2023-02-01&to=2023-02-28'));
    expect((await get('/v1/reports?to=2023')).items.map((i: { reportId: string }) => i.reportId)).toContain(reportId);
    // Alerts since a year: from its first instant, UTC.
    expect(await get('/v1/alerts?since=2023')).toEqual(await get('/v1/alerts?since=2023-01-01T00:00:00Z'));
    expect((await http().get('/v1/alerts?since=2023-13').expect(422)).body.errors).toEqual([
      expect.objectContaining({ path: 'since', rule: 'isIso8601' }),
    ]);
  });

  it('pages ledgers and the timeline: { items, nextCursor }, following the cursor gives the whole answer, pages keep ETag/304 (issue 14 item 6)', async () => {
    /** Every item of `path`, `limit` at a time; checks each page's size and shape. */
    async function allPages(path: string, limit: number): Promise<{ items: unknown[]; pages: number }> {
      const items: unknown[] = [];
      let pages = 0;
      let cursor: string | null = null;
      do {
        const page: request.Response = await http()
          .get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        expect(Object.keys(page.body)).toEqual(expect.arrayContaining(['items', 'nextCursor']));
        items.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor);
      return { items, pages };
    }
    // A timeline with ties, an open start and an undated event (undated last): Mongolia meets Armenia five times.
    const reportId = randomUUID();
    const meeting = (
      claimId: string,
      date?: { edtf: string; earliest: string; latest: string; precision: 'day' | 'interval' | 'open' },
    ) => ({
      ...diplomatic(claimId, {
        participants: [
          { country: 'MN', role: 'host' },
          { country: 'AM', role: 'visitor' },
        ],
        place: { country: 'MN' },
      }),
      date,
    });
    await appendReportEvents(pool, reportId, [
      {
        type: 'ReportSubmitted',
        payload: {
          reportId,
          source: source('Steppe News', '2023-02-01'),
          sourceReliability: 'B',
          claims: [
            meeting('m1', { edtf: '2023-01-05', earliest: '2023-01-05', latest: '2023-01-05', precision: 'day' }),
            meeting('m2'),
            meeting('m3', { edtf: '2023-01-05', earliest: '2023-01-05', latest: '2023-01-05', precision: 'day' }),
            meeting('m4', { edtf: '[..2023-01]', earliest: '-infinity', latest: '2023-01-31', precision: 'open' }),
            meeting('m5', { edtf: '2023-01-01/2023-01-31', earliest: '2023-01-01', latest: '2023-01-31', precision: 'interval' }),
          ],
        },
      },
    ]);
    await project();
    const mongolia = (await http().get('/v1/timeline/MN').expect(200)).body.items.map((e: { claimId: string }) => e.claimId);
    expect(mongolia).toHaveLength(5);
    expect(mongolia[4]).toBe('m2');
    for (const limit of [1, 2, 3])
      expect((await allPages('/v1/timeline/MN', limit)).items.map((e) => (e as { claimId: string }).claimId)).toEqual(mongolia);
    // The live rows, the claim-filtered fold, an asOf fold, the pair view and the timeline.
    for (const path of [
      '/v1/ledgers/RU',
      '/v1/ledgers/CN?minCredibility=4',
      `/v1/ledgers/RU?asOf=${positionBeforeLaterKnowledge}`,
      '/v1/ledgers/IR/RU',
      '/v1/ledgers/RU?direction=recipient',
      '/v1/timeline/CN',
      '/v1/timeline/BY?cameo=04',
      '/v1/entities',
      '/v1/entities?country=CN',
    ]) {
      const whole = (await http().get(path).expect(200)).body;
      expect(whole.nextCursor).toBeNull();
      expect(whole.items.length).toBeGreaterThan(0);
      const paged = await allPages(path, 1);
      expect({ path, items: paged.items }).toEqual({ path, items: whole.items });
      expect(paged.pages).toBe(whole.items.length);
    }
    const firstPage = await http().get('/v1/ledgers/RU?limit=2').expect(200);
    expect(firstPage.body).toMatchObject({ country: 'RU', items: [expect.anything(), expect.anything()], nextCursor: expect.any(String) });
    await http().get('/v1/ledgers/RU?limit=2').set('If-None-Match', firstPage.headers.etag).expect(304);
    const secondPath = `/v1/timeline/MN?limit=2&cursor=${(await http().get('/v1/timeline/MN?limit=2').expect(200)).body.nextCursor}`;
    const second = await http().get(secondPath).expect(200);
    await http().get(secondPath).set('If-None-Match', second.headers.etag).expect(304);
    // A cursor is bound to its list (path and filters; not limit): another country's, or other filters', is refused.
    const ruCursor: string = firstPage.body.nextCursor;
    expect((await http().get(`/v1/ledgers/RU?limit=5&cursor=${ruCursor}`).expect(200)).body.items[0]).toEqual(
      (await http().get('/v1/ledgers/RU?limit=3').expect(200)).body.items[2],
    );
    for (const path of [
      `/v1/ledgers/CN?limit=2&cursor=${ruCursor}`,
      `/v1/ledgers/RU?status=reported&cursor=${ruCursor}`,
      `/v1/timeline/RU?cursor=${ruCursor}`,
    ]) {
      const { body } = await http().get(path).expect(422);
      expect({ path, errors: body.errors }).toEqual({ path, errors: [expect.objectContaining({ path: 'cursor', rule: 'isCursor' })] });
    }
    // Edited cursors carrying the right list tag still reach the list's own check of the position.
    const cursorOf = (path: string, key: unknown[]) => listTag(path) + Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const path of [
      '/v1/ledgers/RU?cursor=abc',
      `/v1/ledgers/RU?cursor=${Buffer.from(JSON.stringify(['RU|supplier|A'])).toString('base64url')}`,
      `/v1/ledgers/RU?cursor=${cursorOf('/v1/ledgers/RU', ['RU|supplier|A'])}`,
      `/v1/ledgers/RU?cursor=${cursorOf('/v1/ledgers/RU', [null])}`,
      `/v1/ledgers/RU?cursor=${cursorOf('/v1/ledgers/RU', [1])}`,
      `/v1/ledgers/RU?cursor=${cursorOf('/v1/ledgers/RU', ['RU\u0000'])}`,
      `/v1/ledgers/RU?cursor=${cursorOf('/v1/ledgers/CN', ['CN|supplier|RU|military|ML10|delivered|reported'])}`,
      `/v1/ledgers/RU?cursor=${cursorOf('/v1/ledgers/RU', ['CN|supplier|RU|military|ML10|delivered|reported'])}`,
      `/v1/timeline/CN?cursor=${cursorOf('/v1/timeline/CN', [null, null, 'a\u0000', 'b'])}`,
      `/v1/timeline/CN?cursor=${cursorOf('/v1/timeline/CN', [null, null, null, 'b'])}`,
      '/v1/timeline/CN?cursor=abc',
      '/v1/ledgers/RU?cursor=a%20b',
      `/v1/entities?cursor=${cursorOf('/v1/entities', ['many', 'x'])}`,
      `/v1/entities?cursor=${cursorOf('/v1/entities', ['1'])}`,
      '/v1/timeline/CN?limit=0',
      '/v1/ledgers/RU?limit=1001',
    ]) {
      const { body } = await http().get(path).expect(422);
      expect({ path, errors: body.errors }).toEqual({
        path,
        errors: [expect.objectContaining(/limit=/.test(path) ? { path: 'limit' } : { path: 'cursor', rule: 'isCursor' })],
      });
    }
  });

  it('refuses contradictory or unknown filter values with 422 naming the parameter: to before from, an unknown CAMEO code', async () => {
    for (const path of [
      '/v1/ledgers/CN?from=2024&to=2020',
      '/v1/ledgers/IR/RU?from=2023-03-01&to=2023-02-28',
      '/v1/timeline/BY?from=2024-01-01&to=2023-12-31',
      '/v1/reports?from=2024-01-01&to=2020-01-01',
    ]) {
      const { body } = await http().get(path).expect(422);
      expect(body.errors).toEqual([expect.objectContaining({ path: 'to', rule: 'notBeforeFrom' })]);
    }
    const cameo = await http().get('/v1/timeline/CN?cameo=999').expect(422);
    expect(cameo.body.errors).toEqual([expect.objectContaining({ path: 'cameo', rule: 'isCameoCode' })]);
    expect((await http().get('/v1/timeline/BY?cameo=04').expect(200)).body.items[0]).toMatchObject({ cameoCode: '042' });
  });

  it('answers 304 to If-None-Match while nothing changed, and 200 with a new ETag once it did', async () => {
    const first = await http().get('/v1/ledgers/IR').expect(200);
    const etag = first.headers.etag;
    await http().get('/v1/ledgers/IR').set('If-None-Match', etag).expect(304);
    const more = scenario('poll');
    await appendReportEvents(pool, more[2].reportId, more[2].events);
    await project();
    const changed = await http().get('/v1/ledgers/IR').set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('waits with ?minPosition until the projection has applied the writer’s event', async () => {
    const more = withUuid(scenario('ryow'), 'ryow-wsj', randomUUID());
    const [position] = await appendReportEvents(pool, more[0].reportId, more[0].events);
    const pending = http().get(`/v1/reports/${more[0].reportId}?minPosition=${position}`);
    setTimeout(() => void project(), 300);
    const response = await pending.expect(200);
    expect(response.headers['x-projection-caught-up']).toBe('true');
    expect(response.body.reportId).toBe(more[0].reportId);
  });

  it('says when ?minPosition was not reached in time', async () => {
    const more = scenario('late');
    const [position] = await appendReportEvents(pool, more[1].reportId, more[1].events);
    const response = await http().get(`/v1/ledgers/RU?minPosition=${position}`).expect(200);
    expect(response.headers['x-projection-caught-up']).toBe('false');
    await project();
  });

  it('answers a ledger as known at a past position, from the event store', async () => {
    const { body } = await http().get(`/v1/ledgers/RU?asOf=${positionBeforeLaterKnowledge}`).expect(200);
    expect(body.asOf).toMatchObject({ requested: String(positionBeforeLaterKnowledge), globalPosition: positionBeforeLaterKnowledge });
    const rows = reduced(body.items);
    // Before the amendment, the denial and the retraction: 20 Iranian drones, the Bingo drones not denied, the tabloid's missiles standing.
    expect(rows).toContainEqual(expect.objectContaining({ counterparty: 'IR', description: ['drones'], status: 'active', units: 20 }));
    expect(rows).toContainEqual(expect.objectContaining({ counterparty: 'CN', stage: 'under-negotiation', status: 'active', units: 100 }));
    expect(rows).toContainEqual(
      expect.objectContaining({ counterparty: 'IR', description: ['missiles'], status: 'active', claimCount: 2, units: 1000 }),
    );
    expect(rows.some((r) => r.status === 'denied' || r.status === 'retracted')).toBe(false);
  });

  it('answers a ledger as known now (asOf = now) equal to the live ledger', async () => {
    const live = await http().get('/v1/ledgers/CN').expect(200);
    // One snapshot read of the event store: another test file's open transaction (a list import) cannot hold events back.
    const now = await http()
      .get(`/v1/ledgers/CN?asOf=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`)
      .expect(200);
    expect(now.body.items).toEqual(live.body.items);
  });

  it('serves the diplomatic timeline ordered by the EDTF earliest bound, with CAMEO and Goldstein', async () => {
    const { body } = await http().get('/v1/timeline/BY').expect(200);
    expect(body.items[0]).toMatchObject({
      country: 'BY',
      cameoCode: '042',
      goldstein: 1.9,
      date: { earliest: '2023-02-28', precision: 'interval' },
      outcomes: ['agreed to deepen cooperation on military personnel training'],
    });
    const earliest = body.items.map((e: { date?: { earliest: string } }) => e.date?.earliest ?? '9999');
    expect(earliest).toEqual([...earliest].sort());
  });

  it('lists reports newest first with cursor pagination and filters, and serves one report with its evidence', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await http()
        .get(`/v1/reports?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      all.push(...page.body.items.map((i: { reportId: string }) => i.reportId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(['api-wsj', SPIEGEL, 'api-politico', 'api-cdt', 'api-tabloid']));
    const retracted = await http().get('/v1/reports?status=retracted').expect(200);
    expect(retracted.body.items.map((i: { reportId: string }) => i.reportId)).toEqual(['api-tabloid']);
    const spiegel = await http().get(`/v1/reports/${SPIEGEL}`).expect(200);
    expect(spiegel.body.claims[0]).toMatchObject({ claimId: 'b1', status: 'denied', credibility: 4, evidence: [{ stance: 'denies' }] });
    const missing = randomUUID();
    const unknown = await http().get(`/v1/reports/${missing}`).expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, errors: [{ path: 'id', rule: 'exists' }] });
    for (const id of ['no-such-report', '🙂', 'api-wsj']) {
      const { body } = await http()
        .get(`/v1/reports/${encodeURIComponent(id)}`)
        .expect(400);
      expect(body.errors).toEqual([expect.objectContaining({ path: 'id', rule: 'isUuid' })]);
    }
  });

  it('finds entities by part of their name, with counts and countries', async () => {
    const { body } = await http().get('/v1/entities?q=BINGO').expect(200);
    expect(body.items[0]).toMatchObject({
      name: 'Xi’an Bingo Intelligent Aviation Technology',
      countries: ['CN'],
      reportIds: expect.arrayContaining([SPIEGEL]),
    });
  });

  it('rebuilds on POST /v1/admin/projections/read-models/rebuild (202), then serves the same ledgers from the new version', async () => {
    const before = await http().get('/v1/ledgers/RU').expect(200);
    const accepted = await http().post('/v1/admin/projections/read-models/rebuild').expect(202);
    expect(accepted.body).toMatchObject({ status: 'building', version: 2 });
    await eventually(async () => (await http().get('/v1/admin/projections/read-models')).body.versions[0].status === 'active');
    const after = await http().get('/v1/ledgers/RU').expect(200);
    expect(after.headers['x-projection-version']).toBe('2');
    expect(after.body).toEqual(before.body);
    await http().post('/v1/admin/projections/unknown/rebuild').expect(404);
  });

  it('documents every read endpoint in OpenAPI', async () => {
    const { body } = await http().get('/docs-json').expect(200);
    for (const path of [
      '/v1/ledgers/{country}',
      '/v1/ledgers/{supplier}/{recipient}',
      '/v1/timeline/{country}',
      '/v1/reports',
      '/v1/reports/{id}',
      '/v1/entities',
      '/v1/admin/projections/{name}/rebuild',
    ])
      expect(Object.keys(body.paths)).toContain(path);
  });
});
