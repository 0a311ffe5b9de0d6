import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import type { TransferClaim } from '@tm/domain';
import { createPgPool } from '@tm/database';
import { projectLiveEvent } from '@tm/read-models';
import { authedServer, checkResponsesAgainstDocument, createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { ApiModule } from '../src/api.module';
import { configureHttpApi } from '../src/http-setup';
import { appendReportEvents, readEvents } from '../../projector/test/support/events';
import { scenario } from '../../projector/test/support/scenario';

interface Flow {
  supplier: string;
  recipient: string;
  category: string;
  stage: string;
  year: number | null;
  claims: number;
  quantity: { unit: string; min: number; max: number }[];
}

/**
 * The flows the scenario's first `steps` events make, with plain bookkeeping (not the read models' fold): the last
 * version of each transfer claim, retracted ones left out; summed over categories (so the check does not reuse the
 * category rules), keyed `supplier>recipient stage year`, as `[claims, units]`.
 */
function expectedFlows(steps: ReturnType<typeof scenario>): Record<string, [number, number]> {
  const claims = new Map<string, { claim: TransferClaim; retracted: boolean }>();
  for (const { reportId, events } of steps) {
    for (const event of events) {
      if (event.type === 'ReportSubmitted')
        for (const c of event.payload.claims)
          if (c.kind === 'transfer') claims.set(`${reportId}/${c.claimId}`, { claim: c, retracted: false });
      if (event.type === 'ClaimAmended' && event.payload.claim.kind === 'transfer')
        claims.get(`${reportId}/${event.payload.claim.claimId}`)!.claim = event.payload.claim;
      if (event.type === 'ReportRetracted') for (const [key, c] of claims) if (key.startsWith(`${reportId}/`)) c.retracted = true;
    }
  }
  const flows: Record<string, [number, number]> = {};
  for (const { claim, retracted } of claims.values()) {
    if (retracted) continue;
    const key = `${claim.supplier.country}>${claim.recipient.country} ${claim.stage} ${claim.date ? claim.date.earliest.slice(0, 4) : 'null'}`;
    const [n, units] = flows[key] ?? [0, 0];
    flows[key] = [n + 1, units + (claim.quantity?.unit === 'units' ? claim.quantity.value! : 0)];
  }
  return flows;
}

function summed(items: Flow[]): Record<string, [number, number]> {
  const flows: Record<string, [number, number]> = {};
  for (const f of items) {
    const key = `${f.supplier}>${f.recipient} ${f.stage} ${f.year}`;
    const [n, units] = flows[key] ?? [0, 0];
    flows[key] = [n + f.claims, units + (f.quantity.find((q) => q.unit === 'units')?.min ?? 0)];
  }
  return flows;
}

describe('GET /v1/flows: claims and quantities per supplier × recipient × category × stage × year (real PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  const steps = scenario('flows');
  let projectedUpTo = 0;
  let positionBeforeLaterKnowledge = 0;
  const http = () => request(authedServer(app));

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
    for (const event of await readEvents(pool)) await projectLiveEvent(pool, event);
    projectedUpTo = Math.max(...(await readEvents(pool)).map((e) => e.globalPosition));
  });
  // Every response below must be one the served OpenAPI document describes.
  checkResponsesAgainstDocument(() => app);
  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await database?.drop();
  });

  it('counts every standing transfer claim once, with its quantity, as bookkeeping over the inputs does; position and polling headers', async () => {
    const response = await http().get('/v1/flows').expect(200);
    expect(summed(response.body.items)).toEqual(expectedFlows(steps));
    expect(response.body).toMatchObject({ nextCursor: null, position: projectedUpTo });
    expect(response.headers['x-projection-position']).toBe(String(projectedUpTo));
    expect(response.headers.etag).toEqual(expect.any(String));
    // The article's Chinese drones for Russia: under negotiation (denied by Bingo, still a claim), 100 units.
    expect(response.body.items).toContainEqual({
      supplier: 'CN',
      recipient: 'RU',
      category: 'aircraft',
      stage: 'under-negotiation',
      year: 2023,
      claims: 1,
      quantity: [{ unit: 'units', min: 100, max: 100, claims: 1, openEnded: false }],
    });
  });

  it("filters by a country's side (any case), category, stage, status and credibility", async () => {
    const pairs = async (path: string) => [
      ...new Set(((await http().get(path).expect(200)).body.items as Flow[]).map((f) => `${f.supplier}>${f.recipient}`)),
    ];
    expect(await pairs('/v1/flows?country=by')).toEqual(['BY>RU', 'CN>BY']);
    expect(await pairs('/v1/flows?country=BY&direction=both')).toEqual(['BY>RU', 'CN>BY']);
    expect(await pairs('/v1/flows?country=BY&direction=supplier')).toEqual(['BY>RU']);
    expect(await pairs('/v1/flows?country=BY&direction=recipient')).toEqual(['CN>BY']);
    expect(await pairs('/v1/flows?country=RU&direction=supplier')).toEqual([]);
    expect(await pairs('/v1/flows?minCredibility=2')).toEqual(['BY>RU', 'CN>RU', 'IR>RU']);
    const drones = await http().get('/v1/flows?country=CN&category=Aircraft&stage=under-negotiation').expect(200);
    expect(drones.body.items).toHaveLength(1);
    const retracted = await http().get('/v1/flows?status=retracted').expect(200);
    expect(retracted.body.items).toEqual([
      {
        supplier: 'IR',
        recipient: 'RU',
        category: 'missiles',
        stage: 'delivered',
        year: 2023,
        claims: 1,
        quantity: [{ unit: 'units', min: 1000, max: 1000, claims: 1, openEnded: false }],
      },
    ]);
    expect((await http().get('/v1/flows?from=2024').expect(200)).body.items).toEqual([]);
  });

  it('answers flows as known at a past position (before the amendment and the retraction) and as known now equal to the live answer', async () => {
    const past = await http().get(`/v1/flows?asOf=${positionBeforeLaterKnowledge}`).expect(200);
    expect(past.body.position).toBe(positionBeforeLaterKnowledge);
    expect(summed(past.body.items)).toEqual(expectedFlows(steps.slice(0, 5)));
    const live = await http().get('/v1/flows').expect(200);
    const now = await http()
      .get(`/v1/flows?asOf=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`)
      .expect(200);
    expect(now.body).toEqual(live.body);
  });

  it('pages { items, nextCursor }: following the cursor gives the whole answer; pages keep ETag/304; an edited cursor is a 422', async () => {
    const whole = (await http().get('/v1/flows').expect(200)).body.items;
    expect(whole.length).toBeGreaterThan(3);
    const paged: Flow[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await http()
        .get(`/v1/flows?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
      if (cursor) await http().get(`/v1/flows?limit=2&cursor=${cursor}`).set('if-none-match', page.headers.etag).expect(200);
    } while (cursor);
    expect(paged).toEqual(whole);
    const first = await http().get('/v1/flows?limit=2').expect(200);
    await http().get('/v1/flows?limit=2').set('if-none-match', first.headers.etag).expect(304);
    const edited = await http()
      .get(`/v1/flows?cursor=${Buffer.from('["a","b"]').toString('base64url')}`)
      .expect(422);
    expect(edited.body.errors).toEqual([expect.objectContaining({ path: 'cursor', rule: 'isCursor' })]);
  });

  it("GET /v1/flows/changes: the positions at which a country's transfer claims changed, the asOf steps of its flows and ledger", async () => {
    type Change = { position: number; recordedAt: string };
    const paged = async (path: string) => {
      const items: Change[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await http()
          .get(`${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        items.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return items;
    };
    const positionsOf = async (country: string) =>
      ((await http().get(`/v1/flows/changes?country=${country}`).expect(200)).body.items as Change[]).map((c) => c.position);
    // Russia's: submissions, the amendment, the evidence and the retraction; oldest first, each with its recording time.
    const russia = await http().get('/v1/flows/changes?country=ru').expect(200);
    expect(russia.body).toMatchObject({ country: 'RU', nextCursor: null });
    const positions: number[] = russia.body.items.map((c: Change) => c.position);
    expect(positions.length).toBeGreaterThan(4);
    expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
    expect(russia.body.items.every((c: Change) => !Number.isNaN(Date.parse(c.recordedAt)))).toBe(true);
    expect(positions[positions.length - 1]).toBe(projectedUpTo); // the retraction, last of the scenario
    expect(await paged('/v1/flows/changes?country=RU')).toEqual(russia.body.items); // pages of 2 give the whole answer
    await http().get('/v1/flows/changes?country=RU').set('if-none-match', russia.headers.etag).expect(304);
    expect(russia.headers['x-projection-position']).toBe(String(projectedUpTo));
    // Without a country: every country's.
    const all = (await paged('/v1/flows/changes')).map((c) => c.position);
    expect(all).toEqual([...new Set(all)].sort((a, b) => a - b));
    const [belarus, china] = [await positionsOf('BY'), await positionsOf('CN')];
    expect(all).toEqual(expect.arrayContaining([...positions, ...belarus, ...china]));
    // The ledger is empty before the first; it changes at no other position (between two it answers alike), and at the
    // last it is the ledger now. Belarus's one change (its report) is followed by other countries' events.
    const ledgerAt = async (country: string, asOf: number) =>
      (await http().get(`/v1/ledgers/${country}?asOf=${asOf}&limit=1000`).expect(200)).body.items;
    for (const [country, steps] of [
      ['BY', belarus],
      ['CN', china],
      ['RU', positions],
    ] as const) {
      expect(steps.length).toBeGreaterThan(0);
      expect(await ledgerAt(country, steps[0] - 1)).toEqual([]);
      for (const [i, position] of steps.entries()) {
        const atStep = await ledgerAt(country, position);
        const next = steps[i + 1] ?? projectedUpTo + 1;
        for (let between = position + 1; between < next; between++)
          expect([country, between, await ledgerAt(country, between)]).toEqual([country, between, atStep]);
      }
      expect(await ledgerAt(country, steps[steps.length - 1])).toEqual(
        (await http().get(`/v1/ledgers/${country}?limit=1000`).expect(200)).body.items,
      );
    }
    expect(belarus[0]).toBeLessThan(projectedUpTo - 1); // so the check above read positions between its change and now
    // steps: at most that many of them in one answer, spread evenly, the first and the last always; total counts all.
    for (const steps of [2, 3, all.length - 1, all.length, 1000]) {
      const spread = (await http().get(`/v1/flows/changes?steps=${steps}`).expect(200)).body;
      const got = (spread.items as Change[]).map((c) => c.position);
      expect([steps, spread.total, spread.nextCursor]).toEqual([steps, all.length, null]);
      expect(got.length).toBe(Math.min(steps, all.length));
      expect([got[0], got[got.length - 1]]).toEqual([all[0], all[all.length - 1]]);
      expect(all).toEqual(expect.arrayContaining(got));
      expect(got).toEqual([...got].sort((a, b) => a - b));
    }
    expect(all.length).toBeGreaterThan(4);
    const refused = async (path: string) =>
      (await http().get(path).expect(422)).body.errors.map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`);
    expect(await refused('/v1/flows/changes?country=XX')).toEqual(['country isIso3166Alpha2']);
    expect(await refused('/v1/flows/changes?limit=1001')).toEqual(['limit max']);
    expect(await refused('/v1/flows/changes?steps=1')).toEqual(['steps min']);
    expect(await refused('/v1/flows/changes?steps=2.5')).toEqual(['steps isInt']);
    const cursor = (await http().get('/v1/flows/changes?limit=1').expect(200)).body.nextCursor as string;
    const edited = `${cursor.slice(0, 11)}${Buffer.from('["x"]').toString('base64url')}`;
    expect(await refused(`/v1/flows/changes?limit=1&cursor=${edited}`)).toEqual(['cursor isCursor']);
  });

  it('refuses bad input with 4xx naming the parameter and the rule', async () => {
    const refused = async (path: string, status: number) =>
      (await http().get(path).expect(status)).body.errors.map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`);
    expect(await refused('/v1/flows?direction=supplier', 422)).toEqual(['direction requiresCountry']);
    expect(await refused('/v1/flows?country=RU&direction=sideways', 422)).toEqual(['direction isIn']);
    expect(await refused('/v1/flows?country=XX', 422)).toEqual(['country isIso3166Alpha2']);
    expect(await refused('/v1/flows?stage=rumoured', 422)).toEqual(['stage isIn']);
    expect(await refused('/v1/flows?asOf=yesterday', 422)).toEqual(['asOf isAsOf']);
    expect(await refused('/v1/flows?from=2023-02-30', 422)).toEqual(['from isIso8601']);
    expect(await refused('/v1/flows?limit=0', 422)).toEqual(['limit min']);
    expect(await refused('/v1/flows?limit=1001', 422)).toEqual(['limit max']);
    expect(await refused('/v1/flows?colour=red', 400)).toEqual(['colour whitelistValidation']);
  });
});
