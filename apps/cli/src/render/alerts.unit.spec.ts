import { renderAlerts } from './alerts';

describe('renderAlerts: the basis of a CHPL surge', () => {
  it('shows the country, the window, every figure and every claim under the table', () => {
    const out = renderAlerts([
      {
        alertId: 'a1b2c3d4-0000-5000-8000-000000000000',
        kind: 'possible-diversion',
        status: 'open',
        queryName: '3 CHPL tier 1–2 claims into KZ in 2022-12-24..2023-03-23',
        listId: 'reference',
        entryId: 'chpl-surge:KZ:2022-12-24..2023-03-23',
        entryName: 'surge into KZ',
        programs: [],
        score: 1,
        reportId: 'r3000000-0000-4000-8000-000000000000',
        basis: {
          surge: {
            country: 'KZ',
            window: { from: '2022-12-24', to: '2023-03-23' },
            claims: [
              { reportId: 'r1000000-0000-4000-8000-000000000000', claimId: 'cn-kz', from: 'CN', date: { edtf: '2023-01-10' } },
              { reportId: 'r3000000-0000-4000-8000-000000000000', claimId: 'tr-kz', from: 'TR', date: { edtf: '2023-03-10' } },
            ],
            notes: ['3 CHPL tier 1–2 claims into KZ in 2022-12-24..2023-03-23 vs none in the 4 windows of 90 days before (0, 0, 0, 0)'],
          },
        },
      },
    ]);
    expect(out).toContain('surge into KZ');
    expect(out).toContain(
      [
        'a1b2c3d4 possible diversion: CHPL tier 1–2 surge into KZ in 2022-12-24..2023-03-23',
        '  3 CHPL tier 1–2 claims into KZ in 2022-12-24..2023-03-23 vs none in the 4 windows of 90 days before (0, 0, 0, 0)',
        '  claim r1000000/cn-kz: CN → KZ, 2023-01-10',
        '  claim r3000000/tr-kz: TR → KZ, 2023-03-10',
        '',
      ].join('\n'),
    );
  });
});

describe('renderAlerts: the basis of a diversion route', () => {
  const claim = (role: string, report: string, claimId: string) => ({ role, reportId: `${report}-0000-4000-8000-000000000000`, claimId });
  const alert = (diversion: Record<string, unknown>) => ({
    alertId: 'd1e2f3a4-0000-5000-8000-000000000000',
    kind: 'possible-diversion',
    status: 'open',
    listId: 'ofac-sdn',
    basis: { diversion: { path: 'CN → BY → RU', category: 'hs6:852691', notes: ['a note'], ...diversion } },
  });

  it('shows one pair as the first claim then the onward claim', () => {
    const out = renderAlerts([
      alert({ pairs: 1, firstLegs: 1, onwardLegs: 1, claims: [claim('first', 'r1000000', 'cn-by'), claim('onward', 'r2000000', 'by-ru')] }),
    ]);
    expect(out).toContain('d1e2f3a4 possible diversion CN → BY → RU of hs6:852691: r1000000/cn-by then r2000000/by-ru\n  a note\n');
  });

  it('shows a route of many claims: the first legs, then the onward legs, the pairs and how many claims are cited', () => {
    const out = renderAlerts([
      alert({
        pairs: 120,
        firstLegs: 60,
        onwardLegs: 2,
        claims: [
          claim('first', 'r1000000', 'a'),
          claim('first', 'r3000000', 'b'),
          claim('onward', 'r2000000', 'c'),
          claim('onward', 'r4000000', 'd'),
        ],
      }),
    ]);
    expect(out).toContain(
      'd1e2f3a4 possible diversion CN → BY → RU of hs6:852691: r1000000/a, r3000000/b then r2000000/c, r4000000/d (120 pairs; 4 of 62 claims cited: 60 first, 2 onward)\n',
    );
  });
});
