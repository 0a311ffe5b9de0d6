import { createHash } from 'node:crypto';
import type { ListDelta, ListSnapshot, SanctionsEntry } from '../model';

/**
 * Stable fingerprint of an entry's content (sha256 hex over a canonical JSON: names sorted, programs,
 * countries and identifiers sorted, whitespace collapsed), so re-ordered or re-serialised but unchanged
 * entries compare equal. `remarks` is excluded: OFAC rewrites remark wording and directive links
 * without changing the designation.
 */
export function entryFingerprint(e: SanctionsEntry): string {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toUpperCase();
  const canonical = {
    schema: e.schema,
    primaryName: norm(e.primaryName),
    names: e.names.map((n) => `${n.kind}|${n.quality ?? ''}|${norm(n.value)}`).sort(),
    programs: e.programs.map(norm).sort(),
    countries: [...e.countries].sort(),
    identifiers: e.identifiers.map((i) => `${i.type}|${norm(i.value)}|${i.country ?? ''}`).sort(),
    listedOn: e.listedOn ?? '',
    // Only when present, so the fingerprint of an entry without relations is what it was before relations existed.
    ...(e.relations?.length ? { relations: e.relations.map((r) => JSON.stringify(r)).sort() } : {}),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * Delta between two versions of one list, keyed by (listId, entryId):
 * - `designated`: in `next` only (all of `next` when `previous` is undefined: first import);
 * - `amended`: in both, with different fingerprints (`entryFingerprint`);
 * - `delisted`: in `previous` only.
 * Each array is ordered by entryId (numeric ids numerically) so results are stable.
 */
export function diffSnapshots(previous: ListSnapshot | undefined, next: ListSnapshot): ListDelta {
  const key = (e: SanctionsEntry) => `${e.listId}\u0000${e.entryId}`;
  const before = new Map((previous?.entries ?? []).map((e) => [key(e), e]));
  const after = new Map(next.entries.map((e) => [key(e), e]));
  const delta: ListDelta = { designated: [], amended: [], delisted: [] };
  for (const [k, e] of after) {
    const old = before.get(k);
    if (!old) delta.designated.push(e);
    else if (entryFingerprint(old) !== entryFingerprint(e)) delta.amended.push({ before: old, after: e });
  }
  for (const [k, e] of before) if (!after.has(k)) delta.delisted.push(e);
  const cmp = (a: SanctionsEntry, b: SanctionsEntry) => a.entryId.localeCompare(b.entryId, 'en', { numeric: true });
  delta.designated.sort(cmp);
  delta.delisted.sort(cmp);
  delta.amended.sort((a, b) => cmp(a.after, b.after));
  return delta;
}
