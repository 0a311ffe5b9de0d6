import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import type { QueryRunner } from 'typeorm';
import { PG_POOL } from '@tm/database';
import { SANCTIONS_LIST_STREAM_TYPE, sanctionsListStreamId, type SanctionsEntryV1 } from '@tm/domain';
import { appendToStream, inTransaction } from '@tm/event-store';
import { authedServer, checkResponsesAgainstDocument, createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { ListEntryFoldedNames1765430000000 } from '../../../migrations/1765430000000-list-entry-folded-names';
import { ApiModule } from '../src/api.module';
import { configureHttpApi } from '../src/http-setup';
import { AlertWriter } from '../../screening/src/screening/alert-writer.service';

const entry = (entryId: string, primaryName: string, extra: Partial<SanctionsEntryV1> = {}): SanctionsEntryV1 => ({
  listId: 'ofac-sdn',
  entryId,
  schema: 'Person',
  primaryName,
  names: [{ value: primaryName, kind: 'primary' }],
  programs: ['BELARUS'],
  countries: ['BY'],
  ...extra,
});

describe("GET /v1/sanctions-lists/{listId}/entries: a list's entries, one entry's versions and alerts (real PostgreSQL)", () => {
  let database: TestDatabase;
  let app: INestApplication;
  let pool: Pool;
  const http = () => request(authedServer(app));
  const reportId = randomUUID();

  /** Appends list events as an import does, and keeps `sanctions_entries` as it does (the entries in force). */
  async function importVersion(
    listVersion: string,
    changes: { type: 'SanctionsEntryDesignated' | 'SanctionsEntryAmended' | 'SanctionsEntryDelisted'; entry: SanctionsEntryV1 }[],
  ): Promise<void> {
    await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ version: string }>('SELECT version FROM streams WHERE stream_id = $1', [
        sanctionsListStreamId('ofac-sdn'),
      ]);
      await appendToStream(
        client,
        sanctionsListStreamId('ofac-sdn'),
        SANCTIONS_LIST_STREAM_TYPE,
        rows[0] ? Number(rows[0].version) : 'no-stream',
        changes.map((c) => ({
          type: c.type,
          schemaVersion: 1,
          payload:
            c.type === 'SanctionsEntryDelisted'
              ? { listVersion, listId: 'ofac-sdn', entryId: c.entry.entryId }
              : { listVersion, entry: c.entry },
          metadata: { actor: 'test' },
        })),
      );
      for (const c of changes) {
        if (c.type === 'SanctionsEntryDelisted')
          await client.query(`DELETE FROM sanctions_entries WHERE list_id = 'ofac-sdn' AND entry_id = $1`, [c.entry.entryId]);
        else
          await client.query(
            `INSERT INTO sanctions_entries (list_id, entry_id, fingerprint, changed_in, entry) VALUES ('ofac-sdn', $1, 'f', $2, $3) ON CONFLICT (list_id, entry_id) DO UPDATE SET changed_in = EXCLUDED.changed_in, entry = EXCLUDED.entry`,
            [c.entry.entryId, listVersion, c.entry],
          );
      }
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url);
    app = (await Test.createTestingModule({ imports: [ApiModule] }).compile()).createNestApplication({ logger: false });
    configureHttpApi(app);
    await app.init();
    pool = app.get(PG_POOL);
    const names: SanctionsEntryV1['names'] = [
      { value: 'LUKASHENKO, Alexander', kind: 'primary' },
      { value: 'Лукашенко Александр', kind: 'original-script' },
    ];
    await importVersion('2024-01-01', [
      { type: 'SanctionsEntryDesignated', entry: entry('100', 'LUKASHENKO, Alexander', { names }) },
      { type: 'SanctionsEntryDesignated', entry: entry('200', 'SHEIMAN, Viktor') },
      { type: 'SanctionsEntryDesignated', entry: entry('300', 'BELAZ OJSC', { schema: 'Organization' }) },
    ]);
    await importVersion('2024-05-03', [
      { type: 'SanctionsEntryAmended', entry: entry('100', 'LUKASHENKO, Alexander', { names, programs: ['BELARUS', 'BELARUS-EO14038'] }) },
      { type: 'SanctionsEntryDelisted', entry: entry('200', 'SHEIMAN, Viktor') },
    ]);
    const candidate = {
      reportId,
      claimId: 'c1',
      location: 'claims[c1].recipient.entity',
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
    await new AlertWriter(pool).raise(candidate, 'report-submitted', {});
  }, 60_000);
  checkResponsesAgainstDocument(() => app);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('searches the entries in force by any of their names, any case and script; a delisted one is not in force', async () => {
    const all = await http().get('/v1/sanctions-lists/ofac-sdn/entries').expect(200);
    expect(all.body.items.map((e: { entryId: string }) => e.entryId)).toEqual(['100', '300']);
    expect(all.body.nextCursor).toBeNull();
    const cyrillic = await http()
      .get(`/v1/sanctions-lists/ofac-sdn/entries?q=${encodeURIComponent('лукашенко')}`)
      .expect(200);
    expect(cyrillic.body.items).toEqual([
      {
        listId: 'ofac-sdn',
        entryId: '100',
        schema: 'Person',
        primaryName: 'LUKASHENKO, Alexander',
        programs: ['BELARUS', 'BELARUS-EO14038'],
        countries: ['BY'],
        changedIn: '2024-05-03',
        links: { self: '/v1/sanctions-lists/ofac-sdn/entries/100' },
      },
    ]);
    expect((await http().get('/v1/sanctions-lists/ofac-sdn/entries?q=sheiman').expect(200)).body.items).toEqual([]);
    expect((await http().get('/v1/sanctions-lists/un/entries').expect(200)).body.items).toEqual([]);
    const first = await http().get('/v1/sanctions-lists/ofac-sdn/entries?limit=1').expect(200);
    const second = await http().get(`/v1/sanctions-lists/ofac-sdn/entries?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect([...first.body.items, ...second.body.items].map((e: { entryId: string }) => e.entryId)).toEqual(['100', '300']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers one entry with every version it had and the alerts it raised', async () => {
    const { body } = await http().get('/v1/sanctions-lists/ofac-sdn/entries/100').expect(200);
    expect(body.current).toMatchObject({ entryId: '100', programs: ['BELARUS', 'BELARUS-EO14038'] });
    expect(body.versions.map((v: { change: string; listVersion: string }) => `${v.change} ${v.listVersion}`)).toEqual([
      'designated 2024-01-01',
      'amended 2024-05-03',
    ]);
    expect(body.versions[0].entry.programs).toEqual(['BELARUS']);
    expect(body.alerts).toEqual([
      expect.objectContaining({
        reportId,
        claimId: 'c1',
        status: 'open',
        score: 0.97,
        links: expect.objectContaining({ report: `/v1/reports/${reportId}` }),
      }),
    ]);
    const delisted = await http().get('/v1/sanctions-lists/ofac-sdn/entries/200').expect(200);
    expect(delisted.body).toMatchObject({ current: null, alerts: [] });
    expect(delisted.body.versions.map((v: { change: string }) => v.change)).toEqual(['designated', 'delisted']);
    expect(delisted.body.versions[1]).not.toHaveProperty('entry');
  });

  it('answers 304 to an unchanged poll of the entries and of one entry, as the OpenAPI document says (found by a tester)', async () => {
    // checkResponsesAgainstDocument fails a 304 the document does not list.
    for (const path of ['/v1/sanctions-lists/ofac-sdn/entries?q=lukashenko', '/v1/sanctions-lists/ofac-sdn/entries/100']) {
      const first = await http().get(path).expect(200);
      await http().get(path).set('if-none-match', first.headers.etag).expect(304);
    }
  });

  it('finds a name in any Unicode compatibility form: full-width letters and ligatures are read in NFKC on both sides', async () => {
    // A list writes a name with full-width letters or a ligature; an analyst types it in ASCII, or the reverse.
    await importVersion('2024-06-01', [
      { type: 'SanctionsEntryDesignated', entry: entry('400', '\uff21\uff22\uff23 TRADING LLC', { schema: 'Organization' }) },
      { type: 'SanctionsEntryDesignated', entry: entry('500', 'OFFSHORE \ufb01NANCE LTD', { schema: 'Organization' }) },
      { type: 'SanctionsEntryDesignated', entry: entry('600', 'XYZ SHIPPING', { schema: 'Organization' }) },
    ]);
    const found = async (q: string) =>
      (
        await http()
          .get(`/v1/sanctions-lists/ofac-sdn/entries?q=${encodeURIComponent(q)}`)
          .expect(200)
      ).body.items.map((e: { entryId: string }) => e.entryId);
    expect(await found('abc trading')).toEqual(['400']); // stored full-width, asked in ASCII
    expect(await found('offshore finance')).toEqual(['500']); // stored with the ligature ﬁ
    expect(await found('\uff38\uff39\uff3a')).toEqual(['600']); // stored in ASCII, asked full-width
    expect(await found('\ufb01nance')).toEqual(['500']);
    // Entries stored before the migration are folded when it adds the column.
    const migration = new ListEntryFoldedNames1765430000000();
    const runner = { query: (sql: string) => pool.query(sql) } as unknown as QueryRunner;
    await migration.down(runner);
    await migration.up(runner);
    expect(await found('abc trading')).toEqual(['400']);
  });

  it('refuses bad input with 4xx naming the parameter and the rule', async () => {
    const refused = async (path: string, status: number) =>
      (await http().get(path).expect(status)).body.errors.map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`);
    expect(await refused('/v1/sanctions-lists/ofac-sdn/entries/999', 404)).toEqual(['entryId exists']);
    expect(await refused('/v1/sanctions-lists/interpol/entries', 422)).toEqual(['listId isIn']);
    expect(await refused('/v1/sanctions-lists/ofac-sdn/entries?limit=501', 422)).toEqual(['limit max']);
    expect(await refused(`/v1/sanctions-lists/ofac-sdn/entries?cursor=${Buffer.from('[1,2]').toString('base64url')}`, 422)).toEqual([
      'cursor isCursor',
    ]);
    expect(await refused('/v1/sanctions-lists/ofac-sdn/entries?q=%00', 400)).toEqual(['q noNulCharacter']);
    // One entry takes no query parameter: an unknown one is refused as on the search (found by a tester).
    expect(await refused('/v1/sanctions-lists/ofac-sdn/entries?foo=1', 400)).toEqual(['foo whitelistValidation']);
    expect(await refused('/v1/sanctions-lists/ofac-sdn/entries/100?foo=1', 400)).toEqual(['foo whitelistValidation']);
    expect(await refused('/v1/sanctions-lists/ofac-sdn/entries/100?cursor=abcdefghijklmnop&limit=2', 400)).toEqual([
      'cursor whitelistValidation',
      'limit whitelistValidation',
    ]);
  });
});
