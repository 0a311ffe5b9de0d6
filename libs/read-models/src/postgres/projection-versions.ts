import type { ClientBase, Pool } from 'pg';
import { advisoryLocks, advisoryXactLocks } from '@tm/database';
import { READ_MODELS_PROJECTION } from './schema';

export type ProjectionVersionStatus = 'building' | 'active' | 'retired' | 'failed';

/** A row of `projection_versions`. */
export interface ProjectionVersion {
  projection: string;
  version: number;
  schemaName: string;
  status: ProjectionVersionStatus;
  startedAt: Date;
  activatedAt?: Date;
  finishedAt?: Date;
  eventsRead: number;
  error?: string;
}

/** No active version of a projection: the read-models migration has not run. */
export class NoActiveProjectionError extends Error {}

function toVersion(row: Record<string, unknown>): ProjectionVersion {
  return {
    projection: row.projection as string,
    version: row.version as number,
    schemaName: row.schema_name as string,
    status: row.status as ProjectionVersionStatus,
    startedAt: row.started_at as Date,
    ...(row.activated_at ? { activatedAt: row.activated_at as Date } : {}),
    ...(row.finished_at ? { finishedAt: row.finished_at as Date } : {}),
    eventsRead: Number(row.events_read),
    ...(row.error ? { error: row.error as string } : {}),
  };
}

/** Every version of a projection, newest first. */
export async function listProjectionVersions(db: Pool | ClientBase, projection = READ_MODELS_PROJECTION): Promise<ProjectionVersion[]> {
  const { rows } = await db.query(`SELECT * FROM projection_versions WHERE projection = $1 ORDER BY version DESC`, [projection]);
  return rows.map(toVersion);
}

/**
 * The active version of a projection.
 * @throws NoActiveProjectionError when there is none.
 */
export async function activeProjectionVersion(db: Pool | ClientBase, projection = READ_MODELS_PROJECTION): Promise<ProjectionVersion> {
  const { rows } = await db.query(`SELECT * FROM projection_versions WHERE projection = $1 AND status = 'active'`, [projection]);
  if (!rows[0]) throw new NoActiveProjectionError(`projection ${projection} has no active version: run the migrations`);
  return toVersion(rows[0]);
}

/**
 * Takes the projection's switch lock for the caller's transaction: shared for a live writer (many may write at
 * once), exclusive for the switch of active version. A live writer that holds it reads the active version after
 * taking it, so it never writes a version that stopped serving while it waited.
 */
export async function lockProjectionSwitch(
  client: ClientBase,
  mode: 'shared' | 'exclusive',
  projection = READ_MODELS_PROJECTION,
): Promise<void> {
  await advisoryXactLocks(client, [advisoryLocks.projectionSwitch(projection)], mode);
}

/** The highest global position a projection version has applied, and how many events it applied. */
export async function projectionPosition(
  db: Pool | ClientBase,
  schema: string,
): Promise<{ globalPosition: number; eventsApplied: number }> {
  const { rows } = await db.query<{ global_position: string; events_applied: string }>(
    `SELECT global_position, events_applied FROM ${schema}.position`,
  );
  return { globalPosition: Number(rows[0]?.global_position ?? 0), eventsApplied: Number(rows[0]?.events_applied ?? 0) };
}
