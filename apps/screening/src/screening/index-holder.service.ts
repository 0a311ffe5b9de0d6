import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { rootLogger } from '@tm/platform';
import { ScreeningIndex, type SanctionsEntry } from '@tm/screening';
import { entryKey } from './screen-report';

/**
 * The screening index over the entries in force of every list, built from `sanctions_entries` (no stream replay) at
 * start and rebuilt whenever a list version completes (`SanctionsListVersionImported`): a full SDN build takes
 * about 1.7 s, so rebuilding per entry event would cost more than once per version.
 */
@Injectable()
export class IndexHolder implements OnApplicationBootstrap {
  private readonly logger = rootLogger({ component: IndexHolder.name });
  private current: ScreeningIndex = new ScreeningIndex([]);
  private entries = new Map<string, { entry: SanctionsEntry; listVersion: string }>();
  private building?: Promise<void>;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
  }

  get index(): ScreeningIndex {
    return this.current;
  }

  entryOf = (listId: string, entryId: string) => this.entries.get(entryKey(listId, entryId));

  /** Rebuilds the index from the tables (calls made while a build runs share it). */
  reload(): Promise<void> {
    this.building ??= this.build().finally(() => (this.building = undefined));
    return this.building;
  }

  private async build(): Promise<void> {
    const t0 = performance.now();
    const { rows } = await this.pool.query<{ entry: SanctionsEntry; version: string }>(
      'SELECT e.entry, l.version FROM sanctions_entries e JOIN sanctions_lists l USING (list_id)',
    );
    const entries = new Map(rows.map((r) => [entryKey(r.entry.listId, r.entry.entryId), { entry: r.entry, listVersion: r.version }]));
    const byList = new Map<string, SanctionsEntry[]>();
    for (const { entry } of entries.values()) (byList.get(entry.listId) ?? byList.set(entry.listId, []).get(entry.listId)!).push(entry);
    const index = new ScreeningIndex([...byList].map(([listId, list]) => ({ listId: listId as SanctionsEntry['listId'], version: '', contentHash: '', entries: list })));
    this.current = index;
    this.entries = entries;
    this.logger.info({ entries: entries.size, names: index.buildStats.names, ms: Math.round(performance.now() - t0) }, 'screening index built');
  }
}
