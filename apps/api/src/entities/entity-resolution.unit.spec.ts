import fc from 'fast-check';
import type { EntityDecision, EntityType } from '@tm/domain';
import { entityIdOf, keyOfEntityId, NameTable, PreparedNames, resolveEntity, type ResolvableName } from './entity-resolution';

const person = (name: string, claimCount = 1): ResolvableName => ({
  key: name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase(),
  name,
  types: ['person'] as EntityType[],
  claimCount,
});
const company = (name: string): ResolvableName => ({ ...person(name), types: ['company'] });

const LUKASHENKO = [person('Alexander Lukashenko', 3), person('Lukashenka Alyaksandr'), person('Александр Лукашенко')];
const OTHERS = [
  person('Vladimir Putin', 2),
  person('Viktor Lukashenko'),
  person('Xi Jinping'),
  company('Lukashenko Holdings LLC'),
  company('Beijing Aviation Company'),
];
const ALL = [...LUKASHENKO, ...OTHERS];

const prepared = new PreparedNames();
const table = (names: ResolvableName[]) => new NameTable(names);
const merge = (position: number, names: string[]): EntityDecision => ({
  kind: 'merge',
  position,
  actor: 'analyst-1',
  decidedAt: '2026-12-06T00:00:00.000Z',
  names,
  reason: 'same',
});
const split = (position: number, name: string, from: string[]): EntityDecision => ({
  kind: 'split',
  position,
  actor: 'analyst-1',
  decidedAt: '2026-12-06T00:00:00.000Z',
  name,
  from,
  reason: 'not the same',
});
const keysOf = (names: ResolvableName[]) => names.map((n) => n.key).sort();

describe('entity resolution', () => {
  it('makes one entity of one person across spellings, scripts and name orders, with the matcher score of each merge', () => {
    const entity = resolveEntity('alexander lukashenko', table(ALL), [], prepared)!;
    expect(keysOf(entity.names)).toEqual(keysOf(LUKASHENKO));
    expect(entity.names[0]!.name).toBe('Alexander Lukashenko'); // the most mentioned first
    expect(entity.merges).toHaveLength(2);
    for (const m of entity.merges) {
      expect(m.rule).toBe('matcher');
      expect(m.score).toBeGreaterThanOrEqual(0.85);
    }
    expect(entity.entityId).toBe(entityIdOf('alexander lukashenko'));
  });

  it('keeps apart another person of the same family name and a company named after him', () => {
    expect(keysOf(resolveEntity('viktor lukashenko', table(ALL), [], prepared)!.names)).toEqual(['viktor lukashenko']);
    expect(keysOf(resolveEntity('lukashenko holdings llc', table(ALL), [], prepared)!.names)).toEqual(['lukashenko holdings llc']);
  });

  it("follows an analyst's split, then a later merge of the same names", () => {
    const splitOff = split(10, 'lukashenka alyaksandr', ['alexander lukashenko', 'александр лукашенко']);
    const apart = resolveEntity('alexander lukashenko', table(ALL), [splitOff], prepared)!;
    expect(keysOf(apart.names)).toEqual(['alexander lukashenko', 'александр лукашенко']);
    expect(apart.separations.map((s) => s.rule)).toEqual(['analyst-split', 'analyst-split']);
    expect(apart.separations[0]!.decision).toMatchObject({ actor: 'analyst-1', position: 10 });
    expect(keysOf(resolveEntity('lukashenka alyaksandr', table(ALL), [splitOff], prepared)!.names)).toEqual(['lukashenka alyaksandr']);

    // A merge of the name with one of the names it was split from lifts the split: the name rejoins the whole entity
    // (the Cyrillic spelling too, as the matcher links it), not that one name alone.
    const rejoined = resolveEntity(
      'alexander lukashenko',
      table(ALL),
      [splitOff, merge(11, ['lukashenka alyaksandr', 'alexander lukashenko'])],
      prepared,
    )!;
    expect(keysOf(rejoined.names)).toEqual(keysOf(LUKASHENKO));
    expect(rejoined.separations).toEqual([]);
    expect(rejoined.merges.find((m) => m.rule === 'analyst-merge')).toMatchObject({
      names: ['alexander lukashenko', 'lukashenka alyaksandr'],
      decision: { position: 11 },
    });
    const mergedAgain = resolveEntity(
      'alexander lukashenko',
      table(ALL),
      [splitOff, merge(11, ['lukashenka alyaksandr', 'alexander lukashenko', 'александр лукашенко'])],
      prepared,
    )!;
    expect(keysOf(mergedAgain.names)).toEqual(keysOf(LUKASHENKO));
    expect(mergedAgain.merges.find((m) => m.rule === 'analyst-merge')?.decision?.position).toBe(11);
  });

  describe('the latest decision on a pair wins (a merge after a split)', () => {
    // Five spellings the matcher makes one person; the analyst splits one off its entity (`from`: the other four, as
    // POST /v1/entities/split does by default), then merges it back with one of them.
    const FIVE = [...LUKASHENKO, person('Aliaksandr Lukashenka'), person('Alexandr Lukashenko')];
    const NAMES = [...FIVE, ...OTHERS];
    const others = FIVE.map((n) => n.key).filter((k) => k !== 'aliaksandr lukashenka');
    const splitOff = split(100, 'aliaksandr lukashenka', others);

    it('the matcher makes one entity of the five; the split takes the name out of it', () => {
      expect(keysOf(resolveEntity('alexander lukashenko', table(NAMES), [], prepared)!.names)).toEqual(keysOf(FIVE));
      const apart = resolveEntity('alexander lukashenko', table(NAMES), [splitOff], prepared)!;
      expect(keysOf(apart.names)).toEqual([...others].sort());
      expect(keysOf(resolveEntity('aliaksandr lukashenka', table(NAMES), [splitOff], prepared)!.names)).toEqual(['aliaksandr lukashenka']);
    });

    it('a merge of the name with one of the four brings it back into the whole entity, whichever name is asked for', () => {
      const decisions = [splitOff, merge(101, ['alexander lukashenko', 'aliaksandr lukashenka'])];
      for (const start of FIVE) {
        const entity = resolveEntity(start.key, table(NAMES), decisions, prepared)!;
        expect(keysOf(entity.names)).toEqual(keysOf(FIVE));
        expect(entity.separations).toEqual([]);
        expect(entity.merges.filter((m) => m.rule === 'analyst-merge')).toEqual([
          expect.objectContaining({
            names: ['alexander lukashenko', 'aliaksandr lukashenka'],
            decision: expect.objectContaining({ position: 101 }),
          }),
        ]);
      }
      // A later split takes it out again.
      const again = resolveEntity(
        'alexander lukashenko',
        table(NAMES),
        [...decisions, split(102, 'aliaksandr lukashenka', others)],
        prepared,
      )!;
      expect(keysOf(again.names)).toEqual([...others].sort());
    });

    it('a merge that names no pair of the split leaves it standing', () => {
      const decisions = [splitOff, merge(101, ['aliaksandr lukashenka', 'viktor lukashenko'])];
      expect(keysOf(resolveEntity('alexander lukashenko', table(NAMES), decisions, prepared)!.names)).toEqual([...others].sort());
      expect(keysOf(resolveEntity('viktor lukashenko', table(NAMES), decisions, prepared)!.names)).toEqual([
        'aliaksandr lukashenka',
        'viktor lukashenko',
      ]);
    });

    it('a merge wins over an older split it contradicts through other merges; a later split wins over a merge', () => {
      // Putin is not Xi (100); then Putin is Ivan Petrov, Xi is Wang Lei (101, 102); then those two are one (103):
      // the latest decisions win, so the four are one entity.
      const names = [...ALL, person('Ivan Petrov'), person('Wang Lei')];
      const chain = [
        split(100, 'vladimir putin', ['xi jinping']),
        merge(101, ['vladimir putin', 'ivan petrov']),
        merge(102, ['xi jinping', 'wang lei']),
        merge(103, ['ivan petrov', 'wang lei']),
      ];
      const joined = resolveEntity('vladimir putin', table(names), chain, prepared)!;
      expect(keysOf(joined.names)).toEqual(['ivan petrov', 'vladimir putin', 'wang lei', 'xi jinping']);
      expect(joined.separations).toEqual([]);
      // The same split taken last: it wins, and the oldest merge that contradicts it (Putin and Ivan Petrov) gives way.
      const [first, ...rest] = chain;
      const apart = resolveEntity('vladimir putin', table(names), [...rest, { ...first!, position: 104 }], prepared)!;
      expect(keysOf(apart.names)).toEqual(['vladimir putin']);
      expect(apart.separations).toContainEqual(
        expect.objectContaining({
          names: ['ivan petrov', 'vladimir putin'],
          rule: 'analyst-split',
          decision: expect.objectContaining({ position: 104 }),
        }),
      );
      expect(keysOf(resolveEntity('xi jinping', table(names), [...rest, { ...first!, position: 104 }], prepared)!.names)).toEqual([
        'ivan petrov',
        'wang lei',
        'xi jinping',
      ]);
    });
  });

  it('joins names the matcher keeps apart when an analyst merges them (the decision is the evidence)', () => {
    const entity = resolveEntity('vladimir putin', table(ALL), [merge(5, ['vladimir putin', 'xi jinping'])], prepared)!;
    expect(keysOf(entity.names)).toEqual(['vladimir putin', 'xi jinping']);
    expect(entity.merges).toEqual([
      expect.objectContaining({
        rule: 'analyst-merge',
        names: ['vladimir putin', 'xi jinping'],
        decision: expect.objectContaining({ reason: 'same' }),
      }),
    ]);
  });

  it('answers undefined for a key the directory does not hold', () => {
    expect(resolveEntity('nobody', table(ALL), [], prepared)).toBeUndefined();
  });

  it('entity ids are base64url of the key, and nothing else is one', () => {
    expect(keyOfEntityId(entityIdOf('александр лукашенко'))).toBe('александр лукашенко');
    expect(keyOfEntityId('')).toBeUndefined();
    expect(keyOfEntityId('_w')).toBeUndefined(); // 0xFF: not UTF-8
    expect(keyOfEntityId('a+b')).toBeUndefined();
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 50 }),
        (s) => keyOfEntityId(entityIdOf(s)) === s || s.includes('\uFFFD') || /[\uD800-\uDFFF]/.test(s),
      ),
    );
  });

  it('gives the same entity whichever of its names is asked for, in whatever order the directory lists them and the decisions were read', () => {
    const decisions = [split(20, 'lukashenka alyaksandr', ['александр лукашенко']), merge(21, ['vladimir putin', 'xi jinping'])];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(ALL, { minLength: ALL.length, maxLength: ALL.length }),
        fc.shuffledSubarray(decisions, { minLength: 2, maxLength: 2 }),
        fc.constantFrom(...ALL.map((n) => n.key)),
        (names, shuffled, start) => {
          const reference = resolveEntity(start, table(ALL), decisions, prepared)!;
          const entity = resolveEntity(start, table(names), shuffled, prepared)!;
          expect(entity.entityId).toBe(reference.entityId);
          expect(keysOf(entity.names)).toEqual(keysOf(reference.names));
          for (const member of entity.names)
            expect(resolveEntity(member.key, table(names), shuffled, prepared)!.entityId).toBe(entity.entityId);
        },
      ),
      { numRuns: 30 },
    );
  });
});
