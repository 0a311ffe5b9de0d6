import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { loadFrontCompanyIndex, loadOwnershipIndex, loadScreeningIndex } from '@tm/sanctions';
import { FrontCompanyIndex, OwnershipIndex, ScreeningIndex, type IndexedEntry } from '@tm/screening';

/**
 * The screening index over the entries in force of every list, built from `sanctions_entries` (no stream replay) at
 * start and rebuilt whenever a list version completes (`SanctionsListVersionImported`): a full build takes about
 * 1.5 s, so rebuilding per entry event would cost more than once per version. Loaded by `loadScreeningIndex`
 * (`@tm/sanctions`: paged, one snapshot, only the index's compact form kept): the entries themselves are not held (a
 * match carries list, id, name, programs and schema; `entryOf` adds countries and the list version). Beside it, the
 * ownership index (`loadOwnershipIndex`): the parties listed entries own, direct or are linked to; and the
 * front-company index (`loadFrontCompanyIndex`): the entries that are not persons by identifier and address.
 */
@Injectable()
export class IndexHolder implements OnModuleInit {
  private readonly logger = new Logger(IndexHolder.name);
  private current: {
    index: ScreeningIndex;
    versions: ReadonlyMap<string, string>;
    ownership: OwnershipIndex;
    frontCompanies: FrontCompanyIndex;
  } = {
    index: new ScreeningIndex([]),
    versions: new Map(),
    ownership: new OwnershipIndex([]),
    frontCompanies: new FrontCompanyIndex([]),
  };
  private building?: Promise<void>;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** At module init, so the index is whole before the consumer starts (at bootstrap) and screens the first report. */
  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  get index(): ScreeningIndex {
    return this.current.index;
  }

  /** The parties held by listed entries in force, by name (see `OwnershipIndex`). */
  get ownership(): OwnershipIndex {
    return this.current.ownership;
  }

  /** The entries (not persons) by identifier and address (see `FrontCompanyIndex`). */
  get frontCompanies(): FrontCompanyIndex {
    return this.current.frontCompanies;
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
    const { index, versions, entries, ms } = await loadScreeningIndex(this.pool);
    const ownership = await loadOwnershipIndex(this.pool);
    const fronts = await loadFrontCompanyIndex(this.pool);
    this.current = { index, versions, ownership: ownership.index, frontCompanies: fronts.index };
    // Heap in use just after the swap (the old index may not be collected yet): what the heap limit must allow.
    const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
    this.logger.log(
      {
        entries,
        names: index.buildStats.names,
        ms: Math.round(ms),
        holders: ownership.holders,
        parties: ownership.index.size,
        ownershipMs: Math.round(ownership.ms),
        frontCompanyEntries: fronts.entries,
        frontCompanyMs: Math.round(fronts.ms),
        heapMb,
      },
      'screening index built',
    );
  }
}
