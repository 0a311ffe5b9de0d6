import * as fc from 'fast-check';
import { lists } from '../../test/support/shared-index';
import type { EntrySchema } from '../model';
import * as prepareNames from '../normalise/prepare-name';
import { SCREEN_NAME_CACHE_SIZE, ScreeningIndex } from './screening-index';

/** One letter of `name` replaced by `x` (at a position fast-check picks). */
const mistyped = (name: string, at: number) =>
  name.length ? name.slice(0, at % name.length) + 'x' + name.slice((at % name.length) + 1) : name;

describe('ScreeningIndex remembers recent screenName answers', () => {
  const index = lists.index2024();
  const names = Array.from({ length: 2_000 }, (_, i) => index.table.value((i * 7919) % index.nameCount));

  it('answers a query asked before at a lower or the same threshold as a fresh screening does', () => {
    fc.assert(
      fc.property(
        fc.nat(names.length - 1),
        fc.option(fc.nat(40), { nil: undefined }),
        fc.constantFrom<EntrySchema>('Person', 'Organization', 'Unknown'),
        fc.option(fc.constantFrom<string[]>(['RU'], ['IR', 'SY'], ['CN']), { nil: undefined }),
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0.6, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (n, typo, schema, countries, limit, threshold, lower) => {
          const name = typo === undefined ? names[n]! : mistyped(names[n]!, typo);
          const query = { name, schema, ...(countries ? { countries } : {}) };
          index.forgetRecentAnswers();
          const fresh = index.screenName(query, { threshold, limit });
          index.forgetRecentAnswers();
          index.screenName(query, { threshold: threshold - lower, limit });
          expect(index.screenName(query, { threshold, limit })).toEqual(fresh);
          // A higher threshold first: the lower one is screened afresh, not cut from the higher one's answer.
          index.forgetRecentAnswers();
          index.screenName(query, { threshold: Math.min(1, threshold + lower), limit });
          const freshLower = (index.forgetRecentAnswers(), index.screenName(query, { threshold: threshold - lower, limit }));
          index.forgetRecentAnswers();
          index.screenName(query, { threshold: Math.min(1, threshold + lower), limit });
          expect(index.screenName(query, { threshold: threshold - lower, limit })).toEqual(freshLower);
        },
      ),
      { numRuns: 300 },
    );
  });

  it(`screens a query again once ${SCREEN_NAME_CACHE_SIZE} others were asked after it, not before`, () => {
    const computed = jest.spyOn(index as unknown as { screenNameUncached: () => unknown }, 'screenNameUncached');
    index.forgetRecentAnswers();
    const query = { name: 'Vladimir Putin', schema: 'Person' as const };
    index.screenName(query);
    for (let i = 0; i < SCREEN_NAME_CACHE_SIZE - 1; i++) index.screenName({ name: `Nobody ${i}`, schema: 'Person' });
    computed.mockClear();
    index.screenName(query);
    expect(computed).not.toHaveBeenCalled();
    for (let i = 0; i < SCREEN_NAME_CACHE_SIZE; i++) index.screenName({ name: `Someone ${i}`, schema: 'Person' });
    computed.mockClear();
    index.screenName(query);
    expect(computed).toHaveBeenCalledTimes(1);
    computed.mockRestore();
  });

  it('prepares a query once for every index of the process (the lists’, the related parties’)', () => {
    const other = new ScreeningIndex([lists.un()]);
    const prepared = jest.spyOn(prepareNames, 'prepareName');
    try {
      const name = 'Ivanov Trading Company Four Hundred Two';
      index.screenName({ name, schema: 'Organization' });
      other.screenName({ name, schema: 'Organization' });
      expect(prepared.mock.calls.filter(([text]) => text === name)).toHaveLength(1);
    } finally {
      prepared.mockRestore();
    }
  });

  it('keeps its answer when a caller changes the array it was given', () => {
    const query = { name: 'Vladimir Putin', schema: 'Person' as const };
    const first = index.screenName(query, { threshold: 0.85 });
    expect(first.length).toBeGreaterThan(0);
    first.length = 0;
    expect(index.screenName(query, { threshold: 0.85 }).length).toBeGreaterThan(0);
  });

  it('tells apart queries that differ only in parts, schema, countries or limit', () => {
    const name = 'KIM Jong Un';
    const asked = [
      index.screenName({ name, schema: 'Person' }, { limit: 1 }),
      index.screenName({ name, schema: 'Organization' }, { limit: 1 }),
      index.screenName({ name, schema: 'Person', countries: ['FR'] }, { limit: 1 }),
      index.screenName({ name, schema: 'Person', parts: { given: 'Jong Un', family: 'Kim' } }, { limit: 1 }),
      index.screenName({ name, schema: 'Person' }, { limit: 5 }),
    ];
    index.forgetRecentAnswers();
    expect(asked[0]).toEqual(index.screenName({ name, schema: 'Person' }, { limit: 1 }));
    expect(asked[1]).toEqual(index.screenName({ name, schema: 'Organization' }, { limit: 1 }));
    expect(asked[2]).toEqual(index.screenName({ name, schema: 'Person', countries: ['FR'] }, { limit: 1 }));
    expect(asked[3]).toEqual(index.screenName({ name, schema: 'Person', parts: { given: 'Jong Un', family: 'Kim' } }, { limit: 1 }));
    expect(asked[4]).toEqual(index.screenName({ name, schema: 'Person' }, { limit: 5 }));
    expect(asked[1]).not.toEqual(asked[0]);
  });
});
