/**
 * A multiset of strings: member → how many claims contribute it. Aggregates keep these instead of plain sets so a
 * claim can be taken out again (its status changed, it was amended) without re-reading every other claim: a member
 * leaves when its count reaches 0. Maps, not objects, so user-written members (`__proto__`…) stay data.
 */
export type Multiset = Map<string, number>;

/** Adds `sign` (+1 or −1) to a member's count, dropping it at 0. */
export function bump(set: Multiset, member: string, sign: number): void {
  const count = (set.get(member) ?? 0) + sign;
  if (count > 0) set.set(member, count);
  else set.delete(member);
}

/** The members, sorted by code point (an order that does not depend on the order claims arrived in). */
export function sortedMembers(set: Multiset): string[] {
  return [...set.keys()].sort(byCodePoint);
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON form of a multiset: `[member, count]` pairs, sorted (so equal multisets store equal JSON). */
export type MultisetJson = [string, number][];

export function multisetToJson(set: Multiset): MultisetJson {
  return [...set.entries()].sort(([a], [b]) => byCodePoint(a, b));
}

export function multisetFromJson(json: MultisetJson | undefined): Multiset {
  return new Map(json ?? []);
}
