import { ListFormatError } from '../errors';
import type { ListSnapshot, SanctionsEntry } from '../model';
import { addAddress } from './addresses';
import { attachSanction, entryFromFtm, isScreenableSchema, relationFromFtm, type FtmEntity } from './ftm-entity';
import { parseJsonLines } from './json-lines';
import { decodeInput, sha256, type ParseLimits, type RawInput } from './raw-input';

const FORMAT = 'OpenSanctions FtM JSON lines';

export interface FtmParseOptions extends ParseLimits {
  /** Snapshot version; default: the latest `last_change` date among the entities. */
  version?: string;
  /** Keep entities marked `target: false` (owners, directors…); default false. */
  includeNonTargets?: boolean;
}

/**
 * Parses an OpenSanctions FollowTheMoney export (`entities.ftm.json`, one entity per line).
 * Screenable entities (Person, Company, Organization, PublicBody, LegalEntity, Vessel, Airplane) that
 * are targets become entries; `Sanction` entities add their program to the entity named by their
 * `entity` property. `Ownership` and `Directorship` records whose owner or director is an entry become relations
 * of that entry (`owns`, `directs`), the asset or organisation as their party (listed or not), with the share
 * (`percentage`), role and dates the record gives. Address entities an entry refers to (`addressEntity`) become its
 * `addresses` (their `full` wording). Family entities are skipped.
 * @throws ListFormatError on a line that is not JSON or an entity without `id`/`schema`.
 */
export function parseOpenSanctionsFtm(input: RawInput, options: FtmParseOptions = {}): ListSnapshot {
  const entities = parseJsonLines<FtmEntity>(FORMAT, decodeInput(FORMAT, input, options));
  const byId = new Map<string, SanctionsEntry>();
  const sanctions: FtmEntity[] = [];
  const relations: FtmEntity[] = [];
  const all = new Map<string, FtmEntity>();
  let latest = '';
  entities.forEach((e, i) => {
    if (typeof e.id !== 'string' || typeof e.schema !== 'string')
      throw new ListFormatError(FORMAT, 'entity without id or schema', `line ${i + 1}`);
    if (e.last_change && e.last_change > latest) latest = e.last_change;
    all.set(e.id, e);
    if (e.schema === 'Sanction') sanctions.push(e);
    else if (e.schema === 'Ownership' || e.schema === 'Directorship') relations.push(e);
    else if (isScreenableSchema(e.schema) && (e.target !== false || options.includeNonTargets)) byId.set(e.id, entryFromFtm(e));
  });
  for (const s of sanctions)
    for (const target of s.properties?.['entity'] ?? []) {
      const entry = byId.get(target);
      if (entry) attachSanction(entry, s);
    }
  // An entry's Address entities (`addressEntity`) as its addresses: their `full` wording.
  for (const [id, entry] of byId)
    for (const ref of all.get(id)?.properties?.['addressEntity'] ?? [])
      for (const full of all.get(ref)?.properties?.['full'] ?? []) addAddress(entry, [full]);
  for (const r of relations) {
    const related = relationFromFtm(r, all);
    const holder = related && byId.get(related.holderId);
    if (holder) (holder.relations ??= []).push(related.relation);
  }
  return {
    listId: 'opensanctions',
    version: options.version ?? (latest.slice(0, 10) || 'unknown'),
    contentHash: sha256(input),
    entries: [...byId.values()],
  };
}
