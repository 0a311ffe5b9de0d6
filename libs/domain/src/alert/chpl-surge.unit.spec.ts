import fc from 'fast-check';
import { chplSurgeKey, checkChplSurgeSettings, DEFAULT_CHPL_SURGE_SETTINGS, findChplSurges, surgeDayOf } from './chpl-surge';
import type { TransferLeg } from './diversion';

const settings = DEFAULT_CHPL_SURGE_SETTINGS; // 90 days, 4 windows, 3×, at least 3
const targets = [{ country: 'RU' }, { country: 'BY' }];

let seq = 0;
/** A tier 1 (854231) or tier 2 (852691) claim into `to` dated `day` (an ISO day, or a month `2023-02`). */
const leg = (to: string, day: string, opts: { from?: string; hs6?: string; tier?: string; report?: string } = {}): TransferLeg => {
  const id = `c${++seq}`;
  const month = day.length === 7;
  const latest = month ? new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10) : day;
  return {
    reportId: opts.report ?? `r-${id}`,
    claimId: id,
    from: opts.from ?? 'CN',
    to,
    item: { description: 'integrated circuits', hs6: opts.hs6 ?? '854231', chplTier: opts.tier ?? '1' },
    date: { edtf: day, earliest: month ? `${day}-01` : day, latest },
    stage: 'shipped',
  };
};

// 90-day windows counted from 1970-01-01: window 214 is 2022-09-25..2022-12-23, 215 is 2022-12-24..2023-03-23.
describe('CHPL surge rule: findChplSurges', () => {
  it('raises a surge of tier 1–2 claims into a country against its own baseline, citing every claim and figure', () => {
    const baseline = [leg('KZ', '2022-02-10'), leg('KZ', '2022-05-01'), leg('KZ', '2022-06-20'), leg('KZ', '2022-11-03')];
    const surge = [
      leg('KZ', '2023-01-05', { from: 'TR' }),
      leg('KZ', '2023-01-20', { hs6: '852691', tier: '2', report: 'r-x' }),
      leg('KZ', '2023-02-02', { report: 'r-x' }),
      leg('KZ', '2023-02-15', { from: 'TR' }),
      leg('KZ', '2023-03-01'),
      leg('KZ', '2023-03-20', { hs6: '852691', tier: '2' }),
    ];
    const found = findChplSurges([...surge].reverse().concat(baseline), targets, settings);
    expect(found).toHaveLength(1);
    const s = found[0]!;
    expect(s).toMatchObject({
      country: 'KZ',
      tiers: ['1', '2'],
      window: { from: '2022-12-24', to: '2023-03-23' },
      windowDays: 90,
      count: 6,
      baseline: [
        { from: '2021-12-29', to: '2022-03-28', claims: 1 },
        { from: '2022-03-29', to: '2022-06-26', claims: 2 },
        { from: '2022-06-27', to: '2022-09-24', claims: 0 },
        { from: '2022-09-25', to: '2022-12-23', claims: 1 },
      ],
      baselineMean: 1,
      ratio: 6,
      factor: 3,
      minClaims: 3,
      threshold: 3,
    });
    expect(s.claims.map((c) => c.claimId)).toEqual(surge.map((c) => c.claimId));
    expect(s.notes).toEqual([
      '6 CHPL tier 1–2 claims into KZ in 2022-12-24..2023-03-23 vs a mean of 1.0 per 90 days over the 4 windows before (1, 2, 0, 1): 6.0×, threshold 3×, at least 3',
      'threshold max(3, 3 × 1.0) = 3.0 claims; baseline 2021-12-29..2022-12-23',
      'by tier: tier 1 (4), tier 2 (2); by HS-6: 854231 (4), 852691 (2)',
      'from CN (4), TR (2); in 5 reports',
    ]);
    expect(chplSurgeKey(s)).toBe('KZ 2022-12-24..2023-03-23');
  });

  it('needs the factor over the baseline and the minimum count; a zero baseline needs the minimum only', () => {
    const base = [leg('AM', '2022-02-10'), leg('AM', '2022-05-01'), leg('AM', '2022-08-01'), leg('AM', '2022-11-01')]; // 1 a window
    const three = [leg('AM', '2023-01-10'), leg('AM', '2023-02-10'), leg('AM', '2023-03-10')];
    expect(findChplSurges([...base, ...three], targets, settings)).toHaveLength(1); // 3 ≥ max(3, 3 × 1)
    expect(findChplSurges([...base, leg('AM', '2022-11-02'), ...three], targets, settings)).toEqual([]); // 3 < 3 × 1.25
    expect(findChplSurges(three.slice(0, 2), targets, settings)).toEqual([]); // 2 < 3
    const fresh = findChplSurges(three, targets, settings);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).not.toHaveProperty('ratio');
    expect(fresh[0]!.notes[0]).toBe(
      '3 CHPL tier 1–2 claims into AM in 2022-12-24..2023-03-23 vs none in the 4 windows of 90 days before (0, 0, 0, 0): threshold at least 3 (3× a baseline of 0)',
    );
    // Settings: a factor of 4 on a mean of 1 needs 4.
    expect(findChplSurges([...base, ...three], targets, { ...settings, factor: 4 })).toEqual([]);
    expect(findChplSurges(three, targets, { ...settings, minClaims: 4 })).toEqual([]);
  });

  it('counts only tier 1–2 claims into a third country, dated closely enough for a window', () => {
    const three = (to: string, o: Parameters<typeof leg>[2] = {}) => [
      leg(to, '2023-01-10', o),
      leg(to, '2023-02-10', o),
      leg(to, '2023-03-10', o),
    ];
    expect(findChplSurges(three('RU'), targets, settings)).toEqual([]); // a targeted country: direct supply, not diversion
    expect(findChplSurges(three('KZ', { tier: '3.A', hs6: '850440' }), targets, settings)).toEqual([]);
    expect(findChplSurges(three('KZ', { from: 'KZ' }), targets, settings)).toEqual([]); // within one country
    const vague = [
      leg('KZ', '2023-01-10'),
      leg('KZ', '2023-02-10'),
      { ...leg('KZ', '2023-03-10'), date: { edtf: '2023', earliest: '2023-01-01', latest: '2023-12-31' } },
    ];
    expect(findChplSurges(vague, targets, settings)).toEqual([]);
    expect(
      surgeDayOf({ ...vague[0]!, date: { edtf: '[..2023-03]', earliest: '-infinity', latest: '2023-03-31' } }, settings),
    ).toBeUndefined();
    // A month counts on its last day: January and February 2023 fall in window 215, March 2023 (its 31st) in the next.
    expect(findChplSurges([leg('KZ', '2023-01'), leg('KZ', '2023-02'), leg('KZ', '2023-03-20')], targets, settings)).toHaveLength(1);
    expect(findChplSurges([leg('KZ', '2023-01'), leg('KZ', '2023-02'), leg('KZ', '2023-03')], targets, settings)).toEqual([]);
  });

  it('rejects settings out of range, naming the setting', () => {
    expect(() => checkChplSurgeSettings({ ...settings, windowDays: 0 })).toThrow(
      /CHPL_SURGE_WINDOW_DAYS \(windowDays\) must be an integer ≥ 1/,
    );
    expect(() => checkChplSurgeSettings({ ...settings, baselineWindows: 1.5 })).toThrow(/baselineWindows/);
    expect(() => checkChplSurgeSettings({ ...settings, factor: 0 })).toThrow(/CHPL_SURGE_FACTOR \(factor\) must be > 0/);
    expect(checkChplSurgeSettings(settings)).toBe(settings);
  });

  const legs = fc
    .array(
      fc.record({
        to: fc.constantFrom('KZ', 'AM', 'RU'),
        from: fc.constantFrom('CN', 'TR', 'KZ'),
        tier: fc.constantFrom('1', '2', '3.A'),
        day: fc.integer({ min: 0, max: 700 }),
      }),
      { maxLength: 40 },
    )
    .map((rows) =>
      rows.map((r, i) => ({ ...leg(r.to, new Date(Date.UTC(2022, 0, 1 + r.day)).toISOString().slice(0, 10), r), claimId: `p${i}` })),
    );

  it('finds the same surges whatever order the claims come in, each citing exactly the counted claims of its window', () => {
    fc.assert(
      fc.property(
        legs.chain((ls) => fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls, { minLength: ls.length, maxLength: ls.length }))),
        fc.record({
          windowDays: fc.integer({ min: 20, max: 120 }),
          baselineWindows: fc.integer({ min: 1, max: 5 }),
          factor: fc.constantFrom(1.5, 2, 3),
          minClaims: fc.integer({ min: 1, max: 4 }),
        }),
        ([ls, shuffled], s) => {
          const found = findChplSurges(ls, targets, s);
          expect(findChplSurges(shuffled, targets, s)).toEqual(found);
          for (const surge of found) {
            const inWindow = ls.filter((l) => {
              const day = surgeDayOf(l, s);
              return (
                l.to === surge.country &&
                day !== undefined &&
                new Date(day * 86_400_000).toISOString().slice(0, 10) >= surge.window.from &&
                new Date(day * 86_400_000).toISOString().slice(0, 10) <= surge.window.to
              );
            });
            expect(surge.claims.map((c) => c.claimId).sort()).toEqual(inWindow.map((l) => l.claimId).sort());
            expect(surge.count).toBeGreaterThanOrEqual(surge.threshold);
            expect(surge.country).not.toBe('RU');
          }
        },
      ),
    );
  });
});
