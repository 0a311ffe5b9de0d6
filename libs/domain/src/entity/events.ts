/**
 * Entity decisions: an analyst's word on which names of the entity directory are one party. Every decision is an
 * event of the single stream `entity-decisions` (stream type `entity-decisions`), in the order decided; the entity
 * resolution (`GET /v1/entities/{id}`) reads them from the event store, so a read-model rebuild leaves them as they
 * were. Names are the directory's keys (`entityKey`: NFKC, trimmed, single spaces, lower case).
 */
export const ENTITY_DECISIONS_STREAM = 'entity-decisions';
export const ENTITY_DECISIONS_STREAM_TYPE = 'entity-decisions';

/** These names are one entity, whatever the matcher says (they stay together until a later split separates them). */
export interface EntityNamesMergedV1 {
  /** 2 to {@link MAX_NAMES_PER_DECISION} distinct directory keys. */
  names: string[];
  reason: string;
}

/** `name` is not the party the names in `from` are: no automatic link joins them (until a later merge of them). */
export interface EntityNameSplitV1 {
  /** The directory key split off. */
  name: string;
  /** 1 to {@link MAX_NAMES_PER_DECISION} directory keys it is kept apart from (the other names of its entity when decided). */
  from: string[];
  reason: string;
}

export const EntityEvents = {
  EntityNamesMerged: { type: 'EntityNamesMerged', schemaVersion: 1 },
  EntityNameSplit: { type: 'EntityNameSplit', schemaVersion: 1 },
} as const;

/** Most names one decision may name (a merge's `names`, a split's `from`). */
export const MAX_NAMES_PER_DECISION = 100;

/** One decision as the resolution reads it, with who took it and when (the event's metadata). */
export type EntityDecision =
  | ({ kind: 'merge'; position: number; actor: string; decidedAt: string } & EntityNamesMergedV1)
  | ({ kind: 'split'; position: number; actor: string; decidedAt: string } & EntityNameSplitV1);
