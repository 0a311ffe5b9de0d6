import type { EntityNameSplitV1, EntityNamesMergedV1 } from './events';

/** `MergeEntityNames` (aggregate id: the decision's own id), run by the processor into `EntityNamesMerged`. */
export type MergeEntityNamesV1 = EntityNamesMergedV1 & { decisionId: string };
/** `SplitEntityName` (aggregate id: the decision's own id), run by the processor into `EntityNameSplit`. */
export type SplitEntityNameV1 = EntityNameSplitV1 & { decisionId: string };

export const EntityCommands = {
  MergeEntityNames: { type: 'MergeEntityNames', schemaVersion: 1 },
  SplitEntityName: { type: 'SplitEntityName', schemaVersion: 1 },
} as const;

export type EntityCommandType = keyof typeof EntityCommands;
