import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import type { QueryRunner } from 'typeorm';
import request from 'supertest';
import { createPgPool } from '@tm/database';
import { projectLiveEvent, readModelSchemaDdl } from '@tm/read-models';
import {
  authedServer,
  checkResponsesAgainstDocument,
  createTestDatabase,
  source,
  type TestDatabase,
  transfer,
  useTestEnvironment,
} from '@tm/testing';
import { FullTextSearch1765100000000 } from '../../../migrations/1765100000000-full-text-search';
import { SearchNfc1765390000000 } from '../../../migrations/1765390000000-search-nfc';
import { SearchTrigrams1765400000000 } from '../../../migrations/1765400000000-search-trigrams';
import { ApiModule } from '../src/api.module';
import { configureHttpApi } from '../src/http-setup';
import { appendReportEvents, eventually, readEvents } from '../../projector/test/support/events';
import { scenario } from '../../projector/test/support/scenario';

interface Hit {
  reportId: string;
  claimId?: string;
  rank: number;
  title: string;
  headline: string;
}
const ref = (h: Hit) => (h.claimId ? `${h.reportId}/${h.claimId}` : h.reportId);

describe('GET /v1/search: full-text search over reports and claims (real PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let projectedUpTo = 0;
  const steps = scenario('search');
  const article = randomUUID();
  const unicode = randomUUID();
  const http = () => request(authedServer(app));

  async function project(): Promise<void> {
    for (const event of await readEvents(pool)) if (event.globalPosition > projectedUpTo) await projectLiveEvent(pool, event);
    projectedUpTo = Math.max(projectedUpTo, ...(await readEvents(pool)).map((e) => e.globalPosition));
  }
  const search = async (qs: string): Promise<Hit[]> => (await http().get(`/v1/search?${qs}`).expect(200)).body.items;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url);
    pool = createPgPool(database.url, 4);
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApi(app);
    await app.init();
    for (const step of steps) await appendReportEvents(pool, step.reportId, step.events);
    await appendReportEvents(pool, article, [
      {
        type: 'ReportSubmitted',
        payload: {
          reportId: article,
          source: { ...source('Kyiv Independent', '2023-05-01'), title: 'Shahed drones over Kyiv' },
          sourceReliability: 'B',
          text: 'Air defence (range < 40 km) says <script>alert(1)</script> & friends: Iranian-made drones hit the city overnight.',
          claims: [
            transfer('k1', {
              supplier: { country: 'IR' },
              item: { description: 'loitering munitions', designation: 'Shahed-136', sipriCategory: 'Aircraft' },
            }),
          ],
        },
      },
    ]);
    // Accents composed (NFC) and decomposed (NFD) as sources send them; a Chinese sentence with no spaces.
    await appendReportEvents(pool, unicode, [
      {
        type: 'ReportSubmitted',
        payload: {
          reportId: unicode,
          source: { ...source('Neue Zu\u0308rcher Zeitung', '2023-06-01'), title: 'Deliveries from the Mu\u0308ller plant' },
          sourceReliability: 'B',
          text: 'Paid through a caf\u00e9 front. \u4e2d\u56fd\u5411\u4fc4\u7f57\u65af\u51fa\u53e3\u65e0\u4eba\u673a\u548c\u96f6\u90e8\u4ef6\u3002',
          claims: [transfer('u1', { supplier: { country: 'CN' }, item: { description: 'Gera\u0308te f\u00fcr Drohnen' } })],
        },
      },
    ]);
    await project();
  });
  // Every response below must be one the served OpenAPI document describes.
  checkResponsesAgainstDocument(() => app);
  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await database?.drop();
  });

  it('finds reports and claims by stemmed words, best rank first, with escaped highlights', async () => {
    const hits = await search('q=drone');
    expect(hits.map(ref).sort()).toEqual([article, 'search-politico/c1', 'search-spiegel/b1'].sort());
    expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => b - a));
    // The title weighs more than a claim's words: the article's title names the drones.
    expect(ref(hits[0])).toBe(article);
    expect(hits[0].headline).toContain('<b>drones</b>');
    expect(hits[0].headline).not.toContain('<script>');
    const bingo = hits.find((h) => h.claimId === 'b1')!;
    expect(bingo.headline).toContain('kamikaze <b>drones</b>');
    // The words analysts wrote (item, designation, names), with the report's title beside: not the claim's codes,
    // enum values, ids or dates, which the vector also holds (the tester saw "… · Aircraft · transfer · delivered · IR").
    expect(bingo.title).toBe('Der Spiegel report');
    expect(bingo.headline).toContain('ZT-180');
    expect(bingo.headline).not.toMatch(/Aircraft|under-negotiation|military|transfer|units|exact|company|\bCN\b|\bRU\b|2023-02|\bb1\b/);
    expect(hits[0].title).toBe('Shahed drones over Kyiv');
    const phrase = await search(`q=${encodeURIComponent('"kamikaze drones" -shahed')}`);
    expect(phrase.map(ref)).toEqual(['search-spiegel/b1']);
  });

  it('finds words whatever their Unicode normalisation, in the query or the stored text (composed or decomposed accents)', async () => {
    const found = async (q: string) => (await search(`q=${encodeURIComponent(q)}`)).map(ref);
    for (const q of ['M\u00fcller', 'Mu\u0308ller', 'caf\u00e9', 'cafe\u0301', 'Z\u00fcrcher'])
      expect({ q, hits: await found(q) }).toEqual({ q, hits: [unicode] });
    for (const q of ['Ger\u00e4te', 'Gera\u0308te', 'f\u00fcr Drohnen', 'fu\u0308r Drohnen'])
      expect({ q, hits: await found(q) }).toEqual({ q, hits: [`${unicode}/u1`] });
    const [hit] = await search(`q=${encodeURIComponent('Mu\u0308ller')}`);
    expect(hit.headline).toContain('<b>');
  });

  it('finds a Chinese word inside a longer run of Chinese text (no spaces between words)', async () => {
    for (const q of ['\u65e0\u4eba\u673a', '\u4fc4\u7f57\u65af', '\u4e2d\u56fd', '\u96f6\u90e8\u4ef6'])
      expect({ q, hits: (await search(`q=${encodeURIComponent(q)}`)).map(ref) }).toEqual({ q, hits: [unicode] });
    expect(await search(`q=${encodeURIComponent('\u65e5\u672c')}`)).toEqual([]);
    // With English words (stemmed, from the vectors), excluded, in the report list, marked in the headline.
    const q = (text: string) => encodeURIComponent(text);
    expect((await search(`q=${q('delivery \u65e0\u4eba\u673a')}`)).map(ref)).toEqual([unicode]);
    expect(await search(`q=${q('tanks \u65e0\u4eba\u673a')}`)).toEqual([]);
    expect((await search(`q=${q('drones -\u65e0\u4eba\u673a')}&kind=report`)).map(ref)).toEqual([article]);
    const listed = (
      await http()
        .get(`/v1/reports?q=${q('\u4fc4\u7f57\u65af')}`)
        .expect(200)
    ).body.items;
    expect(listed.map((r: { reportId: string }) => r.reportId)).toEqual([unicode]);
    const [hit] = await search(`q=${q('\u65e0\u4eba\u673a')}`);
    expect(hit.headline).toContain('\u51fa\u53e3<b>\u65e0\u4eba\u673a</b>\u548c');
  });

  it('finds a Chinese term of two characters through the character pairs, with words, excluded, in the report list; refuses one character', async () => {
    const q = (text: string) => encodeURIComponent(text);
    // 中国 向俄 出口 零部 (pairs of the run, across its words); 中向 and 日本 are in no run.
    for (const term of ['\u4e2d\u56fd', '\u5411\u4fc4', '\u51fa\u53e3', '\u96f6\u90e8'])
      expect({ term, hits: (await search(`q=${q(term)}`)).map(ref) }).toEqual({ term, hits: [unicode] });
    expect(await search(`q=${q('\u4e2d\u5411')}`)).toEqual([]);
    expect((await search(`q=${q('delivery \u51fa\u53e3')}`)).map(ref)).toEqual([unicode]);
    expect((await search(`q=${q('\u51fa\u53e3 \u65e0\u4eba\u673a')}`)).map(ref)).toEqual([unicode]);
    expect(await search(`q=${q('tanks \u51fa\u53e3')}`)).toEqual([]);
    expect((await search(`q=${q('drones -\u51fa\u53e3')}&kind=report`)).map(ref)).toEqual([article]);
    expect((await search(`q=${q('drones -\u65e5\u672c')}&kind=report`)).map(ref).sort()).toContain(article);
    const listed = (
      await http()
        .get(`/v1/reports?q=${q('\u51fa\u53e3')}`)
        .expect(200)
    ).body.items;
    expect(listed.map((r: { reportId: string }) => r.reportId)).toEqual([unicode]);
    const [hit] = await search(`q=${q('\u51fa\u53e3')}`);
    expect(hit.headline).toContain('\u4fc4\u7f57\u65af<b>\u51fa\u53e3</b>\u65e0');
    // One such character (alone, excluded, or with one other character) is in most rows of such text: refused.
    const refused = async (path: string) =>
      (await http().get(path).expect(422)).body.errors.map((e: { path: string; rule: string; message: string }) => `${e.path} ${e.rule}`);
    for (const term of ['\u4e2d', '-\u4e2d', 'drones \u56fd', 'A\u80a1', '"\u4e2d"'])
      expect({ term, errors: await refused(`/v1/search?q=${q(term)}`) }).toEqual({ term, errors: ['q minCjkTermLength'] });
    expect(await refused(`/v1/reports?q=${q('\u4e2d')}`)).toEqual(['q minCjkTermLength']);
    const { body } = await http()
      .get(`/v1/search?q=${q('\u4e2d')}`)
      .expect(422);
    expect(body.errors[0].message).toContain('add a character');
    // Three characters with one such character are read through the trigrams.
    expect(await search(`q=${q('AB\u80a1')}`)).toEqual([]);
  });

  it('escapes the stored text of a headline (HTML with only <b> added)', async () => {
    const [hit] = await search('q=friends&kind=report');
    // The text's own markup is shown escaped, not left out (PostgreSQL's parser would drop what it reads as tags).
    expect(hit.headline).toContain(
      'defence (range &lt; 40 km) says &lt;script&gt;alert(1)&lt;/script&gt; &amp; <b>friends</b>: Iranian-made',
    );
    expect(hit.headline.replace(/<\/?b>/g, '')).not.toMatch(/[<>]/);
  });

  it('combines filters with the words: kind, country, publisher, status, reliability, publication dates', async () => {
    expect((await search('q=drones&kind=claim')).map(ref).sort()).toEqual(['search-politico/c1', 'search-spiegel/b1']);
    expect((await search('q=drones&kind=report')).map(ref)).toEqual([article]);
    expect((await search('q=drones&publisher=SPIEGEL')).map(ref)).toEqual(['search-spiegel/b1']);
    expect((await search('q=missiles&status=retracted')).map(ref)).toEqual(['search-tabloid/e1']);
    expect((await search('q=missiles&status=active')).map(ref)).toEqual(['search-politico/c2']);
    expect((await search('q=drones&country=ir')).map(ref).sort()).toEqual([article, 'search-politico/c1'].sort());
    expect(await search('q=drones&sourceReliability=F')).toEqual([]);
    expect((await search('q=drones&from=2023-04')).map(ref).sort()).toEqual([article]);
    expect((await search('q=drones&to=2023-04')).map(ref).sort()).toEqual(['search-politico/c1', 'search-spiegel/b1']);
  });

  it('filters the report list by the same words (GET /v1/reports?q=), with its other filters, newest first', async () => {
    const listed = async (qs: string): Promise<string[]> =>
      (await http().get(`/v1/reports?${qs}`).expect(200)).body.items.map((r: { reportId: string }) => r.reportId);
    const drones = await listed('q=drone&limit=100');
    expect([...drones].sort()).toEqual([article, 'search-politico', 'search-spiegel'].sort());
    expect(drones[0]).toBe(article); // submitted last
    expect(await listed(`q=${encodeURIComponent('"kamikaze drones" -shahed')}&limit=100`)).toEqual(['search-spiegel']);
    expect(await listed('q=drone&sourceReliability=B&limit=100')).toContain(article);
    const first = await http().get('/v1/reports?q=drone&limit=1').expect(200);
    const second = await http().get(`/v1/reports?q=drone&limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect([first.body.items[0].reportId, second.body.items[0].reportId]).toEqual(drones.slice(0, 2));
    expect(
      (
        await http()
          .get(`/v1/reports?q=${'a'.repeat(201)}`)
          .expect(422)
      ).body.errors.map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`),
    ).toEqual(['q isLength']);
  });

  it('pages { items, nextCursor }: following the cursor gives the whole answer; ETag/304; an edited cursor is a 422', async () => {
    const whole = await search('q=drones');
    const paged: Hit[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await http()
        .get(`/v1/search?q=drones&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(page.body.items).toHaveLength(1);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);
    const first = await http().get('/v1/search?q=drones').expect(200);
    await http().get('/v1/search?q=drones').set('if-none-match', first.headers.etag).expect(304);
    for (const key of [
      ['abc', 'x', ''],
      ['1e400', 'x', ''],
      ['0.1', 'x'],
      [null, 'x', ''],
    ]) {
      const edited = await http()
        .get(`/v1/search?q=drones&cursor=${Buffer.from(JSON.stringify(key)).toString('base64url')}`)
        .expect(422);
      expect(edited.body.errors).toEqual([expect.objectContaining({ path: 'cursor', rule: 'isCursor' })]);
    }
  });

  it('follows the projection: an amended claim is found by its new words, not its old ones', async () => {
    await appendReportEvents(pool, article, [
      {
        type: 'ClaimAmended',
        payload: {
          reportId: article,
          claim: transfer('k1', {
            supplier: { country: 'IR' },
            item: { description: 'loitering munitions', designation: 'Geran-2', sipriCategory: 'Aircraft' },
          }),
          reason: 'Russian designation',
        },
      },
    ]);
    await project();
    expect((await search('q=geran')).map(ref)).toEqual([`${article}/k1`]);
    expect(await search('q=shahed-136&kind=claim')).toEqual([]);
  });

  it('answers the same after a rebuild (the new version fills its vectors and indexes them)', async () => {
    const before = await http().get('/v1/search?q=drones%20or%20missiles').expect(200);
    await http().post('/v1/admin/projections/read-models/rebuild').expect(202);
    await eventually(async () => (await http().get('/v1/admin/projections/read-models')).body.versions[0].status === 'active');
    const after = await http().get('/v1/search?q=drones%20or%20missiles').expect(200);
    expect(after.headers['x-projection-version']).toBe('2');
    expect(after.body).toEqual(before.body);
    const { rows } = await pool.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'rm_v2' AND indexname LIKE '%search%' ORDER BY 1`,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      'claim_states_search_idx',
      'claim_states_search_pairs_idx',
      'claim_states_search_text_idx',
      'report_views_search_idx',
      'report_views_search_pairs_idx',
      'report_views_search_text_idx',
    ]);
  });

  it("adds to a version made before it the vectors today's tables compute (the migrations' frozen DDL)", async () => {
    await pool.query(readModelSchemaDdl('rm_v90'));
    await pool.query(`ALTER TABLE rm_v90.report_views DROP COLUMN search; ALTER TABLE rm_v90.claim_states DROP COLUMN search`);
    await pool.query(
      `INSERT INTO rm_v90.report_views SELECT report_id, submitted_position, published_on, publisher, source_reliability, status, countries, claim_count, state, updated_at FROM rm_v2.report_views`,
    );
    await pool.query(
      `INSERT INTO rm_v90.claim_states SELECT report_id, claim_id, kind, status, credibility, ledger_keys, entity_keys, state FROM rm_v2.claim_states`,
    );
    const runner = { query: async (sql: string) => (await pool.query(sql)).rows } as unknown as QueryRunner;
    await new FullTextSearch1765100000000().up(runner);
    await new SearchNfc1765390000000().up(runner);
    await new SearchTrigrams1765400000000().up(runner);
    for (const table of ['report_views', 'claim_states']) {
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE o.search IS DISTINCT FROM n.search)::int AS differ FROM rm_v90.${table} o JOIN rm_v2.${table} n USING (report_id${table === 'claim_states' ? ', claim_id' : ''})`,
      );
      expect({ table, ...rows[0] }).toEqual({ table, n: expect.any(Number), differ: 0 });
      expect(rows[0].n).toBeGreaterThan(3);
    }
    await pool.query('DROP SCHEMA rm_v90 CASCADE');
  });

  it('refuses bad input with 4xx naming the parameter and the rule', async () => {
    const refused = async (path: string, status: number) =>
      (await http().get(path).expect(status)).body.errors.map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`);
    expect(await refused('/v1/search', 400)).toEqual(['q isDefined']);
    expect(await refused('/v1/search?q=%20%21%21', 422)).toEqual(['q matches']);
    expect(await refused(`/v1/search?q=${'a'.repeat(201)}`, 422)).toEqual(['q isLength']);
    expect(await refused('/v1/search?q=x&kind=entity', 422)).toEqual(['kind isIn']);
    expect(await refused('/v1/search?q=x&limit=101', 422)).toEqual(['limit max']);
    expect(await refused('/v1/search?q=x&country=XX', 422)).toEqual(['country isIso3166Alpha2']);
    expect(await refused('/v1/search?q=x&colour=red', 400)).toEqual(['colour whitelistValidation']);
    // Stop words only: a valid query that finds nothing.
    expect(await search('q=the')).toEqual([]);
  });
});
