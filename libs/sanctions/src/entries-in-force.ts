import type { Pool } from 'pg';

/** The columns every row of {@link selectEntriesInForce} has: the entry's ids and its list's version (NULL: none yet). */
export interface EntryInForceRow {
  list_id: string;
  entry_id: string;
  version: string | null;
}

/**
 * The entries in force (`sanctions_entries`, so a delisted entry is simply absent) for which `where` holds, each with
 * its list's version, by list id then entry id, in one statement: what the indexes beside the name index read.
 * @param fields the other columns, SQL over `e.entry` (e.g. `e.entry->'programs' AS programs`); trusted, never user input.
 * @param where a condition over `e.entry`; trusted, never user input.
 */
export async function selectEntriesInForce<R extends object>(pool: Pool, fields: string, where: string): Promise<(R & EntryInForceRow)[]> {
  const { rows } = await pool.query<R & EntryInForceRow>(
    `SELECT e.list_id, e.entry_id, ${fields}, l.version
       FROM sanctions_entries e LEFT JOIN sanctions_lists l USING (list_id)
      WHERE ${where}
      ORDER BY e.list_id, e.entry_id`,
  );
  return rows;
}
