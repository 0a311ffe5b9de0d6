import fc from 'fast-check';
import {
  decideDiversion,
  DIVERSION_ROUTE_CLAIMS_CITED,
  diversionKey,
  diversionRouteKey,
  findDiversionRoutes,
  routeTouchedBy,
  diversionsWith,
  findDiversions,
  programTargets,
  type ProgramCountryCount,
  type TransferLeg,
} from './diversion';

const settings = { windowDays: 365 };
// As the bundled OFAC list gives them: RUSSIA-EO14024 mostly RU, BELARUS-EO14038 mostly BY.
const counts: ProgramCountryCount[] = [
  { listId: 'ofac-sdn', program: 'RUSSIA-EO14024', country: 'RU', entries: 3000 },
  { listId: 'ofac-sdn', program: 'RUSSIA-EO14024', country: 'BY', entries: 40 },
  { listId: 'ofac-sdn', program: 'RUSSIA-EO14024', country: 'CN', entries: 30 },
  { listId: 'ofac-sdn', program: 'BELARUS-EO14038', country: 'BY', entries: 120 },
  { listId: 'ofac-sdn', program: 'IRAN', country: 'IR', entries: 8 },
];
const targets = programTargets(counts);

const leg = (id: string, from: string, to: string, edtf: string, earliest: string, latest: string, hs6 = '852691'): TransferLeg => ({
  reportId: `r-${id}`,
  claimId: id,
  from,
  to,
  item: { description: 'radio navigation receivers', hs6 },
  date: { edtf, earliest, latest },
  stage: 'shipped',
});
const cnBy = leg('cn-by', 'CN', 'BY', '2023-01', '2023-01-01', '2023-01-31');
const byRu = leg('by-ru', 'BY', 'RU', '2023-03', '2023-03-01', '2023-03-31');

describe('programTargets: the countries programs in force target, from the lists', () => {
  it('takes a country holding most of a program’s entries and enough of them', () => {
    expect(targets.map((t) => `${t.program}→${t.country}`)).toEqual(['BELARUS-EO14038→BY', 'RUSSIA-EO14024→RU']);
    expect(targets[1]).toEqual({ listId: 'ofac-sdn', program: 'RUSSIA-EO14024', country: 'RU', entries: 3000, programEntries: 3070 });
    expect(programTargets(counts, { minEntries: 5, minShare: 0.5 }).map((t) => t.country)).toContain('IR');
    expect(programTargets(counts, { minEntries: 100, minShare: 0.99 })).toEqual([
      { listId: 'ofac-sdn', program: 'BELARUS-EO14038', country: 'BY', entries: 120, programEntries: 120 },
    ]);
  });
});

describe('diversion rule: decideDiversion', () => {
  it('raises the article’s pattern, CN → BY then BY → RU of one HS-6 code, once, citing both claims and every figure', () => {
    const found = findDiversions([byRu, cnBy], targets, settings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      path: 'CN → BY → RU',
      category: 'hs6:852691',
      gapDays: 29,
      windowDays: 365,
      claims: [
        { role: 'first', claimId: 'cn-by' },
        { role: 'onward', claimId: 'by-ru' },
      ],
      programs: [{ program: 'RUSSIA-EO14024', country: 'RU' }],
    });
    expect(found[0]!.notes).toEqual([
      'hs6:852691 flows CN → BY (2023-01, shipped) and BY → RU (2023-03, shipped)',
      'the onward leg begins 29 days after the first ends (window 365 days)',
      "RU is the target of RUSSIA-EO14024 (ofac-sdn): 3000 of the program's 3070 entry countries (97.7 %); BY is not",
    ]);
  });

  it('does not raise outside the window, for another category, when C is not targeted or B is targeted by the same program', () => {
    expect(
      decideDiversion(cnBy, { ...byRu, date: { edtf: '2024-03', earliest: '2024-03-01', latest: '2024-03-31' } }, targets, settings),
    ).toBeUndefined();
    expect(
      decideDiversion(cnBy, { ...byRu, date: { edtf: '2022', earliest: '2022-01-01', latest: '2022-12-31' } }, targets, settings),
    ).toBeUndefined();
    expect(
      decideDiversion(cnBy, leg('by-ru', 'BY', 'RU', '2023-03', '2023-03-01', '2023-03-31', '880730'), targets, settings),
    ).toBeUndefined();
    expect(decideDiversion(cnBy, { ...byRu, to: 'KZ' }, targets, settings)).toBeUndefined();
    expect(
      decideDiversion(
        leg('cn-by', 'CN', 'BY', '2023', '2023-01-01', '2023-12-31'),
        byRu,
        [{ ...targets[1]!, country: 'BY' }, targets[1]!],
        settings,
      ),
    ).toBeUndefined();
    // An open start ("by February 2023") is taken as within the window.
    expect(
      decideDiversion(cnBy, { ...byRu, date: { edtf: '[..2023-02]', earliest: '-infinity', latest: '2023-02-28' } }, targets, settings),
    ).toMatchObject({
      path: 'CN → BY → RU',
    });
  });

  const countries = fc.constantFrom('CN', 'BY', 'RU', 'KZ');
  const legs = fc
    .array(
      fc.record({
        from: countries,
        to: countries,
        hs6: fc.constantFrom('852691', '880730'),
        month: fc.integer({ min: 1, max: 24 }),
      }),
      { maxLength: 10 },
    )
    .map((rows) =>
      rows.map((r, i) => {
        const y = 2022 + Math.floor((r.month - 1) / 12);
        const m = String(((r.month - 1) % 12) + 1).padStart(2, '0');
        return leg(`c${i}`, r.from, r.to, `${y}-${m}`, `${y}-${m}-01`, `${y}-${m}-28`, r.hs6);
      }),
    );

  it('finds the same diversions whatever order the claims arrive in, each once: deciding each claim against those before it equals a rebuild', () => {
    fc.assert(
      fc.property(
        legs.chain((ls) => fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls, { minLength: ls.length, maxLength: ls.length }))),
        ([ls, arrival]) => {
          const incremental = arrival.flatMap((l, i) => diversionsWith(l, arrival.slice(0, i), targets, { windowDays: 120 }));
          const keys = incremental.map(diversionKey).sort();
          expect(new Set(keys).size).toBe(keys.length);
          expect(keys).toEqual(findDiversions(ls, targets, { windowDays: 120 }).map(diversionKey));
        },
      ),
    );
  });

  it('groups the pairs of one route whatever order the claims arrive in: the same bases, pairs and claims as the pair rule', () => {
    fc.assert(
      fc.property(
        legs.chain((ls) => fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls, { minLength: ls.length, maxLength: ls.length }))),
        ([ls, arrival]) => {
          const routes = findDiversionRoutes(ls, targets, { windowDays: 120 });
          expect(findDiversionRoutes(arrival, targets, { windowDays: 120 })).toEqual(routes);
          const pairs = findDiversions(ls, targets, { windowDays: 120 });
          expect(routes.reduce((n, r) => n + r.pairs!, 0)).toBe(pairs.length);
          expect(new Set(routes.map(diversionRouteKey)).size).toBe(routes.length);
          for (const r of routes) {
            const own = pairs.filter((p) => diversionRouteKey(p) === diversionRouteKey(r));
            const cited = (role: string) =>
              r.claims
                .filter((c) => c.role === role)
                .map((c) => c.claimId)
                .sort();
            expect(cited('first')).toEqual([...new Set(own.map((p) => p.claims[0]!.claimId))].sort());
            expect(cited('onward')).toEqual([...new Set(own.map((p) => p.claims[1]!.claimId))].sort());
            expect(routeTouchedBy(r, ls)).toBe(true);
          }
        },
      ),
    );
  });

  // Legs with an HS-6 code, a SIPRI category or both (the pair's category is the first key of the first leg the
  // onward leg shares), some with an open bound; `months` and the lengths make sparse or dense corridors.
  const mixedLegsOf = (from: fc.Arbitrary<string>, months: number, minLength: number, maxLength: number) =>
    fc
      .array(
        fc.record({
          from,
          to: from,
          hs6: fc.constantFrom(undefined, '852691', '880730'),
          sipri: fc.constantFrom(undefined, 'Sensors', 'Aircraft'),
          month: fc.integer({ min: 1, max: months }),
          open: fc.constantFrom('none', 'none', 'start', 'end'),
        }),
        { minLength, maxLength },
      )
      .map((rows) =>
        rows
          .filter((r) => r.hs6 || r.sipri)
          .map((r, i) => {
            const y = 2022 + Math.floor((r.month - 1) / 12);
            const m = String(((r.month - 1) % 12) + 1).padStart(2, '0');
            const l = leg(
              `c${i}`,
              r.from,
              r.to,
              `${y}-${m}`,
              r.open === 'start' ? '-infinity' : `${y}-${m}-01`,
              r.open === 'end' ? 'infinity' : `${y}-${m}-28`,
            );
            return {
              ...l,
              item: { description: 'parts', ...(r.hs6 ? { hs6: r.hs6 } : {}), ...(r.sipri ? { sipriCategory: r.sipri } : {}) },
            };
          }),
      );
  const mixedLegs = mixedLegsOf(countries, 24, 0, 12);
  // Many claims of one flow, category and month: the rule checks alike legs once per group (`legGroups`).
  const denseLegs = mixedLegsOf(fc.constantFrom('CN', 'BY', 'RU'), 2, 20, 60);

  it.each([
    ['mixed categories and open bounds', mixedLegs],
    ['dense corridors of alike claims', denseLegs],
  ])('groups exactly the pairs of the pair rule by route, with %s: pairs, claims, gaps and open pairs', (_, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (ls) => {
        const routes = findDiversionRoutes(ls, targets, { windowDays: 120 });
        const pairs = findDiversions(ls, targets, { windowDays: 120 });
        expect(routes.reduce((n, r) => n + r.pairs!, 0)).toBe(pairs.length);
        for (const r of routes) {
          const own = pairs.filter((p) => diversionRouteKey(p) === diversionRouteKey(r));
          expect(own.length).toBe(r.pairs);
          const cited = (role: string) => r.claims.filter((c) => c.role === role).map((c) => c.claimId);
          expect(cited('first').sort()).toEqual([...new Set(own.map((p) => p.claims[0]!.claimId))].sort());
          expect(cited('onward').sort()).toEqual([...new Set(own.map((p) => p.claims[1]!.claimId))].sort());
          const gaps = own.flatMap((p) => (p.gapDays === undefined ? [] : [p.gapDays]));
          expect([r.minGapDays, r.maxGapDays]).toEqual(gaps.length ? [Math.min(...gaps), Math.max(...gaps)] : [undefined, undefined]);
          const open = own.length - gaps.length;
          expect(r.notes.filter((n) => n.includes('with an open date bound'))).toEqual(
            open ? [`${open} pair${open === 1 ? '' : 's'} with an open date bound: taken as within the 120-day window`] : [],
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('diversion rule by route: findDiversionRoutes', () => {
  const firsts = [
    leg('f3', 'CN', 'BY', '2023-03', '2023-03-01', '2023-03-31'),
    leg('f1', 'CN', 'BY', '2023-01', '2023-01-01', '2023-01-31'),
    leg('f2', 'CN', 'BY', '2023-02', '2023-02-01', '2023-02-28'),
  ];
  const onwards = [
    leg('o2', 'BY', 'RU', '2023-06', '2023-06-01', '2023-06-30'),
    leg('o1', 'BY', 'RU', '2023-04', '2023-04-01', '2023-04-30'),
  ];

  it('gives one basis for 3 first legs and 2 onward legs of one route: 5 claims, 6 pairs, every figure', () => {
    const routes = findDiversionRoutes(
      [...onwards, ...firsts, leg('kz', 'BY', 'KZ', '2023-04', '2023-04-01', '2023-04-30')],
      targets,
      settings,
    );
    expect(routes).toHaveLength(1);
    const [r] = routes;
    expect(diversionRouteKey(r!)).toBe('CN → BY → RU hs6:852691');
    expect(r).toMatchObject({
      path: 'CN → BY → RU',
      via: 'BY',
      category: 'hs6:852691',
      pairs: 6,
      firstLegs: 3,
      onwardLegs: 2,
      windowDays: 365,
      minGapDays: 1,
      maxGapDays: 121,
      programs: [{ program: 'RUSSIA-EO14024', country: 'RU' }],
    });
    expect(r!.claims.map((c) => `${c.role} ${c.claimId}`)).toEqual(['first f1', 'first f2', 'first f3', 'onward o1', 'onward o2']);
    expect(r!.notes).toEqual([
      'hs6:852691 flows CN → BY in 3 claims (2023-01 to 2023-03) and BY → RU in 2 claims (2023-04 to 2023-06); 6 pairs within the 365-day window',
      'the onward legs begin 1 to 121 days after the first legs end (window 365 days)',
      "RU is the target of RUSSIA-EO14024 (ofac-sdn): 3000 of the program's 3070 entry countries (97.7 %); BY is not",
    ]);
    expect(routeTouchedBy(r!, [firsts[0]!])).toBe(true);
    expect(routeTouchedBy(r!, [leg('x', 'CN', 'BY', '2023-01', '2023-01-01', '2023-01-31', '880730')])).toBe(false);
  });

  it('cites only the legs in a qualifying pair, and one pair as the pair rule words it', () => {
    // f3 (March) begins after the onward leg (February) ends: it takes part in no pair, so it is not cited.
    const routes = findDiversionRoutes([...firsts, leg('o0', 'BY', 'RU', '2023-02', '2023-02-15', '2023-02-28')], targets, {
      windowDays: 30,
    });
    expect(routes.map((r) => [r.pairs, r.claims.map((c) => c.claimId)])).toEqual([[2, ['f1', 'f2', 'o0']]]);
    const [one] = findDiversionRoutes([cnBy, byRu], targets, settings);
    expect(one!.notes.slice(0, 2)).toEqual([
      'hs6:852691 flows CN → BY in 1 claim (2023-01, shipped) and BY → RU in 1 claim (2023-03, shipped); 1 pair within the 365-day window',
      'the onward leg begins 29 days after the first ends (window 365 days)',
    ]);
  });

  it(`cites at most ${DIVERSION_ROUTE_CLAIMS_CITED} claims per role and says how many there are`, () => {
    const many = Array.from({ length: DIVERSION_ROUTE_CLAIMS_CITED + 5 }, (_, i) =>
      leg(`f${String(i).padStart(3, '0')}`, 'CN', 'BY', '2023-01', '2023-01-01', '2023-01-31'),
    );
    const [r] = findDiversionRoutes([...many, byRu], targets, settings);
    expect(r).toMatchObject({ pairs: DIVERSION_ROUTE_CLAIMS_CITED + 5, firstLegs: DIVERSION_ROUTE_CLAIMS_CITED + 5, onwardLegs: 1 });
    expect(r!.claims).toHaveLength(DIVERSION_ROUTE_CLAIMS_CITED + 1);
    expect(r!.notes).toContain(
      `citing the first ${DIVERSION_ROUTE_CLAIMS_CITED} claims of each role by date, report and claim: ${DIVERSION_ROUTE_CLAIMS_CITED} of ${DIVERSION_ROUTE_CLAIMS_CITED + 5} first legs, 1 of 1 onward legs`,
    );
  });
});
