import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { ENTITY_DECISIONS_STREAM, EntityEvents, type EntityDecision, type EntityNameSplitV1, type EntityNamesMergedV1 } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { readEntityNames } from '@tm/read-models';
import { NameTable, PreparedNames, resolveEntity, type ResolvedEntity } from './entity-resolution';

/**
 * Resolves entities over the entity directory of a read-model version: keeps the directory's names (and their
 * blocks) in memory for the version and position last read, reloading them when the projection moved on (names are
 * prepared for the matcher once per spelling, when first compared, {@link PreparedNames}); reads the analysts' decisions from the event store (stream
 * `entity-decisions`) on every resolution, so a decision counts as soon as its command succeeded and a read-model
 * rebuild cannot lose it.
 */
@Injectable()
export class EntityResolver {
  private readonly logger = new Logger(EntityResolver.name);
  private readonly prepared = new PreparedNames();
  private table?: { at: string; names: Promise<NameTable> };

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The directory's names of `schema` as of `position` (shared by concurrent requests). */
  names(schema: string, position: number): Promise<NameTable> {
    const at = `${schema}@${position}`;
    if (this.table?.at !== at) {
      const names = readEntityNames(this.pool, schema).then((rows) => new NameTable(rows));
      names.catch(() => (this.table?.names === names ? (this.table = undefined) : undefined));
      this.table = { at, names };
    }
    return this.table.names;
  }

  /** Every analyst decision, in the order taken (global position). */
  async decisions(): Promise<EntityDecision[]> {
    const { events } = await readStream(this.pool, ENTITY_DECISIONS_STREAM);
    const decisions: EntityDecision[] = [];
    for (const e of events) {
      const base = { position: e.globalPosition, actor: String(e.metadata?.actor ?? 'anonymous'), decidedAt: e.recordedAt.toISOString() };
      if (e.type === EntityEvents.EntityNamesMerged.type) decisions.push({ kind: 'merge', ...base, ...(e.payload as EntityNamesMergedV1) });
      else if (e.type === EntityEvents.EntityNameSplit.type)
        decisions.push({ kind: 'split', ...base, ...(e.payload as EntityNameSplitV1) });
      else this.logger.warn(`event ${e.eventId} of ${ENTITY_DECISIONS_STREAM} has the unknown type ${e.type}: ignored`);
    }
    return decisions;
  }

  /** The entity a directory key belongs to, or undefined when the directory has no such key. */
  async resolve(schema: string, position: number, key: string): Promise<ResolvedEntity | undefined> {
    const [names, decisions] = await Promise.all([this.names(schema, position), this.decisions()]);
    return resolveEntity(key, names, decisions, this.prepared);
  }
}
