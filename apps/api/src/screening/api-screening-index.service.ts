import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { loadScreeningIndex, readListsSignature } from '@tm/sanctions';
import type { ScreeningIndex } from '@tm/screening';

/** How long a built index is used before the API checks whether a list version changed. */
const CHECK_INTERVAL_MS = 2_000;

/**
 * The API's own screening index for ad-hoc checks, loaded on first use by `loadScreeningIndex` (`@tm/sanctions`, the
 * loader the screening app uses) and loaded again when the lists' content hashes change (checked at most every 2 s).
 * Concurrent requests share one load.
 */
@Injectable()
export class ApiScreeningIndex {
  private index?: ScreeningIndex;
  private signature?: string;
  private checkedAt = 0;
  private building?: Promise<ScreeningIndex>;
  /** List id → version in force, for the lists that have one. */
  versions: Record<string, string> = {};

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async current(): Promise<ScreeningIndex> {
    if (this.index && Date.now() - this.checkedAt < CHECK_INTERVAL_MS) return this.index;
    this.building ??= this.refresh().finally(() => (this.building = undefined));
    return this.building;
  }

  private async refresh(): Promise<ScreeningIndex> {
    if (this.index && (await readListsSignature(this.pool)) === this.signature) {
      this.checkedAt = Date.now();
      return this.index;
    }
    const loaded = await loadScreeningIndex(this.pool);
    this.index = loaded.index;
    this.signature = loaded.signature;
    this.versions = Object.fromEntries([...loaded.versions].filter(([, version]) => version));
    this.checkedAt = Date.now();
    return this.index;
  }
}
