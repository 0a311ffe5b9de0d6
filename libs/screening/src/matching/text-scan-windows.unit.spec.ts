import * as fc from 'fast-check';
import { windowHits, type WindowHits } from './text-scan';

/** The window as the scan read it before `windowHits`: every position, each token of the name in its order. */
function byEveryPosition(ids: number[], positionsOf: Map<number, number[]>, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let p = from; p <= to; p++)
    for (const id of ids)
      if (positionsOf.get(id)?.includes(p)) {
        out.push([p, id]);
        break;
      }
  return out;
}

describe("windowHits: a name's hits in a window of the text", () => {
  it('equals a look-up of every token at every position of the window (each position taken by the earlier token)', () => {
    const text = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }), { maxLength: 60 });
    fc.assert(
      fc.property(
        text,
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.nat(70),
        fc.nat(12),
        (hitsAt, ids, from, width) => {
          const positionsOf = new Map<number, number[]>();
          hitsAt.forEach((hits, p) => hits.forEach((id) => positionsOf.set(id, [...(positionsOf.get(id) ?? []), p])));
          const out: WindowHits = { positions: [9, 9, 9], ids: [1, 1, 1], count: 3 };
          // Twice into the same buffers: nothing of the first window is left in the second.
          windowHits(ids, positionsOf, 0, hitsAt.length, out);
          windowHits(ids, positionsOf, from, from + width, out);
          const got = out.positions.slice(0, out.count).map((p, k) => [p, out.ids[k]]);
          expect(got).toEqual(byEveryPosition(ids, positionsOf, from, from + width));
        },
      ),
      { numRuns: 3_000, seed: 20261207 },
    );
  });
});
