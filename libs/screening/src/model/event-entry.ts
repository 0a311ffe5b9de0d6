import type { SanctionsEntryV1 } from '@tm/domain';
import type { SanctionsEntry } from './sanctions-entry';

/**
 * The entry as carried by `SanctionsEntryDesignated` / `SanctionsEntryAmended`: the contract's `identifiers` map
 * (type → values joined by `; `) plus the full list in `identifierList`, so nothing of the entry is lost.
 */
export function toEventEntry(e: SanctionsEntry): SanctionsEntryV1 {
  const identifiers: Record<string, string> = {};
  for (const i of e.identifiers) identifiers[i.type] = identifiers[i.type] ? `${identifiers[i.type]}; ${i.value}` : i.value;
  return {
    listId: e.listId,
    entryId: e.entryId,
    schema: e.schema,
    primaryName: e.primaryName,
    names: e.names,
    programs: e.programs,
    countries: e.countries,
    ...(e.identifiers.length ? { identifiers, identifierList: e.identifiers } : {}),
    ...(e.listedOn ? { listedOn: e.listedOn } : {}),
    ...(e.remarks ? { remarks: e.remarks } : {}),
    ...(e.addresses?.length ? { addresses: e.addresses } : {}),
    ...(e.relations?.length ? { relations: e.relations } : {}),
  };
}

/** The list-neutral entry back from an event payload (see `toEventEntry`). */
export function fromEventEntry(v: SanctionsEntryV1): SanctionsEntry {
  return {
    listId: v.listId as SanctionsEntry['listId'],
    entryId: v.entryId,
    schema: v.schema,
    primaryName: v.primaryName,
    names: v.names,
    programs: v.programs,
    countries: v.countries,
    identifiers: v.identifierList ?? Object.entries(v.identifiers ?? {}).map(([type, value]) => ({ type, value })),
    ...(v.listedOn ? { listedOn: v.listedOn } : {}),
    ...(v.remarks ? { remarks: v.remarks } : {}),
    ...(v.addresses?.length ? { addresses: v.addresses } : {}),
    ...(v.relations?.length ? { relations: v.relations } : {}),
  };
}
