import type { SanctionsEntry } from '../model';
import { lists } from '../../test/support/shared-index';
import { HashedIdLists, hashString } from './hashed-id-lists';
import { ScreeningIndex, ScreeningIndexBuilder } from './screening-index';
import * as fc from 'fast-check';
import { phoneticKey } from './phonetic';
import * as tokenRelation from './token-relation';
import { areRelated } from './token-relation';
import { querySimilarity, TWO_LETTER_EDIT_SIMILARITY } from './token-similarity';
import { Vocabulary } from './vocabulary';

describe('compact index structures', () => {
  it('hashed id lists give each key its ids in order, colliding buckets filtered by the caller', () => {
    const keys = ['a', 'b', 'a', 'c', 'b', 'a'];
    const lists = new HashedIdLists(keys.length, (id, emit) => emit(hashString(keys[id]!)));
    const idsOf = (key: string) => {
      const out: number[] = [];
      lists.forEach(
        hashString(key),
        (id) => keys[id] === key,
        (id) => out.push(id),
      );
      return out;
    };
    expect(idsOf('a')).toEqual([0, 2, 5]);
    expect(idsOf('b')).toEqual([1, 4]);
    expect(idsOf('z')).toEqual([]);
    expect(hashString('abxc', 2)).toBe(hashString('abc'));
  });

  it('vocabulary lookups see tokens interned after an earlier lookup', () => {
    const v = new Vocabulary();
    v.intern('hussain');
    expect(v.lookup('husain', 0.5).map((h) => v.tokens[h.id])).toEqual(['hussain']);
    v.intern('husein');
    expect(
      v
        .lookup('husain', 0.5)
        .map((h) => v.tokens[h.id])
        .sort(),
    ).toEqual(['husein', 'hussain']);
  });

  it('a 2-letter word the lists do not use meets the listed 2-letter words one letter from it, a listed one does not', () => {
    const v = new Vocabulary();
    for (const t of ['ri', 'ro', 'li', 'ab', 'kim']) v.intern(t);
    const found = (t: string) =>
      v
        .lookup(t, 0)
        .map((h) => `${v.tokens[h.id]} ${h.similarity}`)
        .sort();
    expect(found('rx')).toEqual([`ri ${TWO_LETTER_EDIT_SIMILARITY}`, `ro ${TWO_LETTER_EDIT_SIMILARITY}`]);
    expect(found('ri')).toEqual(['ri 1']);
    expect(areRelated('rx', 'ab', phoneticKey('rx'), phoneticKey('ab'))).toBe(false);
  });

  it('vocabulary lookups find exactly the tokens a comparison finds similar (short words included)', () => {
    const word = fc.stringMatching(/^[a-f]{1,4}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 40 }), word, (tokens, query) => {
        const v = new Vocabulary();
        for (const t of tokens) v.intern(t);
        const unknown = v.id(query) === undefined;
        const expected = tokens.filter((t) => querySimilarity(query, t, phoneticKey(query), phoneticKey(t), true, unknown) > 0).sort();
        const got = v
          .lookup(query, 0)
          .map((h) => v.tokens[h.id]!)
          .sort();
        expect(got).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('a word longer than every listed word by more than two letters is not looked up by its deletions, which meet none', () => {
    const v = new Vocabulary();
    const listed = 'abcdefghij'.repeat(3);
    for (const t of [listed, 'kim', 'hussain']) v.intern(t);
    const deletions = jest.spyOn(tokenRelation, 'deletionStrings');
    try {
      // Two letters more than the longest listed word: its deletions still meet it.
      expect(v.lookup(`${listed}xy`, 0).map((h) => v.tokens[h.id])).toEqual([listed]);
      deletions.mockClear();
      // 1,000 letters (a POST /v1/screening name): enumerated, its deletions were 500,000 strings of ~1,000 letters.
      expect(v.lookup('abcdefghij'.repeat(100), 0)).toEqual([]);
      expect(deletions).not.toHaveBeenCalled();
    } finally {
      deletions.mockRestore();
    }
  });

  it('an index built entry by entry (only the fields it reads) equals one built from the snapshots', () => {
    const snapshot = lists.un();
    const builder = new ScreeningIndexBuilder();
    for (const e of snapshot.entries) {
      const { listId, entryId, schema, primaryName, names, programs, countries } = e;
      builder.add({ listId, entryId, schema, primaryName, names, programs, countries });
    }
    const streamed = builder.build();
    const whole = new ScreeningIndex([snapshot]);
    expect(streamed.buildStats).toEqual({ ...whole.buildStats, buildMs: streamed.buildStats.buildMs });
    for (const name of ['Kim Jong Un', 'Al-Qaida', 'Korea Mining Development Trading Corporation', 'Hxjji Muhammad']) {
      expect(streamed.screenName({ name }, { threshold: 0.7 })).toEqual(whole.screenName({ name }, { threshold: 0.7 }));
    }
    const listed = whole.nameAt(0);
    expect(streamed.findEntry(listed.entry.listId, listed.entry.entryId)).toEqual(listed.entry);
    expect(streamed.findEntry('un', 'no such entry')).toBeUndefined();
  });

  it('keeps only what a match needs of an entry, shared and frozen', () => {
    const entry = (entryId: string): SanctionsEntry => ({
      listId: 'un',
      entryId,
      schema: 'Person',
      primaryName: `Ivan Petrov ${entryId}`,
      names: [{ value: `Ivan Petrov ${entryId}`, kind: 'primary' }],
      programs: ['DPRK'],
      countries: ['KP'],
      identifiers: [{ type: 'passport', value: '123' }],
      remarks: 'long remarks',
    });
    const index = new ScreeningIndex([{ listId: 'un', version: 't', contentHash: '', entries: [entry('1'), entry('2')] }]);
    const a = index.findEntry('un', '1')!;
    expect(a).toEqual({
      listId: 'un',
      entryId: '1',
      schema: 'Person',
      primaryName: 'Ivan Petrov 1',
      programs: ['DPRK'],
      countries: ['KP'],
    });
    expect(index.findEntry('un', '2')!.programs).toBe(a.programs);
    expect(Object.isFrozen(a.programs)).toBe(true);
  });
});
