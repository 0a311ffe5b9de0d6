import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { sanctionsListStreamId } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { dataPath } from '@tm/screening';
import { useTestDatabase } from '@tm/testing';
import { importSanctionsList } from './import-sanctions-list';

/** Every importer through `importSanctionsList` on the real files in `data/sanctions/` (no Kafka needed). */
describe('importSanctionsList: each list format from the files in data/sanctions (real PostgreSQL)', () => {
  const db = useTestDatabase({ poolSize: 4 });
  let pool: Pool;
  const settings = () => ({ importDir: dataPath('sanctions'), maxBytes: 50_000_000, timeoutMs: 5_000 });
  const types = async (listId: string) => (await readStream(pool, sanctionsListStreamId(listId))).events.map((e) => e.type);

  beforeAll(() => {
    pool = db.pool;
  });

  it.each([
    ['ofac-non-sdn', ['ofac-non-sdn-2025-12'], undefined],
    ['eu-fsf', ['format-samples/eu_fsf-sample.xml'], undefined],
    ['uk-hmt', ['format-samples/uk_hmt_conlist-sample.csv'], undefined],
    ['opensanctions', ['opensanctions/zala-kalashnikov.entities.ftm.json'], undefined],
  ])('imports %s, then the same version changes nothing', async (listId, sources, format) => {
    const first = await importSanctionsList(pool, { listId, sources, format }, settings());
    expect(first).toMatchObject({ status: 'imported', listId });
    if (first.status !== 'imported') throw new Error('not imported');
    expect(first.counts.designated).toBeGreaterThan(0);
    const events = await types(listId);
    expect(events[events.length - 1]).toBe('SanctionsListVersionImported');
    expect(events.filter((t) => t === 'SanctionsEntryDesignated')).toHaveLength(first.counts.designated);
    expect(await importSanctionsList(pool, { listId, sources, format }, settings())).toMatchObject({ status: 'unchanged' });
    expect(await types(listId)).toEqual(events);
  });

  it('imports the US CSL (the bundled sample), then a new version as its delta; the same file or one that does not parse changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-csl-'));
    try {
      const csl = { importDir: dir, maxBytes: 1_000_000, timeoutMs: 5_000 };
      const [header, ...rows] = readFileSync(dataPath('sanctions', 'format-samples', 'us_csl-sample.csv'), 'utf8')
        .split('\n')
        .filter(Boolean);
      writeFileSync(join(dir, 'v1.csv'), [header, ...rows].join('\n'));
      // The next version: the first row (State's ISN entry) removed, SME BANK with one more alias, a new row.
      const next = rows
        .slice(1)
        .map((r) => (r.startsWith('"18283"') ? r.replace('"JSC RUSSIAN BANK', '"SME BANK JSC; JSC RUSSIAN BANK') : r));
      writeFileSync(
        join(dir, 'v2.csv'),
        [
          header,
          ...next,
          '"csl-new-1","Entity List (EL) - Bureau of Industry and Security","","","","Example Avionics Ltd","","Minsk, BY"',
        ].join('\n'),
      );
      writeFileSync(join(dir, 'broken.csv'), 'name,source\nX,Y\n');

      expect(await importSanctionsList(pool, { listId: 'us-csl', sources: ['v1.csv'], version: '2026-01-05' }, csl)).toMatchObject({
        status: 'imported',
        counts: { entries: 13, designated: 13 },
      });
      expect(await importSanctionsList(pool, { listId: 'us-csl', sources: ['v1.csv'], version: '2026-01-05' }, csl)).toMatchObject({
        status: 'unchanged',
      });
      const second = await importSanctionsList(pool, { listId: 'us-csl', sources: ['v2.csv'], version: '2026-01-06' }, csl);
      expect(second).toMatchObject({
        status: 'imported',
        version: '2026-01-06',
        counts: { entries: 13, designated: 1, amended: 1, delisted: 1 },
      });
      const stream = await readStream(pool, sanctionsListStreamId('us-csl'));
      const version2 = stream.events.slice(14);
      expect(version2.map((e) => e.type)).toEqual([
        'SanctionsEntryDesignated',
        'SanctionsEntryAmended',
        'SanctionsEntryDelisted',
        'SanctionsListVersionImported',
      ]);
      expect(version2[0]!.payload).toMatchObject({
        listVersion: '2026-01-06',
        entry: { entryId: 'csl-new-1', primaryName: 'Example Avionics Ltd', programs: ['EL'], countries: ['BY'] },
      });
      expect(version2[1]!.payload).toMatchObject({ entry: { entryId: '18283' } });
      expect(version2[2]!.payload).toMatchObject({ entryId: '233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b' });

      const inForce = async () =>
        (await pool.query(`SELECT version, content_hash, entry_count FROM sanctions_lists WHERE list_id = 'us-csl'`)).rows;
      const before = await inForce();
      expect(await importSanctionsList(pool, { listId: 'us-csl', sources: ['broken.csv'] }, csl)).toMatchObject({
        status: 'failed',
        reason: { code: 'list-format' },
      });
      expect(await inForce()).toEqual(before);
      expect(before[0]).toMatchObject({ version: '2026-01-06', entry_count: 13 });
      expect((await readStream(pool, sanctionsListStreamId('us-csl'))).events.at(-1)!.type).toBe('SanctionsListImportFailed');

      // The first version again, dated before the one in force: a rollback, refused unless asked for.
      const older = await importSanctionsList(pool, { listId: 'us-csl', sources: ['v1.csv'], version: '2026-01-05' }, csl);
      expect(older).toMatchObject({ status: 'failed', reason: { code: 'list-version', rule: 'notOlderThanInForce' } });
      expect(await inForce()).toEqual(before);
      const events = (await readStream(pool, sanctionsListStreamId('us-csl'))).events;
      expect(events.at(-1)!.type).toBe('SanctionsListImportFailed');
      expect(events.filter((e) => e.type === 'SanctionsEntryDelisted')).toHaveLength(1);
      const rolledBack = await importSanctionsList(
        pool,
        { listId: 'us-csl', sources: ['v1.csv'], version: '2026-01-05', allowOlder: true },
        csl,
      );
      expect(rolledBack).toMatchObject({ status: 'imported', version: '2026-01-05', counts: { designated: 1, delisted: 1, amended: 1 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies OpenSanctions targets.simple.csv and then delta files on top of the version in force', async () => {
    const csv = await importSanctionsList(
      pool,
      // The sample is dated before the bundled version an earlier test put in force: a rollback, asked for.
      { listId: 'opensanctions', sources: ['opensanctions/targets.simple-sample.csv'], allowOlder: true },
      settings(),
    );
    expect(csv).toMatchObject({ status: 'imported' });
    const delta = await importSanctionsList(
      pool,
      {
        listId: 'opensanctions',
        sources: ['opensanctions/delta-sample/20240528014702-pfh.entities.delta.json'],
        version: '20240528014702-pfh',
      },
      settings(),
    );
    expect(delta).toMatchObject({ status: 'imported', version: '20240528014702-pfh' });
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM sanctions_entries WHERE list_id = 'opensanctions'`);
    expect(Number(rows[0]!.n)).toBe(delta.status === 'imported' ? delta.counts.entries : -1);
  });

  it('diffs the 2021 SDN against the 2024 SDN into designations, amendments and delistings in one transaction', async () => {
    const t0 = performance.now();
    const first = await importSanctionsList(pool, { listId: 'ofac-sdn', sources: ['ofac-sdn-2021-07'], version: '2021-07-07' }, settings());
    expect(first).toMatchObject({ status: 'imported', counts: { entries: 8976, designated: 8976 } });
    const second = await importSanctionsList(
      pool,
      { listId: 'ofac-sdn', sources: ['ofac-sdn-2024-05-03'], version: '2024-05-03' },
      settings(),
    );
    const ms = performance.now() - t0;
    expect(second).toMatchObject({ status: 'imported', counts: { entries: 14965, designated: 6870, delisted: 881 } });
    const stream = await readStream(pool, sanctionsListStreamId('ofac-sdn'));
    const delisted = stream.events.filter((e) => e.type === 'SanctionsEntryDelisted');
    expect(delisted).toHaveLength(881);
    expect(new Set(stream.events.slice(8977).map((e) => e.transactionId)).size).toBe(1);
    const putin = await pool.query(`SELECT changed_in FROM sanctions_entries WHERE list_id = 'ofac-sdn' AND entry_id = '35096'`);
    expect(putin.rows[0]).toEqual({ changed_in: '2024-05-03' });
    expect(ms).toBeLessThan(30_000);
  }, 40_000);

  it('records a missing file or a path outside the folder as a failed import, keeping the version in force', async () => {
    const before = await pool.query(`SELECT version, content_hash FROM sanctions_lists WHERE list_id = 'ofac-sdn'`);
    expect(await importSanctionsList(pool, { listId: 'ofac-sdn', sources: ['../../package.json'] }, settings())).toMatchObject({
      status: 'failed',
      reason: { code: 'list-source', rule: 'insideImportFolder' },
    });
    expect(await importSanctionsList(pool, { listId: 'ofac-sdn', sources: ['format-samples'] }, settings())).toMatchObject({
      status: 'failed',
      reason: { code: 'list-format' },
    });
    expect(await importSanctionsList(pool, { listId: 'ofac-sdn', sources: ['x'], format: 'un-xml' }, settings())).toMatchObject({
      status: 'failed',
      reason: { code: 'invalid-payload' },
    });
    expect((await pool.query(`SELECT version, content_hash FROM sanctions_lists WHERE list_id = 'ofac-sdn'`)).rows).toEqual(before.rows);
  });
});
