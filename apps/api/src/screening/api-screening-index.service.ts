import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { ScreeningIndex, type SanctionsEntry } from '@tm/screening';

/** How long a built index is used before the API checks whether a list version changed. */
const CHECK_INTERVAL_MS = 2_000;

/**
 * The API's own screening index for ad-hoc checks, built from `sanctions_entries` on first use and rebuilt when the
 * lists' content hashes change (checked at most every 2 s). Concurrent requests share one build.
 */
@Injectable()
export class ApiScreeningIndex {
  private index?: ScreeningIndex;
  private signature?: string;
  private checkedAt = 0;
  private building?: Promise<ScreeningIndex>;
  versions: Record<string, string> = {};

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async current(): Promise<ScreeningIndex> {
    if (this.index && Date.now() - this.checkedAt < CHECK_INTERVAL_MS) return this.index;
    this.building ??= this.refresh().finally(() => (this.building = undefined));
    return this.building;
  }

  private async refresh(): Promise<ScreeningIndex> {
    const lists = await this.pool.query<{ list_id: string; version: string | null; content_hash: string | null }>('SELECT list_id, version, content_hash FROM sanctions_lists ORDER BY list_id');
    const signature = lists.rows.map((r) => `${r.list_id}:${r.content_hash ?? ''}`).join(',');
    this.checkedAt = Date.now();
    if (this.index && signature === this.signature) return this.index;
    const { rows } = await this.pool.query<{ entry: SanctionsEntry }>('SELECT entry FROM sanctions_entries');
    const byList = new Map<string, SanctionsEntry[]>();
    for (const { entry } of rows) (byList.get(entry.listId) ?? byList.set(entry.listId, []).get(entry.listId)!).push(entry);
    this.index = new ScreeningIndex([...byList].map(([listId, entries]) => ({ listId: listId as SanctionsEntry['listId'], version: '', contentHash: '', entries })));
    this.signature = signature;
    this.versions = Object.fromEntries(lists.rows.filter((r) => r.version).map((r) => [r.list_id, r.version!]));
    return this.index;
  }
}
