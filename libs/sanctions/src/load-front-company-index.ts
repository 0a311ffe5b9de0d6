import type { Pool } from 'pg';
import type { FrontCompanyEntry } from '@tm/domain';
import { FrontCompanyIndex, identifiersFromRemarks } from '@tm/screening';

/**
 * The front-company index (`FrontCompanyIndex`) over the entries in force that are not persons and carry identifiers
 * (`identifierList`, and the organisation identifiers OFAC writes in remarks: `identifiersFromRemarks`) or addresses,
 * each with its list's version: read from `sanctions_entries` in one statement, so a delisted entry is simply absent.
 * @returns the index, the entries read and the wall time in milliseconds.
 */
export async function loadFrontCompanyIndex(pool: Pool): Promise<{ index: FrontCompanyIndex; entries: number; ms: number }> {
  const t0 = performance.now();
  const { rows } = await pool.query<{
    list_id: string;
    entry_id: string;
    primary_name: string;
    programs: string[] | null;
    countries: string[] | null;
    identifiers: { type: string; value: string }[] | null;
    addresses: string[] | null;
    remarks: string | null;
    version: string | null;
  }>(
    `SELECT e.list_id, e.entry_id, e.entry->>'primaryName' AS primary_name, e.entry->'programs' AS programs,
            e.entry->'countries' AS countries, e.entry->'identifierList' AS identifiers, e.entry->'addresses' AS addresses,
            e.entry->>'remarks' AS remarks, l.version
       FROM sanctions_entries e LEFT JOIN sanctions_lists l USING (list_id)
      WHERE e.entry->>'schema' <> 'Person'
        AND (e.entry ? 'identifierList' OR e.entry ? 'addresses' OR e.entry ? 'remarks')
      ORDER BY e.list_id, e.entry_id`,
  );
  const entries: Array<FrontCompanyEntry & { listVersion: string }> = [];
  for (const r of rows) {
    const identifiers = [...(r.identifiers ?? []), ...identifiersFromRemarks(r.remarks ?? undefined)].map(({ type, value }) => ({
      type,
      value,
    }));
    const addresses = r.addresses ?? [];
    if (!identifiers.length && !addresses.length) continue;
    entries.push({
      listId: r.list_id,
      entryId: r.entry_id,
      name: r.primary_name,
      countries: r.countries ?? [],
      programs: r.programs ?? [],
      identifiers,
      addresses,
      listVersion: r.version ?? '',
    });
  }
  return { index: new FrontCompanyIndex(entries), entries: entries.length, ms: performance.now() - t0 };
}
