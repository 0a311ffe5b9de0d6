import { EntityEvents, MAX_NAMES_PER_DECISION, type EntityNameSplitV1, type EntityNamesMergedV1 } from './events';
import type { MergeEntityNamesV1, SplitEntityNameV1 } from './commands';

/** Directory key of a name: NFKC, trimmed, single spaces, lower case (the entity directory's `entityKey`). */
export function entityNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export type EntityDecisionOutcome =
  | { action: 'append'; event: { type: string; schemaVersion: number; payload: EntityNamesMergedV1 | EntityNameSplitV1 } }
  | { action: 'refuse'; code: 'invalid-decision'; path: string; message: string };

const refuse = (path: string, message: string): EntityDecisionOutcome => ({ action: 'refuse', code: 'invalid-decision', path, message });

function nameList(value: unknown, path: string, min: number): string[] | EntityDecisionOutcome {
  if (!Array.isArray(value) || value.length < min || value.length > MAX_NAMES_PER_DECISION)
    return refuse(path, `${path} must hold ${min} to ${MAX_NAMES_PER_DECISION} names`);
  const keys: string[] = [];
  for (const [i, name] of value.entries()) {
    if (typeof name !== 'string' || !entityNameKey(name) || name.length > 300)
      return refuse(`${path}[${i}]`, `${path}[${i}] must be a name of 1 to 300 characters`);
    keys.push(entityNameKey(name));
  }
  if (new Set(keys).size !== keys.length) return refuse(path, `${path} must not name one entity name twice`);
  return keys;
}

function reasonOf(value: unknown): string | EntityDecisionOutcome {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= 2000
    ? value
    : refuse('reason', 'reason must be 1 to 2000 characters');
}

/** Checks a merge and makes its event (names as directory keys); a refusal names the field. */
export function decideMerge(command: MergeEntityNamesV1): EntityDecisionOutcome {
  const names = nameList(command?.names, 'names', 2);
  if (!Array.isArray(names)) return names;
  const reason = reasonOf(command.reason);
  if (typeof reason !== 'string') return reason;
  return { action: 'append', event: { ...EntityEvents.EntityNamesMerged, payload: { names, reason } } };
}

/** Checks a split and makes its event (names as directory keys); a refusal names the field. */
export function decideSplit(command: SplitEntityNameV1): EntityDecisionOutcome {
  const name = nameList([command?.name], 'name', 1);
  if (!Array.isArray(name)) return { ...name, path: 'name' } as EntityDecisionOutcome;
  const from = nameList(command.from, 'from', 1);
  if (!Array.isArray(from)) return from;
  if (from.includes(name[0]!)) return refuse('from', 'from must not hold the name split off');
  const reason = reasonOf(command.reason);
  if (typeof reason !== 'string') return reason;
  return { action: 'append', event: { ...EntityEvents.EntityNameSplit, payload: { name: name[0]!, from, reason } } };
}
