import { ListFormatError } from '../errors';
import type { ListSnapshot, SanctionsEntry } from '../model';
import { attachSanction, entryFromFtm, isScreenableSchema, type FtmEntity } from './ftm-entity';
import { parseJsonLines } from './json-lines';
import { decodeInput, sha256, type ParseLimits, type RawInput } from './raw-input';

const FORMAT = 'OpenSanctions delta';

/** One line of an OpenSanctions `entities.delta.json` file. */
export interface FtmDeltaOp {
  op: 'ADD' | 'MOD' | 'DEL';
  entity: FtmEntity;
}

/**
 * Parses a delta file (`{"op": "ADD"|"MOD"|"DEL", "entity": {…FtM entity…}}` per line; OpenSanctions
 * delta feed, indexed by `delta.json` → `versions`).
 * @throws ListFormatError on an unknown op or an entity without id.
 */
export function parseOpenSanctionsDelta(input: RawInput, limits?: ParseLimits): FtmDeltaOp[] {
  const ops = parseJsonLines<FtmDeltaOp>(FORMAT, decodeInput(FORMAT, input, limits));
  ops.forEach((o, i) => {
    if (o.op !== 'ADD' && o.op !== 'MOD' && o.op !== 'DEL')
      throw new ListFormatError(FORMAT, `unknown op "${String(o.op)}"`, `line ${i + 1}`);
    if (!o.entity || typeof o.entity.id !== 'string') throw new ListFormatError(FORMAT, 'op without entity id', `line ${i + 1}`);
  });
  return ops;
}

/**
 * The snapshot after applying one delta file to `base` (an OpenSanctions snapshot, or undefined for an
 * empty start): ADD/MOD of a screenable target upserts its entry, DEL removes it, Sanction entities add
 * programs to the entries they name. `base` is not modified.
 * @param version the delta version id (e.g. `20240528014702-pfh` from `delta.json`).
 * @throws ListFormatError (see `parseOpenSanctionsDelta`).
 */
export function applyOpenSanctionsDelta(
  base: ListSnapshot | undefined,
  input: RawInput,
  version: string,
  limits?: ParseLimits,
): ListSnapshot {
  const byId = new Map<string, SanctionsEntry>((base?.entries ?? []).map((e) => [e.entryId, e]));
  const sanctions: FtmEntity[] = [];
  for (const { op, entity } of parseOpenSanctionsDelta(input, limits)) {
    if (op === 'DEL') byId.delete(entity.id);
    else if (entity.schema === 'Sanction') sanctions.push(entity);
    else if (isScreenableSchema(entity.schema) && entity.target !== false) byId.set(entity.id, entryFromFtm(entity));
  }
  for (const s of sanctions)
    for (const target of s.properties?.['entity'] ?? []) {
      const e = byId.get(target);
      if (e) {
        const copy = { ...e, programs: [...e.programs] };
        attachSanction(copy, s);
        byId.set(target, copy);
      }
    }
  return { listId: 'opensanctions', version, contentHash: sha256(base?.contentHash, input), entries: [...byId.values()] };
}
