import type { Pool } from 'pg';
import { dataPath, japaneseReadingsLoaded, ScreeningIndex, type SanctionsEntry } from '@tm/screening';
import { useTestDatabase } from '@tm/testing';
import { importSanctionsList } from './import-sanctions-list';
import { loadScreeningIndex, readListsSignature } from './load-screening-index';

/** The one screening-index loader (screening app and API) against lists imported into a real PostgreSQL. */
describe('loadScreeningIndex (real PostgreSQL)', () => {
  const db = useTestDatabase({ poolSize: 4 });
  let pool: Pool;
  const settings = () => ({ importDir: dataPath('sanctions'), maxBytes: 50_000_000, timeoutMs: 5_000 });

  beforeAll(() => {
    pool = db.pool;
  });

  it('is empty with no list imported', async () => {
    expect(japaneseReadingsLoaded()).toBe(false);
    const loaded = await loadScreeningIndex(pool);
    // The Japanese name reader's dictionary is loaded with the index, before any name is screened, names or not.
    expect(japaneseReadingsLoaded()).toBe(true);
    expect({ entries: loaded.entries, versions: [...loaded.versions], signature: loaded.signature }).toEqual({
      entries: 0,
      versions: [],
      signature: '',
    });
    expect(loaded.index.screenName({ name: 'Anyone' })).toEqual([]);
  });

  it('reads every entry in force across pages and answers as an index built from all the entries at once', async () => {
    await importSanctionsList(
      pool,
      { listId: 'uk-hmt', sources: ['format-samples/uk_hmt_conlist-sample.csv'], version: 'uk-1' },
      settings(),
    );
    await importSanctionsList(pool, { listId: 'eu-fsf', sources: ['format-samples/eu_fsf-sample.xml'], version: 'eu-1' }, settings());
    const { rows } = await pool.query<{ entry: SanctionsEntry }>('SELECT entry FROM sanctions_entries ORDER BY list_id, entry_id');
    expect(rows.length).toBeGreaterThan(7);

    // A page of 7 rows: several FETCHes, the last one short.
    const loaded = await loadScreeningIndex(pool, 7);
    expect(loaded.entries).toBe(rows.length);
    expect(Object.fromEntries(loaded.versions)).toEqual({ 'eu-fsf': 'eu-1', 'uk-hmt': 'uk-1' });
    expect(loaded.signature).toBe(await readListsSignature(pool));

    const byList = new Map<string, SanctionsEntry[]>();
    for (const { entry } of rows) byList.set(entry.listId, [...(byList.get(entry.listId) ?? []), entry]);
    const whole = new ScreeningIndex(
      [...byList].map(([listId, entries]) => ({ listId: listId as SanctionsEntry['listId'], version: '', contentHash: '', entries })),
    );
    const answer = (index: ScreeningIndex, name: string) =>
      index.screenName({ name }, { threshold: 0.7, limit: 10 }).map((m) => [m.entry.listId, m.entry.entryId, m.matchedName, m.score]);
    let foundItself = 0;
    for (const { entry } of rows) {
      expect(loaded.index.findEntry(entry.listId, entry.entryId)).toMatchObject({
        listId: entry.listId,
        entryId: entry.entryId,
        primaryName: entry.primaryName,
      });
      const found = answer(loaded.index, entry.primaryName);
      if (found.some(([listId, entryId]) => listId === entry.listId && entryId === entry.entryId)) foundItself += 1;
      expect([entry.primaryName, found]).toEqual([entry.primaryName, answer(whole, entry.primaryName)]);
    }
    // An entry's primary name finds the entry (some share a name with more than ten others, or are bare initials).
    expect(foundItself / rows.length).toBeGreaterThan(0.9);
  });

  it('has a new signature once a list version changes', async () => {
    const before = await readListsSignature(pool);
    await importSanctionsList(pool, { listId: 'us-csl', sources: ['format-samples/us_csl-sample.csv'], version: 'csl-1' }, settings());
    const after = await loadScreeningIndex(pool);
    expect(after.signature).not.toBe(before);
    expect(after.versions.get('us-csl')).toBe('csl-1');
  });
});
