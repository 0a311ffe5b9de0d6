import type { Pool } from 'pg';
import { FrontCompanyIndex, frontCompanyEntry, type FrontCompanySource } from '@tm/screening';
import { selectEntriesInForce } from './entries-in-force';

/**
 * The front-company index (`FrontCompanyIndex`) over the entries in force that are not persons and carry identifiers
 * or addresses, each read by `frontCompanyEntry` with its list's version, from `sanctions_entries` in one statement.
 * @returns the index, the entries read and the wall time in milliseconds.
 */
export async function loadFrontCompanyIndex(pool: Pool): Promise<{ index: FrontCompanyIndex; entries: number; ms: number }> {
  const t0 = performance.now();
  const rows = await selectEntriesInForce<{
    schema: string;
    primary_name: string;
    programs: string[] | null;
    countries: string[] | null;
    identifiers: { type: string; value: string }[] | null;
    addresses: string[] | null;
    remarks: string | null;
  }>(
    pool,
    `e.entry->>'schema' AS schema, e.entry->>'primaryName' AS primary_name, e.entry->'programs' AS programs,
     e.entry->'countries' AS countries, e.entry->'identifierList' AS identifiers, e.entry->'addresses' AS addresses,
     e.entry->>'remarks' AS remarks`,
    // Only the rows frontCompanyEntry may keep: the others are never sent.
    `e.entry->>'schema' <> 'Person' AND (e.entry ? 'identifierList' OR e.entry ? 'addresses' OR e.entry ? 'remarks')`,
  );
  const entries = rows.flatMap((r) => {
    const source: FrontCompanySource = {
      listId: r.list_id,
      entryId: r.entry_id,
      schema: r.schema,
      primaryName: r.primary_name,
      countries: r.countries ?? [],
      programs: r.programs ?? [],
      identifiers: r.identifiers ?? [],
      remarks: r.remarks ?? undefined,
      addresses: r.addresses ?? [],
    };
    return frontCompanyEntry(source, r.version ?? '') ?? [];
  });
  return { index: new FrontCompanyIndex(entries), entries: entries.length, ms: performance.now() - t0 };
}
