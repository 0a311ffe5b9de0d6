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
