import fc from 'fast-check';
import { buildAppIndex, loadBundledLists } from '../../../../bench/screening-eval/bundled-index';
import type { EntrySchema } from '../../src/model';
import type { ScreeningIndex } from '../../src/matching/screening-index';
import type { ScreeningQuery } from '../../src/matching/types';
import { BruteForceScreener } from './brute-force-screen';

/**
 * Queries per part of the exactness property test: 4 parts (one spec file each, so Jest's workers share them) of
 * 2,500 make the 10,000 generated queries; `EXACTNESS_RUNS` overrides it (e.g. a quick local run).
 */
const RUNS = Number(process.env.EXACTNESS_RUNS ?? 2_500);

const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'б',
  v: 'в',
  g: 'г',
  d: 'д',
  e: 'е',
  z: 'з',
  i: 'и',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  f: 'ф',
  h: 'х',
  c: 'ц',
  y: 'ы',
};

type Edit = (name: string, at: number) => string;
const words = (s: string) => s.split(/\s+/).filter(Boolean);
const letter = (at: number) => 'abcdefghijklmnopqrstuvwxyz'[at % 26]!;
export const EDITS: Record<string, Edit> = {
  replace: (s, at) => (s.length ? s.slice(0, at % s.length) + letter(at) + s.slice((at % s.length) + 1) : s),
  delete: (s, at) => (s.length > 1 ? s.slice(0, at % s.length) + s.slice((at % s.length) + 1) : s),
  insert: (s, at) => s.slice(0, at % (s.length + 1)) + letter(at * 7) + s.slice(at % (s.length + 1)),
  swap: (s, at) => {
    const i = at % Math.max(1, s.length - 1);
    return s.length > 1 ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
  },
  double: (s, at) => (s.length ? s.slice(0, (at % s.length) + 1) + s.slice(at % s.length) : s),
  reorder: (s, at) => {
    const w = words(s);
    const k = at % Math.max(1, w.length);
    return [...w.slice(k), ...w.slice(0, k)].join(' ');
  },
  glue: (s, at) => {
    const w = words(s);
    if (w.length < 2) return s;
    const k = at % (w.length - 1);
    return [...w.slice(0, k), w[k]! + w[k + 1]!, ...w.slice(k + 2)].join(' ');
  },
  split: (s, at) => {
    const w = words(s);
    const k = at % Math.max(1, w.length);
    const t = w[k] ?? '';
    if (t.length < 4) return s;
    const cut = 2 + (at % (t.length - 2));
    return [...w.slice(0, k), t.slice(0, cut), t.slice(cut), ...w.slice(k + 1)].join(' ');
  },
  abbreviate: (s, at) => {
    const w = words(s);
    const k = at % Math.max(1, w.length);
    return w.map((t, i) => (i === k && t.length > 5 ? t.slice(0, 4) + '.' : t)).join(' ');
  },
  initial: (s, at) => {
    const w = words(s);
    const k = at % Math.max(1, w.length);
    return w.map((t, i) => (i === k ? t[0] + '.' : t)).join(' ');
  },
  dropWord: (s, at) => {
    const w = words(s);
    return w.length > 1 ? w.filter((_, i) => i !== at % w.length).join(' ') : s;
  },
  cyrillic: (s) => [...s.toLowerCase()].map((c) => LATIN_TO_CYRILLIC[c] ?? c).join(''),
  formerName: (s, at) => `${letter(at).toUpperCase()}orthern Star (ex-${s})`,
  comma: (s) => {
    const w = words(s);
    return w.length > 1 ? `${w[w.length - 1]}, ${w.slice(0, -1).join(' ')}` : s;
  },
};
const SCHEMAS: EntrySchema[] = ['Person', 'Organization', 'Vessel', 'Unknown'];
const THRESHOLDS = [0.6, 0.7, 0.8, 0.85, 0.9, 1];

/**
 * Candidate generation is exact: over the full bundled lists, `screenName` returns every entry (and its best score)
 * that scoring every indexed name returns (`BruteForceScreener`), for generated queries made from real list names
 * with the edits screening must survive (typos, swaps, doubled letters, reordering, glued and split words,
 * abbreviations, initials, a dropped word, Cyrillic, a former name in brackets, `SURNAME, Given`), every schema and
 * thresholds 0.6–1. `part` (1…4) picks the seed.
 */
export function describeExactness(part: number): void {
  describe(`screenName candidate generation (part ${part} of 4)`, () => {
    let index: ScreeningIndex;
    let reference: BruteForceScreener;
    let names: Array<{ value: string; schema: EntrySchema }>;

    beforeAll(async () => {
      const lists = await loadBundledLists();
      index = buildAppIndex(lists.entries);
      reference = new BruteForceScreener(index);
      names = lists.entries.flatMap((e) => e.names.map((n) => ({ value: n.value, schema: e.schema })));
    }, 120_000);

    it(`returns exactly what scoring every name returns, for ${RUNS} generated queries`, () => {
      const query = fc.record({
        source: fc.nat(),
        edits: fc.array(fc.tuple(fc.constantFrom(...Object.keys(EDITS)), fc.nat()), { maxLength: 3 }),
        schema: fc.option(fc.constantFrom(...SCHEMAS), { nil: undefined }),
        sameSchema: fc.boolean(),
        threshold: fc.constantFrom(...THRESHOLDS),
      });
      fc.assert(
        fc.property(query, (g) => {
          const source = names[g.source % names.length]!;
          const name = g.edits.reduce((s, [edit, at]) => EDITS[edit]!(s, at), source.value);
          const q: ScreeningQuery = { name, schema: g.sameSchema ? source.schema : g.schema };
          const expected = [...reference.screen(q, g.threshold)].map(([entry, score]) => `${entry}:${score}`).sort();
          const got = index
            .screenName(q, { threshold: g.threshold, limit: 1_000_000 })
            .map((m) => `${entryPosition(index, m.entry.listId, m.entry.entryId)}:${m.score}`)
            .sort();
          expect({ name, got }).toEqual({ name, got: expected });
        }),
        { numRuns: RUNS, seed: 20261206 + part },
      );
    }, 1_800_000);
  });
}

const positions = new Map<string, number>();
function entryPosition(index: ScreeningIndex, listId: string, entryId: string): number {
  if (!positions.size) index.table.entries.forEach((e, i) => positions.set(`${e.listId}\u0000${e.entryId}`, i));
  return positions.get(`${listId}\u0000${entryId}`)!;
}
