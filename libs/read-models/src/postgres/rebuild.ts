import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { inTransaction, loadCheckpoint, readAll, readStream, storeCheckpoint, type StoredEvent } from '@tm/event-store';
import { applyEvents, deriveAllAggregates, emptyAggregates, writeAggregates, type ProjectableEvent } from './apply-events';
import { activeProjectionVersion, listProjectionVersions, lockProjectionSwitch, type ProjectionVersion } from './projection-versions';
import { READ_MODELS_PROJECTION, readModelIndexDdl, readModelSchemaDdl, schemaOfVersion } from './schema';

export interface RebuildOptions {
  /** Events read and applied per transaction. Default 5,000. */
  batchSize?: number;
  /** Called after each committed batch with the events read so far. */
  onProgress?: (eventsRead: number) => void;
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
 * 1. `begin()` creates version N+1 (`building`) with empty tables in schema `rm_v<N+1>`, their secondary indexes
 *    deferred until the bulk batches are written;
 * 2. `run()` reads the event store from global position 0 with `readAll`, in batches, one transaction per batch
 *    holding the batch's writes and the rebuild's checkpoint (a crashed rebuild resumes where it stopped: call
 *    `resume()`); ledger and directory accumulators are kept in memory and written once at the end (a resumed run
 *    derives them from the claim states instead);
 * 3. at the head, in one transaction under the exclusive switch lock (live writers wait): applies what arrived
 *    since, brings every stream up to the version the active projection has (so nothing the live projector applied
 *    is missing), retires the old version and activates the new one. The live projector then writes the new one.
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
      await client.query(readModelSchemaDdl(schema, { deferIndexes: true }));
      const { rows } = await client.query(`INSERT INTO projection_versions (projection, version, schema_name, status) VALUES ($1, $2, $3, 'building') RETURNING *`, [
        READ_MODELS_PROJECTION,
        version,
        schema,
      ]);
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

  /** Continues a `building` version from its stored checkpoint to activation. */
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
      let checkpoint = await loadCheckpoint(this.pool, readerOf(schema));
      // From the start, the ledger and directory accumulators are kept in memory (one per key) and written once at
      // the end; a run resumed mid-way derives them from the claim states instead.
      const aggregates = checkpoint.globalPosition === 0 ? emptyAggregates() : undefined;
      let next = readAll(this.pool, checkpoint, batchSize);
      for (;;) {
        const events = await next;
        if (events.length === 0) break;
        const last = events[events.length - 1];
        checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
        next = readAll(this.pool, checkpoint, batchSize); // read the next batch while this one is written
        const refused = await inTransaction(this.pool, async (client) => {
          const result = await applyEvents(client, schema, events.map(projectable), { deriveAggregates: false, inMemory: aggregates });
          await storeCheckpoint(client, readerOf(schema), checkpoint);
          await client.query(`UPDATE projection_versions SET events_read = events_read + $3 WHERE projection = $1 AND version = $2`, [READ_MODELS_PROJECTION, version.version, events.length]);
          return result.refused;
        });
        for (const { event, reason } of refused) this.logger.warn({ streamId: event.streamId, version: event.version, globalPosition: event.globalPosition, reason }, 'rebuild skipped an event the projection refuses');
        eventsRead += events.length;
        eventsRefused += refused.length;
        options.onProgress?.(eventsRead);
      }
      await this.pool.query(readModelIndexDdl(schema));
      await inTransaction(this.pool, (client) => (aggregates ? writeAggregates(client, schema, aggregates) : deriveAllAggregates(client, schema)));
      const caughtUp = await inTransaction(this.pool, (client) => this.switchActive(client, version, checkpoint));
      eventsRead += caughtUp;
      const elapsedMs = Date.now() - started;
      this.logger.info({ version: version.version, schema, eventsRead, eventsRefused, elapsedMs }, 'projection rebuild finished; new version active');
      return { version: await activeProjectionVersion(this.pool), eventsRead, eventsRefused, elapsedMs };
    } catch (error) {
      this.logger.error({ err: error, version: version.version }, 'projection rebuild failed; it resumes from its checkpoint when run again');
      throw error;
    } finally {
      this.running = false;
    }
  }

  /** The last catch-up and the switch, under the exclusive switch lock. @returns events applied in the catch-up. */
  private async switchActive(client: PoolClient, version: ProjectionVersion, from: { transactionId: string; globalPosition: number }): Promise<number> {
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
    await client.query(`UPDATE projection_versions SET status = 'retired', finished_at = now() WHERE projection = $1 AND status = 'active'`, [READ_MODELS_PROJECTION]);
    await client.query(`UPDATE projection_versions SET status = 'active', activated_at = now(), events_read = events_read + $3 WHERE projection = $1 AND version = $2`, [
      READ_MODELS_PROJECTION,
      version.version,
      applied,
    ]);
    return applied;
  }
}

function projectable(event: StoredEvent): ProjectableEvent {
  return event;
}
