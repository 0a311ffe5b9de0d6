import type { Pool } from 'pg';
import { DEFAULT_PROGRAM_TARGET_SETTINGS } from '@tm/domain';
import { BUNDLED_LISTS, dataPath } from '@tm/screening';
import { useTestDatabase } from '@tm/testing';
import { importSanctionsList } from './import-sanctions-list';
import { loadOwnershipIndex } from './load-holdings';
import { loadProgramTargets } from './load-program-targets';

/** The targeted countries and the ownership index as the screening app loads them, from the bundled lists (README figures). */
describe('loadProgramTargets and loadOwnershipIndex over the bundled lists (real PostgreSQL)', () => {
  const db = useTestDatabase({ poolSize: 4 });
  let pool: Pool;

  beforeAll(async () => {
    pool = db.pool;
    for (const list of BUNDLED_LISTS)
      await importSanctionsList(pool, list, { importDir: dataPath('sanctions'), maxBytes: 50_000_000, timeoutMs: 30_000 });
  }, 120_000);

  it('derives the programs’ targets from the entries in force: RUSSIA-EO14024 → RU, BELARUS-EO14038 → BY, never BY for the Russia program', async () => {
    const targets = await loadProgramTargets(pool, DEFAULT_PROGRAM_TARGET_SETTINGS);
    const of = (listId: string, program: string) => targets.filter((t) => t.listId === listId && t.program === program);
    expect(of('ofac-sdn', 'RUSSIA-EO14024')).toEqual([
      { listId: 'ofac-sdn', program: 'RUSSIA-EO14024', country: 'RU', entries: 3667, programEntries: 4444 },
    ]);
    expect(of('ofac-sdn', 'BELARUS-EO14038')).toEqual([
      { listId: 'ofac-sdn', program: 'BELARUS-EO14038', country: 'BY', entries: 137, programEntries: 155 },
    ]);
    expect(targets.filter((t) => t.country === 'BY').map((t) => t.program)).not.toContain('RUSSIA-EO14024');
    expect(targets.map((t) => t.country)).toEqual(expect.arrayContaining(['IR', 'KP']));
    expect(targets.every((t) => t.entries >= 100 && t.entries / t.programEntries >= 0.5)).toBe(true);
  });

  it('indexes the parties listed entries hold: 6,372 OFAC links on 1,663 entries and the cluster’s 17 ownerships and directorships', async () => {
    const { rows } = await pool.query<{ list_id: string; holders: number; relations: number }>(
      `SELECT list_id, count(*)::int AS holders, sum(jsonb_array_length(entry->'relations'))::int AS relations
         FROM sanctions_entries WHERE jsonb_typeof(entry->'relations') = 'array' GROUP BY list_id ORDER BY list_id`,
    );
    expect(rows).toEqual([
      { list_id: 'ofac-non-sdn', holders: expect.any(Number), relations: expect.any(Number) },
      { list_id: 'ofac-sdn', holders: 1663, relations: 6372 },
      { list_id: 'opensanctions', holders: 5, relations: 17 }, // Zakharov, his wife, Abashkin, Kalashnikov, TransKomplektHolding
    ]);
    const loaded = await loadOwnershipIndex(pool);
    expect(loaded.holders).toBe(rows.reduce((n, r) => n + r.holders, 0));
  });
});
