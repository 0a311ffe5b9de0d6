import type { ClaimState } from './report-state';
import { flowKeyOf } from './flows';

/** A transfer claim state with only what `flowKeyOf` reads. */
const claimDated = (date: { edtf: string; earliest: string; latest: string } | undefined) =>
  ({
    claim: {
      kind: 'transfer',
      supplier: { country: 'CN' },
      recipient: { country: 'RU' },
      item: { description: 'jamming technology' },
      stage: 'shipped',
      ...(date ? { date } : {}),
    },
  }) as unknown as ClaimState;

describe('flowKeyOf: the year of a claim whose reported date is open', () => {
  it('counts an open start (by February 2023, as the article example dates shipments) in its latest year', () => {
    expect(flowKeyOf(claimDated({ edtf: '[..2023-02]', earliest: '-infinity', latest: '2023-02-28' }))?.year).toBe(2023);
  });

  it('counts an open end in its earliest year, and a date open at both ends or none as null', () => {
    expect(flowKeyOf(claimDated({ edtf: '[2022-01..]', earliest: '2022-01-01', latest: 'infinity' }))?.year).toBe(2022);
    expect(flowKeyOf(claimDated({ edtf: '[..]', earliest: '-infinity', latest: 'infinity' }))?.year).toBeNull();
    expect(flowKeyOf(claimDated(undefined))?.year).toBeNull();
  });
});
