import type { Pool } from 'pg';
import { inTransaction } from '@tm/event-store';
import { ProjectionRuleError } from '../fold/report-state';
import { applyEvents, type ApplyResult, type ProjectableEvent } from './apply-events';
import { advanceClaimHistory } from './claim-history';
import { activeProjectionVersion, lockProjectionSwitch } from './projection-versions';

/**
 * Applies one event from the events topic to the active projection version, in one transaction with its
 * per-stream version and position (a redelivered event changes nothing), and moves the claim history's checkpoint on
 * ({@link advanceClaimHistory}). Holds the switch lock shared, so a
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
    await advanceClaimHistory(client, schemaName);
    return { ...result, schema: schemaName };
  });
}

/** The fold refused `event`; thrown inside the run's transaction so that nothing of the run is kept. */
class RefusedInRun extends Error {
  constructor(readonly event: ProjectableEvent) {
    super('refused');
  }
}

/**
 * Applies a run of events (in global order) to the active projection version in one transaction: one commit, one
 * lookup of stream versions and accumulators for the whole run. When the fold refuses an event, nothing of the run
 * is kept; the events before the refused one are applied again alone, and the caller handles the refused one (it
 * dead-letters it through {@link projectLiveEvent}).
 * @returns how many events, from the first, are applied (duplicates included): `events.length` unless one was refused.
 */
export async function projectLiveEvents(pool: Pool, events: ProjectableEvent[]): Promise<number> {
  const attempt = async (run: ProjectableEvent[]) => {
    if (run.length === 0) return 0;
    return inTransaction(pool, async (client) => {
      await lockProjectionSwitch(client, 'shared');
      const { schemaName } = await activeProjectionVersion(client);
      const result = await applyEvents(client, schemaName, run);
      if (result.refused.length > 0) throw new RefusedInRun(result.refused[0].event);
      await advanceClaimHistory(client, schemaName);
      return run.length;
    });
  };
  try {
    return await attempt(events);
  } catch (error) {
    if (!(error instanceof RefusedInRun)) throw error;
    return attempt(events.slice(0, events.indexOf(error.event)));
  }
}
