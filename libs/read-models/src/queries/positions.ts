import type { ClientBase, Pool } from 'pg';
import { activeProjectionVersion } from '../postgres/projection-versions';

/**
 * Whether the active read-model version has applied the event at global position `position` (its stream's applied
 * version reached that event's); false while no event has that position yet.
 */
export async function hasApplied(db: Pool | ClientBase, position: number): Promise<boolean> {
  const { rows } = await db.query<{ stream_id: string; version: string }>(
    'SELECT stream_id, version FROM events WHERE global_position = $1',
    [position],
  );
  if (!rows[0]) return false;
  const { schemaName } = await activeProjectionVersion(db);
  const applied = await db.query<{ version: string }>(`SELECT version FROM ${schemaName}.stream_versions WHERE stream_id = $1`, [
    rows[0].stream_id,
  ]);
  return Number(applied.rows[0]?.version ?? 0) >= Number(rows[0].version);
}
