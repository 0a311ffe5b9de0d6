import type { Pool } from 'pg';
import { programTargets, type ProgramCountryCount, type ProgramTargetSettings, type ProgramTargetV1 } from '@tm/domain';

/**
 * The countries the sanctions programs in force target (`programTargets` of `@tm/domain`), from the entries in force:
 * one count per (list, program, country) over every entry's programs × countries, in one statement.
 */
export async function loadProgramTargets(pool: Pool, settings: ProgramTargetSettings): Promise<ProgramTargetV1[]> {
  const { rows } = await pool.query<{ list_id: string; program: string; country: string; entries: number }>(
    `SELECT list_id, p AS program, upper(c) AS country, count(*)::int AS entries
       FROM sanctions_entries, jsonb_array_elements_text(entry->'programs') AS p, jsonb_array_elements_text(entry->'countries') AS c
      GROUP BY 1, 2, 3`,
  );
  const counts: ProgramCountryCount[] = rows.map((r) => ({
    listId: r.list_id,
    program: r.program,
    country: r.country,
    entries: r.entries,
  }));
  return programTargets(counts, settings);
}
