import fc from 'fast-check';
import { byEntryId, decideListVersion, type ListInForce } from './decide';
import type { SanctionsEntryV1 } from './events';

interface Entry {
  entryId: string;
  name: string;
}

const reading = {
  fingerprint: (e: Entry) => e.name,
  toEventEntry: (e: Entry): SanctionsEntryV1 => ({
    listId: 'un',
    entryId: e.entryId,
    schema: 'Person',
    primaryName: e.name,
    names: [{ value: e.name, kind: 'primary' }],
    programs: [],
    countries: [],
  }),
};

/** A version: entries with ids from a small pool (so versions overlap), names from a small alphabet (so some change). */
const version = fc.uniqueArray(fc.record({ entryId: fc.integer({ min: 1, max: 40 }).map(String), name: fc.constantFrom('a', 'b', 'c') }), {
  selector: (e) => e.entryId,
  maxLength: 25,
});

/** What an imported decision leaves in force (as the import writes `sanctions_entries`). */
function apply(inForce: ListInForce, entries: Entry[], hash: string): ListInForce {
  const decision = decideListVersion(inForce, { listId: 'un', version: hash, contentHash: hash, source: 'test', entries }, reading);
  if (decision.outcome === 'unchanged') return inForce;
  const fingerprints = new Map(inForce.fingerprints);
  for (const c of decision.changed) fingerprints.set(c.entry.entryId, c.fingerprint);
  for (const id of decision.delisted) fingerprints.delete(id);
  return { contentHash: hash, fingerprints };
}

describe('decideListVersion (the list-version rule)', () => {
  it('leaves in force exactly the last version applied, whatever came before; the same version again is unchanged', () => {
    fc.assert(
      fc.property(fc.array(version, { minLength: 1, maxLength: 6 }), (versions) => {
        let inForce: ListInForce = { contentHash: null, fingerprints: new Map() };
        versions.forEach((entries, i) => (inForce = apply(inForce, entries, `h${i}`)));
        const last = versions[versions.length - 1]!;
        expect(Object.fromEntries(inForce.fingerprints)).toEqual(Object.fromEntries(last.map((e) => [e.entryId, e.name])));
        expect(
          decideListVersion(
            inForce,
            { listId: 'un', version: 'again', contentHash: `h${versions.length - 1}`, source: 'test', entries: last },
            reading,
          ),
        ).toEqual({ outcome: 'unchanged' });
      }),
    );
  });

  it('designates the new, amends the changed, delists the gone, in that order by entry id, and ends with the version', () => {
    fc.assert(
      fc.property(version, version, (before, after) => {
        const inForce: ListInForce = { contentHash: 'before', fingerprints: new Map(before.map((e) => [e.entryId, e.name])) };
        const decision = decideListVersion(
          inForce,
          { listId: 'un', version: '2026-12-06', contentHash: 'after', source: 'test', entries: after },
          reading,
        );
        if (decision.outcome !== 'imported') throw new Error('a new hash is never unchanged');
        const was = new Map(before.map((e) => [e.entryId, e.name]));
        const designated = after
          .filter((e) => !was.has(e.entryId))
          .map((e) => e.entryId)
          .sort(byEntryId);
        const amended = after
          .filter((e) => was.has(e.entryId) && was.get(e.entryId) !== e.name)
          .map((e) => e.entryId)
          .sort(byEntryId);
        const delisted = before
          .filter((e) => !after.some((a) => a.entryId === e.entryId))
          .map((e) => e.entryId)
          .sort(byEntryId);
        expect(
          decision.events.map(
            (e) =>
              `${e.type}:${(e.payload as { entry?: { entryId: string }; entryId?: string }).entry?.entryId ?? (e.payload as { entryId?: string }).entryId ?? ''}`,
          ),
        ).toEqual([
          ...designated.map((id) => `SanctionsEntryDesignated:${id}`),
          ...amended.map((id) => `SanctionsEntryAmended:${id}`),
          ...delisted.map((id) => `SanctionsEntryDelisted:${id}`),
          'SanctionsListVersionImported:',
        ]);
        expect(decision.counts).toEqual({
          entries: after.length,
          designated: designated.length,
          amended: amended.length,
          delisted: delisted.length,
        });
      }),
    );
  });

  it('counts a repeated entry id once, its first occurrence', () => {
    const decision = decideListVersion(
      { contentHash: null, fingerprints: new Map() },
      {
        listId: 'un',
        version: 'v',
        contentHash: 'h',
        source: 's',
        entries: [
          { entryId: '7', name: 'a' },
          { entryId: '7', name: 'b' },
        ],
      },
      reading,
    );
    expect(decision).toMatchObject({ outcome: 'imported', counts: { entries: 1, designated: 1 }, changed: [{ fingerprint: 'a' }] });
  });
});
