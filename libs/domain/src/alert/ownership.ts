import type { EntryRelationV1 } from '../sanctions/events';
import type { OwnershipBasisV1, OwnershipHolderV1 } from './events';

/** OFAC's 50 percent rule: a party owned 50 % or more, alone or together, by blocked persons is blocked. */
export const OWNERSHIP_THRESHOLD = 50;

/** One relation of a listed entry over a party, with the entry (the holder) and its list's version. */
export interface Holding {
  holder: { listId: string; entryId: string; name: string; programs: string[] };
  /** The holder's list version (a date, YYYY-MM-DD…): a relation ended on or before it has ended. */
  listVersion: string;
  relation: EntryRelationV1;
}

export type OwnershipDecision = { action: 'alert'; basis: OwnershipBasisV1 } | { action: 'none'; why: 'no-holding' | 'below-threshold' };

/** True when the relation's end date is on or before the holder list's version (both ISO dates compare as strings). */
export function hasEnded(h: Pick<Holding, 'listVersion' | 'relation'>): boolean {
  const end = h.relation.endDate;
  return !!end && end.slice(0, 10) <= h.listVersion.slice(0, 10);
}

/** A total order on one holder's records: the larger share, then the first in JSON order (so input order never matters). */
function outranks(a: OwnershipHolderV1, b: OwnershipHolderV1): boolean {
  const d = (a.share ?? -1) - (b.share ?? -1);
  return d !== 0 ? d > 0 : JSON.stringify(a) < JSON.stringify(b);
}

const pct = (n: number) => `${Math.round(n * 100) / 100} %`;

/**
 * The ownership-and-control rule (pure) for one party, given every relation of a listed entry in force over it
 * (`holdings`, any order; each holder is in force, so a delisted owner is simply absent):
 * - relations ended (end date on or before the holder list's version) are not counted;
 * - each listed owner counts once, with its largest share in force; owners' shares are summed (OFAC: "in the
 *   aggregate"), capped at 100; an ownership record without a share counts 0 and is named in `notCounted`;
 * - the party is alerted when the aggregated share is at least `threshold` (`owned`), or a listed party directs it
 *   (`directed`: a director or officer in force), or OFAC links it to a listed party (`linked`);
 * - otherwise nothing (`below-threshold` when some holding was in force or counted, `no-holding` when none).
 * The result does not depend on the order of `holdings`: holders are sorted by share, then list and entry id.
 */
export function decideOwnership(
  party: { id: string; name: string },
  holdings: readonly Holding[],
  threshold = OWNERSHIP_THRESHOLD,
): OwnershipDecision {
  const notCounted: string[] = [];
  const owners = new Map<string, OwnershipHolderV1>();
  const others = new Map<string, OwnershipHolderV1>();
  for (const h of holdings) {
    const { relation: r, holder } = h;
    const who = `${holder.name} (${holder.listId} ${holder.entryId})`;
    if (hasEnded(h)) {
      notCounted.push(`ended ${r.endDate!.slice(0, 10)}: ${r.kind} by ${who}${r.share !== undefined ? ` ${pct(r.share)}` : ''}`);
      continue;
    }
    const designation = `${holder.listId} ${holder.entryId}${holder.programs.length ? `: ${[...holder.programs].sort().join(', ')}` : ''}`;
    const verb =
      r.kind === 'owns' ? (r.share !== undefined ? pct(r.share) : 'owned, share not given') : r.kind === 'directs' ? 'directed' : 'linked';
    const item: OwnershipHolderV1 = {
      listId: holder.listId,
      entryId: holder.entryId,
      name: holder.name,
      programs: [...holder.programs].sort(),
      relation: r.kind,
      ...(r.share !== undefined ? { share: r.share } : {}),
      ...(r.role ? { role: r.role } : {}),
      ...(r.startDate ? { startDate: r.startDate } : {}),
      path: `${party.name} ← ${verb}${r.role ? ` (${r.role})` : ''} ← ${holder.name} (${designation})`,
    };
    const key = `${r.kind}\u0000${holder.listId}\u0000${holder.entryId}`;
    if (r.kind === 'owns' && r.share === undefined) notCounted.push(`share not given: ${who}${r.role ? ` (${r.role})` : ''}`);
    const kept = r.kind === 'owns' ? owners : others;
    const prev = kept.get(key);
    if (!prev || outranks(item, prev)) kept.set(key, item);
  }
  const aggregated = Math.min(
    100,
    [...owners.values()].reduce((sum, o) => sum + (o.share ?? 0), 0),
  );
  const grounds: OwnershipBasisV1['grounds'] = [];
  if (aggregated >= threshold) grounds.push('owned');
  if ([...others.values()].some((o) => o.relation === 'directs')) grounds.push('directed');
  if ([...others.values()].some((o) => o.relation === 'linked')) grounds.push('linked');
  if (grounds.length === 0)
    return { action: 'none', why: owners.size + others.size + notCounted.length ? 'below-threshold' : 'no-holding' };
  const order = (a: OwnershipHolderV1, b: OwnershipHolderV1) =>
    (b.share ?? -1) - (a.share ?? -1) ||
    a.relation.localeCompare(b.relation) ||
    a.listId.localeCompare(b.listId) ||
    a.entryId.localeCompare(b.entryId);
  return {
    action: 'alert',
    basis: {
      partyId: party.id,
      partyName: party.name,
      aggregatedShare: Math.round(aggregated * 100) / 100,
      threshold,
      grounds,
      holders: [...owners.values(), ...others.values()].sort(order),
      notCounted: notCounted.sort(),
    },
  };
}
