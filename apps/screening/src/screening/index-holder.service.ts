import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { ScreeningIndex, ScreeningIndexBuilder, type EntryName, type IndexedEntry, type SanctionsEntry } from '@tm/screening';

/** Rows fetched per round trip while building: the entries are never all in memory at once. */
const PAGE_ROWS = 2_000;

/** The fields of `sanctions_entries.entry` the index reads (identifiers and remarks stay in PostgreSQL). */
interface EntryRow {
  list_id: SanctionsEntry['listId'];
  entry_id: string;
  schema: SanctionsEntry['schema'];
  primary_name: string;
  names: EntryName[];
  programs: string[] | null;
  countries: string[] | null;
}

/**
 * The screening index over the entries in force of every list, built from `sanctions_entries` (no stream replay) at
 * start and rebuilt whenever a list version completes (`SanctionsListVersionImported`): a full build takes about
 * 1.5 s, so rebuilding per entry event would cost more than once per version. The rows are read through a cursor in
 * pages of `PAGE_ROWS`, one snapshot, and only the index's compact form is kept (`ScreeningIndexBuilder`): the
 * entries themselves are not held (a match carries list, id, name, programs and schema; `entryOf` adds countries
 * and the list version).
 */
@Injectable()
export class IndexHolder implements OnModuleInit {
  private readonly logger = new Logger(IndexHolder.name);
  private current = { index: new ScreeningIndex([]), versions: new Map<string, string>() };
  private building?: Promise<void>;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** At module init, so the index is whole before the consumer starts (at bootstrap) and screens the first report. */
  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  get index(): ScreeningIndex {
    return this.current.index;
  }

  /** The indexed entry and its list's version, or undefined when the index does not hold it. */
  entryOf = (listId: string, entryId: string): { entry: IndexedEntry; listVersion: string } | undefined => {
    const { index, versions } = this.current;
    const entry = index.findEntry(listId, entryId);
    return entry && { entry, listVersion: versions.get(listId) ?? '' };
  };

  /** Rebuilds the index from the tables (calls made while a build runs share it). */
  reload(): Promise<void> {
    this.building ??= this.build().finally(() => (this.building = undefined));
    return this.building;
  }

  private async build(): Promise<void> {
    const t0 = performance.now();
    const builder = new ScreeningIndexBuilder();
    const versions = new Map<string, string>();
    let entries = 0;
    const client = await this.pool.connect();
    try {
      // A cursor reads the tables as they were when it was declared, so a list import committing meanwhile is
      // either wholly in the index or not at all.
      await client.query('BEGIN READ ONLY');
      await client.query(
        `DECLARE index_entries NO SCROLL CURSOR FOR
         SELECT list_id, entry_id, entry->>'schema' AS schema, entry->>'primaryName' AS primary_name, entry->'names' AS names,
                entry->'programs' AS programs, entry->'countries' AS countries
         FROM sanctions_entries ORDER BY list_id, entry_id`,
      );
      const lists = await client.query<{ list_id: string; version: string | null }>('SELECT list_id, version FROM sanctions_lists');
      for (const l of lists.rows) versions.set(l.list_id, l.version ?? '');
      for (;;) {
        const { rows } = await client.query<EntryRow>(`FETCH ${PAGE_ROWS} FROM index_entries`);
        for (const r of rows) {
          builder.add({ listId: r.list_id, entryId: r.entry_id, schema: r.schema, primaryName: r.primary_name, names: r.names ?? [], programs: r.programs ?? [], countries: r.countries ?? [] });
        }
        entries += rows.length;
        if (rows.length < PAGE_ROWS) break;
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    const index = builder.build();
    this.current = { index, versions };
    // Heap in use just after the swap (the old index may not be collected yet): what the heap limit must allow.
    const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
    this.logger.log({ entries, names: index.buildStats.names, ms: Math.round(performance.now() - t0), heapMb }, 'screening index built');
  }
}
