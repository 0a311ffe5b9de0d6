import type { ListSnapshot, SanctionsEntry } from '../model';
import { BruteForceScreener } from '../../test/support/brute-force-screen';
import { ScreeningIndex } from './screening-index';
import type { ScreeningQuery } from './types';

function entry(entryId: string, schema: SanctionsEntry['schema'], primary: string, aliases: string[] = []): SanctionsEntry {
  return {
    listId: 'ofac-sdn',
    entryId,
    schema,
    primaryName: primary,
    names: [{ value: primary, kind: 'primary' }, ...aliases.map((value) => ({ value, kind: 'aka' as const }))],
    programs: ['TEST'],
    countries: [],
    identifiers: [],
  };
}

/**
 * The shapes the candidate finder's bounds are tuned for (issue 12, latency): a query word that is an initial (its
 * hits are every word it begins, at 0.7: non-essential unless another word could carry the name), and names whose
 * own runs glue into a query word (Abd al / Abdal: bounded on the merged name, not compared). Whatever the bounds
 * skip, `screenName` must return what scoring every name returns (`BruteForceScreener`).
 */
describe('CandidateFinder bounds (initials, name runs glued into a query word)', () => {
  const words = ['TAHIR', 'TARIQ', 'TAWFIQ', 'TURKI', 'TALAL', 'THAMER', 'TAMIM', 'TAREK', 'TAHA', 'TAYSIR'];
  const entries: SanctionsEntry[] = [
    ...words.map((w, i) => entry(`p${i}`, 'Person', `${w}, Ahmad`)),
    ...words.map((w, i) => entry(`q${i}`, 'Person', w)),
    entry('t', 'Person', 'T'),
    entry('dt', 'Person', 'DAN T'),
    entry('a1', 'Person', "'ABD AL-HADI, Iraqi"),
    entry('a2', 'Person', 'ABD AL RAHMAN, Amir', ['Abdal Rahman Amir']),
    entry('a3', 'Person', 'ABDAL HADI'),
    entry('a4', 'Person', 'AL-IRAQI, Abd al-Hadi'),
    entry('o1', 'Organization', 'ABD AL HADI TRADING'),
  ];
  const index = new ScreeningIndex([{ listId: 'ofac-sdn', version: 'test', contentHash: '', entries } as ListSnapshot]);
  const reference = new BruteForceScreener(index);
  const queries: ScreeningQuery[] = [
    { name: 'DxN T', schema: 'Person' },
    { name: 'den T', schema: 'Person' },
    { name: 'T', schema: 'Person' },
    { name: 'T Ahmad' },
    { name: 'Tahir A.', schema: 'Person' },
    { name: 'xL-IRAQI, Abdal al-Hadi', schema: 'Person' },
    { name: 'Abdal Hadi' },
    { name: 'Amir Abdal-Rahman', schema: 'Person' },
    { name: 'Abdalhadi Trading', schema: 'Organization' },
  ];

  it.each([0.5, 0.6, 0.7, 0.85, 1])('returns exactly what scoring every name returns at threshold %s', (threshold) => {
    for (const q of queries) {
      const expected = [...reference.screen(q, threshold)].map(([e, score]) => `${index.table.entries[e]!.entryId}:${score}`).sort();
      const got = index
        .screenName(q, { threshold, limit: 1_000 })
        .map((m) => `${m.entry.entryId}:${m.score}`)
        .sort();
      expect({ q: q.name, got }).toEqual({ q: q.name, got: expected });
    }
  });

  it('still finds what the bounds must not skip', () => {
    expect(index.screenName({ name: 'Abdal Hadi', schema: 'Person' }).map((m) => m.entry.entryId)).toEqual(expect.arrayContaining(['a3']));
    expect(index.screenName({ name: 'T', schema: 'Person' }).map((m) => m.entry.entryId)).toContain('t');
  });
});
