import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import {
  inTransaction,
  loadCheckpoint,
  readAll,
  readStream,
  START,
  storeCheckpoint,
  type Checkpoint,
  type StoredEvent,
} from '@tm/event-store';
import { applyEvents, deriveAllAggregates, emptyAggregates, writeAggregates, type ProjectableEvent } from './apply-events';
import { raiseClaimHistoryCheckpoint } from './claim-history';
import { activeProjectionVersion, listProjectionVersions, lockProjectionSwitch, type ProjectionVersion } from './projection-versions';
import { applyRebuildBatch, RebuildTablesLostError, type RebuildMemory } from './rebuild-batch';
import { ReportStateCache } from './report-cache';

export { RebuildTablesLostError } from './rebuild-batch';
import { READ_MODELS_PROJECTION, readModelIndexDdl, readModelSchemaDdl, readModelSetLoggedDdl, schemaOfVersion } from './schema';

export interface RebuildOptions {
  /** Events read and applied per transaction. Default 5,000. */
  batchSize?: number;
  /** Called after each committed batch with the events read so far. */
  onProgress?: (eventsRead: number) => void;
  /**
   * Report states kept in memory between batches (see `ReportStateCache`), so that a batch continuing a report
   * written by an earlier one does not read it back. Default 5,000: about 25 MB of heap for reports of the
   * benchmark's shape (three claims, three pieces of evidence: 4.7 KB each), under the API's 200 MB heap limit.
   */
  cachedReports?: number;
}

export interface RebuildOutcome {
  version: ProjectionVersion;
  eventsRead: number;
  eventsRefused: number;
  elapsedMs: number;
}

/** A rebuild of this projection is already running (its version is `building`). */
export class RebuildInProgressError extends Error {
  constructor(readonly version: number) {
    super(`a rebuild is already building version ${version}`);
  }
}

function readerOf(schema: string): string {
  return `projection:${READ_MODELS_PROJECTION}:${schema}`;
}

/**
 * Rebuilds the read-models projection into a new version while the active one serves:
 * 1. `begin()` creates version N+1 (`building`) with empty **unlogged** tables in schema `rm_v<N+1>` (no WAL while
 *    they fill), their secondary indexes deferred until the bulk batches are written;
 * 2. `run()` reads the event store from global position 0 with `readAll`, in batches, one transaction per batch
 *    holding the batch's `COPY`s and the rebuild's checkpoint (see {@link applyRebuildBatch}; a stopped rebuild
 *    resumes where it stopped: `run(await building())`); report states written last and the ledger and directory accumulators
 *    are kept in memory, the accumulators written once at the end (a resumed run derives them from the claim states);
 *    then, in one transaction, the ledger and directory, `SET LOGGED` on every table and the secondary indexes;
 * 3. at the head, in one transaction under the exclusive switch lock (live writers wait): applies what arrived
 *    since, brings every stream up to the version the active projection has (so nothing the live projector applied
 *    is missing), retires the old version and activates the new one. The live projector then writes the new one.
 * Crash safety: PostgreSQL empties unlogged tables when it restarts after a crash, while the checkpoint (a logged
 * table) survives. The version's `position` row is the witness: a batch or the final step that finds it gone fails
 * with `RebuildTablesLostError` (nothing of it commits), and `run()` on a version whose row is gone starts over from
 * position 0 with fresh tables. Once `SET LOGGED` has committed, a crash loses nothing.
 */
export class RebuildService {
  private running = false;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
  ) {}

  /** True while this instance runs a rebuild. */
  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Creates the next version, `building`.
   * @throws RebuildInProgressError when a version is already building.
   */
  async begin(): Promise<ProjectionVersion> {
    return inTransaction(this.pool, async (client) => {
      await client.query(`LOCK TABLE projection_versions IN SHARE ROW EXCLUSIVE MODE`);
      const versions = await listProjectionVersions(client);
      const building = versions.find((v) => v.status === 'building');
      if (building) throw new RebuildInProgressError(building.version);
      const version = (versions[0]?.version ?? 0) + 1;
      const schema = schemaOfVersion(version);
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.query(readModelSchemaDdl(schema, { deferIndexes: true, unlogged: true }));
      const { rows } = await client.query(
        `INSERT INTO projection_versions (projection, version, schema_name, status) VALUES ($1, $2, $3, 'building') RETURNING *`,
        [READ_MODELS_PROJECTION, version, schema],
      );
      return (await listProjectionVersions(client)).find((v) => v.version === rows[0].version)!;
    });
  }

  /** The version left `building` by a rebuild that stopped (crash, restart), if any. */
  async building(): Promise<ProjectionVersion | undefined> {
    return (await listProjectionVersions(this.pool)).find((v) => v.status === 'building');
  }

  /** `begin()` then `run()`: a whole rebuild, resolved once the new version is active. */
  async rebuild(options: RebuildOptions = {}): Promise<RebuildOutcome> {
    return this.run(await this.begin(), options);
  }

  /**
   * Continues a `building` version from its stored checkpoint to activation; from position 0 with fresh tables when
   * a PostgreSQL crash emptied them (see the class's notes).
   * @throws RebuildTablesLostError when that happens while it runs (run it again), RebuildInProgressError when this
   *   instance is running already; any PostgreSQL error (the rebuild resumes from its checkpoint when run again).
   */
  async run(version: ProjectionVersion, options: RebuildOptions = {}): Promise<RebuildOutcome> {
    if (this.running) throw new RebuildInProgressError(version.version);
    this.running = true;
    const started = Date.now();
    const schema = version.schemaName;
    const batchSize = options.batchSize ?? 5_000;
    let eventsRead = 0;
    let eventsRefused = 0;
    try {
      this.logger.info({ version: version.version, schema }, 'projection rebuild started');
      await this.recordError(version, null);
      let checkpoint = (await this.startOverIfLost(schema, version)) ?? (await loadCheckpoint(this.pool, readerOf(schema)));
      // From the start, the ledger and directory accumulators are kept in memory (one per key) and written once at
      // the end; a run resumed mid-way derives them from the claim states instead.
      const memory: RebuildMemory = {
        reports: new ReportStateCache(options.cachedReports ?? 5_000),
        ...(checkpoint.globalPosition === 0 ? { aggregates: emptyAggregates() } : {}),
      };
      let next = readAll(this.pool, checkpoint, batchSize);
      for (;;) {
        const events = await next;
        if (events.length === 0) break;
        const last = events[events.length - 1];
        checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
        next = readAll(this.pool, checkpoint, batchSize); // read the next batch while this one is written
        const refused = await inTransaction(this.pool, async (client) => {
          const result = await applyRebuildBatch(client, schema, events.map(projectable), memory);
          await storeCheckpoint(client, readerOf(schema), checkpoint);
          // Every event up to the checkpoint is applied or refused: the claim history is complete up to it.
          await raiseClaimHistoryCheckpoint(client, schema, checkpoint);
          await client.query(`UPDATE projection_versions SET events_read = events_read + $3 WHERE projection = $1 AND version = $2`, [
            READ_MODELS_PROJECTION,
            version.version,
            events.length,
          ]);
          return result.refused;
        });
        for (const { event, reason } of refused)
          this.logger.warn(
            { streamId: event.streamId, version: event.version, globalPosition: event.globalPosition, reason },
            'rebuild skipped an event the projection refuses',
          );
        eventsRead += events.length;
        eventsRefused += refused.length;
        options.onProgress?.(eventsRead);
      }
      const loaded = Date.now();
      await inTransaction(this.pool, async (client) => {
        if (await this.tablesLost(client, schema)) throw new RebuildTablesLostError(schema);
        await (memory.aggregates ? writeAggregates(client, schema, memory.aggregates) : deriveAllAggregates(client, schema));
        // Logged first, then the indexes: SET LOGGED rewrites each table with the indexes it has, so indexes built
        // before it are built twice (100k events: 0.69 s + 0.16 s that way, 0.60 s + 0.15 s this way).
        await client.query(readModelSetLoggedDdl(schema));
        await client.query(readModelIndexDdl(schema));
      });
      const finished = Date.now();
      const caughtUp = await inTransaction(this.pool, (client) => this.switchActive(client, version, checkpoint));
      eventsRead += caughtUp;
      const elapsedMs = Date.now() - started;
      this.logger.info(
        {
          version: version.version,
          schema,
          eventsRead,
          eventsRefused,
          elapsedMs,
          phasesMs: { batches: loaded - started, aggregatesLoggedIndexes: finished - loaded, switch: Date.now() - finished },
        },
        'projection rebuild finished; new version active',
      );
      return { version: await activeProjectionVersion(this.pool), eventsRead, eventsRefused, elapsedMs };
    } catch (error) {
      this.logger.error(
        { err: error, version: version.version },
        'projection rebuild failed; it resumes from its checkpoint when run again',
      );
      await this.recordError(
        version,
        `${new Date().toISOString()}: ${(error as Error)?.message ?? String(error)} (stopped; it resumes from its checkpoint when run again)`,
      );
      throw error;
    } finally {
      this.running = false;
    }
  }

  /**
   * Shows why a run stopped (or clears it as a run starts) in `projection_versions.error`, which the admin API serves:
   * a rebuild runs in the background, so its caller sees its failure only there. Best effort: the database may be
   * what failed.
   */
  private async recordError(version: ProjectionVersion, error: string | null): Promise<void> {
    await this.pool
      .query(`UPDATE projection_versions SET error = $3 WHERE projection = $1 AND version = $2`, [
        READ_MODELS_PROJECTION,
        version.version,
        error,
      ])
      .catch((failure: Error) => this.logger.warn({ err: failure }, 'could not record the rebuild error'));
  }

  /** True when the version's `position` row is gone: PostgreSQL reset its unlogged tables after a crash. */
  private async tablesLost(db: Pool | PoolClient, schema: string): Promise<boolean> {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.position`);
    return rows[0].n === 0;
  }

  /**
   * When a crash emptied the version's unlogged tables, recreates them empty and sets its checkpoint back to the
   * start. @returns that checkpoint, or undefined when the tables are intact.
   */
  private async startOverIfLost(schema: string, version: ProjectionVersion): Promise<Checkpoint | undefined> {
    if (!(await this.tablesLost(this.pool, schema))) return undefined;
    this.logger.warn(
      { version: version.version, schema },
      'the rebuild tables were reset by a PostgreSQL crash; the rebuild starts over from position 0',
    );
    await inTransaction(this.pool, async (client) => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.query(readModelSchemaDdl(schema, { deferIndexes: true, unlogged: true }));
      await storeCheckpoint(client, readerOf(schema), START);
      await client.query(`UPDATE projection_versions SET events_read = 0 WHERE projection = $1 AND version = $2`, [
        READ_MODELS_PROJECTION,
        version.version,
      ]);
    });
    return START;
  }

  /** The last catch-up and the switch, under the exclusive switch lock. @returns events applied in the catch-up. */
  private async switchActive(
    client: PoolClient,
    version: ProjectionVersion,
    from: { transactionId: string; globalPosition: number },
  ): Promise<number> {
    await lockProjectionSwitch(client, 'exclusive');
    const schema = version.schemaName;
    let applied = 0;
    let checkpoint = from;
    for (;;) {
      const events = await readAll(client, checkpoint, 5_000);
      if (events.length === 0) break;
      await applyEvents(client, schema, events.map(projectable));
      const last = events[events.length - 1];
      checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      applied += events.length;
    }
    // Streams the active version has applied further than this one (events committed by a transaction that was still
    // running at the last read): bring them up to the same stream version.
    const active = await activeProjectionVersion(client);
    const { rows } = await client.query<{ stream_id: string; from_version: string; to_version: string }>(
      `SELECT a.stream_id, COALESCE(n.version, 0) + 1 AS from_version, a.version AS to_version
       FROM ${active.schemaName}.stream_versions a LEFT JOIN ${schema}.stream_versions n USING (stream_id)
       WHERE a.version > COALESCE(n.version, 0)`,
    );
    for (const row of rows) {
      const { events } = await readStream(client, row.stream_id, Number(row.from_version));
      const missing = events.filter((e) => e.version <= Number(row.to_version));
      await applyEvents(client, schema, missing.map(projectable));
      applied += missing.length;
    }
    await storeCheckpoint(client, readerOf(schema), checkpoint);
    await raiseClaimHistoryCheckpoint(client, schema, checkpoint);
    await client.query(
      `UPDATE projection_versions SET status = 'retired', finished_at = now() WHERE projection = $1 AND status = 'active'`,
      [READ_MODELS_PROJECTION],
    );
    await client.query(
      `UPDATE projection_versions SET status = 'active', activated_at = now(), events_read = events_read + $3 WHERE projection = $1 AND version = $2`,
      [READ_MODELS_PROJECTION, version.version, applied],
    );
    return applied;
  }
}

function projectable(event: StoredEvent): ProjectableEvent {
  return event;
}
