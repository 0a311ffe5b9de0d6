import type { ClientBase, Pool } from 'pg';
import { REPORT_STREAM_TYPE } from '@tm/domain';
import { activeProjectionVersion, projectionPosition } from '../postgres/projection-versions';

/**
 * Whether the active read-model version has applied the event at global position `position`: a report event when its
 * stream's applied version reached that event's; an event of another stream (sanctions list, alert, entity decision),
 * which the read models skip, when the version's position has moved past it. False while no event has that position.
 */
export async function hasApplied(db: Pool | ClientBase, position: number): Promise<boolean> {
  const { rows } = await db.query<{ stream_id: string; stream_type: string; version: string }>(
    'SELECT stream_id, stream_type, version FROM events WHERE global_position = $1',
    [position],
  );
  if (!rows[0]) return false;
  const { schemaName } = await activeProjectionVersion(db);
  if (rows[0].stream_type !== REPORT_STREAM_TYPE) return (await projectionPosition(db, schemaName)).globalPosition >= position;
  const applied = await db.query<{ version: string }>(`SELECT version FROM ${schemaName}.stream_versions WHERE stream_id = $1`, [
    rows[0].stream_id,
  ]);
  return Number(applied.rows[0]?.version ?? 0) >= Number(rows[0].version);
}
