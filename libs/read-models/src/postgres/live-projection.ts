import type { Pool } from 'pg';
import { inTransaction } from '@tm/event-store';
import { ProjectionRuleError } from '../fold/report-state';
import { applyEvents, type ApplyResult, type ProjectableEvent } from './apply-events';
import { activeProjectionVersion, lockProjectionSwitch } from './projection-versions';

/**
 * Applies one event from the events topic to the active projection version, in one transaction with its
 * per-stream version and position (a redelivered event changes nothing). Holds the switch lock shared, so a
 * rebuild's switch of active version waits for it and it never writes a version that stopped serving.
 * @returns what was applied; `duplicates` is 1 for a redelivered event.
 * @throws ProjectionRuleError when the fold refuses the event (the caller dead-letters it); nothing is written.
 */
export async function projectLiveEvent(pool: Pool, event: ProjectableEvent): Promise<ApplyResult & { schema: string }> {
  return inTransaction(pool, async (client) => {
    await lockProjectionSwitch(client, 'shared');
    const { schemaName } = await activeProjectionVersion(client);
    const result = await applyEvents(client, schemaName, [event]);
    if (result.refused.length > 0) throw new ProjectionRuleError(result.refused[0].reason);
    return { ...result, schema: schemaName };
  });
}
