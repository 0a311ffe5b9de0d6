import type { MergeEntityNamesV1, SplitEntityNameV1 } from '@tm/domain';
import type { Envelope } from '@tm/messaging';

/** `MergeEntityNames` or `SplitEntityName` as dispatched on the in-process CommandBus. */
export class EntityDecisionCommand {
  constructor(
    readonly type: 'MergeEntityNames' | 'SplitEntityName',
    readonly envelope: Envelope,
    readonly payload: MergeEntityNamesV1 | SplitEntityNameV1,
  ) {}
}

/** The entity-decision command types of the commands topic, with their current schema version and class. */
export const ENTITY_COMMAND_ROUTES: Record<string, { schemaVersion: number; build: (envelope: Envelope, payload: unknown) => object }> = {
  MergeEntityNames: { schemaVersion: 1, build: (e, p) => new EntityDecisionCommand('MergeEntityNames', e, p as MergeEntityNamesV1) },
  SplitEntityName: { schemaVersion: 1, build: (e, p) => new EntityDecisionCommand('SplitEntityName', e, p as SplitEntityNameV1) },
};
