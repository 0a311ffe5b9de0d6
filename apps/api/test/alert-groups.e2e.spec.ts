import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { PG_POOL } from '@tm/database';
import { alertIdFor } from '@tm/domain';
import { authedServer, checkResponsesAgainstDocument, createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { ApiModule } from '../src/api.module';
import { configureHttpApi } from '../src/http-setup';
import { AlertWriter } from '../../screening/src/screening/alert-writer.service';

interface Group {
  reportId?: string;
  listId?: string;
  entryId?: string;
  entryName?: string;
  alerts: number;
  statuses: Record<string, number>;
  maxScore: number;
  alertIds: string[];
  counterparts: number;
  links: { report?: string; alerts: string[] };
}

describe('GET /v1/alert-groups: alerts grouped per report and per list entry (real PostgreSQL)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let pool: Pool;
  const http = () => request(authedServer(app));
  // Three reports naming the same two entries, as the article's six Lukashenko alerts for three reports.
  const reports = [randomUUID(), randomUUID(), randomUUID()];
  const alertIds: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url);
    app = (await Test.createTestingModule({ imports: [ApiModule] }).compile()).createNestApplication({ logger: false });
    configureHttpApi(app);
    await app.init();
    pool = app.get(PG_POOL);
    const writer = new AlertWriter(pool);
    for (const [r, reportId] of reports.entries()) {
      for (const [listId, entryId, entryName, score] of [
        ['ofac-sdn', '100', 'LUKASHENKO, Alexander', 0.9 + r * 0.01],
        ['un', 'BYi.001', 'Alyaksandr LUKASHENKA', 0.8],
      ] as const) {
        const location = `claims[c${r}].recipient.entity`;
        const candidate = {
          reportId,
          claimId: `c${r}`,
          location,
          queryName: 'Alexander Lukashenko',
          listId,
          entryId,
          listVersion: '2024-05-03',
          entryName,
          matchedName: entryName,
          matchedNameKind: 'primary',
          programs: ['BELARUS'],
          countries: ['BY'],
          score,
          explanation: { tokens: [], penalties: [], notes: [] },
        };
        expect(await writer.raise(candidate, 'report-submitted', {})).toBe('raised');
        alertIds[`${r}/${listId}`] = alertIdFor(reportId, location, listId, entryId);
      }
    }
    // One alert dismissed: the counts per status say so.
    await pool.query(`UPDATE alerts SET status = 'dismissed' WHERE alert_id = $1`, [alertIds['0/un']]);
  }, 60_000);
  checkResponsesAgainstDocument(() => app);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('groups by report: each report with its two alerts, highest score first, counts per status and links', async () => {
    const { body } = await http().get('/v1/alert-groups?by=report').expect(200);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((g: Group) => g.reportId).sort()).toEqual([...reports].sort());
    const first = body.items.find((g: Group) => g.reportId === reports[0]);
    expect(first).toMatchObject({
      alerts: 2,
      counterparts: 2,
      maxScore: 0.9,
      alertIds: [alertIds['0/ofac-sdn'], alertIds['0/un']],
      statuses: { open: 1, acknowledged: 0, confirmed: 0, dismissed: 1, superseded: 0 },
    });
    expect(first.links).toEqual({
      report: `/v1/reports/${reports[0]}`,
      alerts: [`/v1/alerts/${alertIds['0/ofac-sdn']}`, `/v1/alerts/${alertIds['0/un']}`],
    });
  });

  it('groups by list entry: each entry with the alerts of the three reports', async () => {
    const { body } = await http().get('/v1/alert-groups?by=entry').expect(200);
    const byEntry = Object.fromEntries(body.items.map((g: Group) => [`${g.listId}/${g.entryId}`, g]));
    expect(Object.keys(byEntry).sort()).toEqual(['ofac-sdn/100', 'un/BYi.001']);
    expect(byEntry['ofac-sdn/100']).toMatchObject({
      entryName: 'LUKASHENKO, Alexander',
      alerts: 3,
      counterparts: 3,
      maxScore: 0.92,
      alertIds: [alertIds['2/ofac-sdn'], alertIds['1/ofac-sdn'], alertIds['0/ofac-sdn']],
    });
    expect(byEntry['un/BYi.001']).toMatchObject({ alerts: 3, statuses: expect.objectContaining({ open: 2, dismissed: 1 }) });
    expect(byEntry['un/BYi.001'].links).toEqual({ alerts: byEntry['un/BYi.001'].alertIds.map((id: string) => `/v1/alerts/${id}`) });
  });

  it("filters the alerts before grouping, with GET /v1/alerts' filters", async () => {
    const open = await http().get('/v1/alert-groups?by=entry&status=open').expect(200);
    expect(open.body.items.map((g: Group) => `${g.listId} ${g.alerts}`).sort()).toEqual(['ofac-sdn 3', 'un 2']);
    const listed = await http().get('/v1/alert-groups?by=report&list=un&minScore=0.5').expect(200);
    expect(listed.body.items.map((g: Group) => g.alerts)).toEqual([1, 1, 1]);
    expect((await http().get('/v1/alert-groups?by=report&country=RU').expect(200)).body.items).toEqual([]);
    expect((await http().get('/v1/alert-groups?by=report&minScore=0.95').expect(200)).body.items).toEqual([]);
  });

  it('pages { items, nextCursor }: following the cursor gives every group once', async () => {
    const whole = (await http().get('/v1/alert-groups?by=report').expect(200)).body.items;
    const paged: Group[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await http()
        .get(`/v1/alert-groups?by=report&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(page.body.items).toHaveLength(1);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);
  });

  it('pages past groups raised in the years 0001-0099', async () => {
    // Years 0-99 are where JS Date (Date.UTC) reads 1950 for 0050; a cursor must carry the instant as PostgreSQL holds it.
    const moved = [
      [reports[0], '0050-06-01 12:00:00.5+00'],
      [reports[1], '0001-01-01 00:00:00+00'],
      [reports[2], '0004-02-29 23:59:59.999999+00'],
    ];
    const before = await pool.query<{ alert_id: string; raised_at: Date }>(`SELECT alert_id, raised_at FROM alerts`);
    try {
      for (const [reportId, at] of moved) await pool.query(`UPDATE alerts SET raised_at = $2 WHERE report_id = $1`, [reportId, at]);
      const whole = (await http().get('/v1/alert-groups?by=report').expect(200)).body.items as (Group & { latestRaisedAt: string })[];
      expect(whole.map((g) => [g.reportId, g.latestRaisedAt])).toEqual([
        [reports[0], '0050-06-01T12:00:00.500Z'],
        [reports[2], '0004-02-29T23:59:59.999Z'],
        [reports[1], '0001-01-01T00:00:00.000Z'],
      ]);
      for (const by of ['report', 'entry']) {
        const all = (await http().get(`/v1/alert-groups?by=${by}`).expect(200)).body.items;
        const paged: Group[] = [];
        let cursor: string | null = null;
        do {
          const page: request.Response = await http()
            .get(`/v1/alert-groups?by=${by}&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
            .expect(200);
          paged.push(...page.body.items);
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(paged).toEqual(all);
      }
    } finally {
      for (const r of before.rows) await pool.query(`UPDATE alerts SET raised_at = $2 WHERE alert_id = $1`, [r.alert_id, r.raised_at]);
    }
  });

  it('refuses bad input with 4xx naming the parameter and the rule', async () => {
    const refused = async (path: string, status: number) =>
      (await http().get(path).expect(status)).body.errors.map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`);
    expect(await refused('/v1/alert-groups', 400)).toEqual(['by isDefined']);
    expect(await refused('/v1/alert-groups?by=program', 422)).toEqual(['by isIn']);
    expect(await refused('/v1/alert-groups?by=report&status=closed', 422)).toEqual(['status isIn']);
    expect(await refused('/v1/alert-groups?by=report&limit=201', 422)).toEqual(['limit max']);
    for (const key of [
      ['yesterday', 'x', ''],
      ['2026-02-30 00:00:00+00', 'x', ''],
      ['0003-02-29 00:00:00+00', 'x', ''],
      ['0000-01-01 00:00:00+00', 'x', ''],
      ['a', 'b'],
    ]) {
      const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
      expect(await refused(`/v1/alert-groups?by=entry&cursor=${cursor}`, 422)).toEqual(['cursor isCursor']);
    }
  });
});
