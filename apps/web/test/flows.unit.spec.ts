import fc from 'fast-check';
import { acrossYears, quantityText, type Flow } from '../src/flows';

const flow = (over: Partial<Flow>): Flow => ({
  supplier: 'CN',
  recipient: 'RU',
  category: 'aircraft',
  stage: 'shipped',
  year: 2023,
  claims: 1,
  quantity: [],
  ...over,
});

describe('acrossYears: the flows of GET /v1/flows summed over their years, as the chart draws them', () => {
  it('sums claims and quantities per unit over the years of one supplier, recipient, category and stage', () => {
    const merged = acrossYears([
      flow({ year: 2022, claims: 2, quantity: [{ unit: 'units', min: 10, max: 10 }] }),
      flow({
        year: null,
        claims: 1,
        quantity: [
          { unit: 'units', min: 5, max: 8 },
          { unit: 'tonnes', min: 1, max: 1 },
        ],
      }),
      flow({ recipient: 'BY', claims: 1 }),
    ]);
    expect(merged).toEqual([
      {
        supplier: 'CN',
        recipient: 'RU',
        category: 'aircraft',
        stage: 'shipped',
        claims: 3,
        quantity: [
          { unit: 'tonnes', min: 1, max: 1 },
          { unit: 'units', min: 15, max: 18 },
        ],
      },
      { supplier: 'CN', recipient: 'BY', category: 'aircraft', stage: 'shipped', claims: 1, quantity: [] },
    ]);
    expect(quantityText(merged[0].quantity)).toBe('1 tonnes, 15–18 units');
  });

  it('keeps every claim once and one flow per supplier, recipient, category and stage, whatever the flows', () => {
    const flows = fc.array(
      fc.record({
        supplier: fc.constantFrom('CN', 'IR'),
        recipient: fc.constantFrom('RU', 'BY'),
        category: fc.constantFrom('aircraft', 'missiles'),
        stage: fc.constantFrom('shipped', 'delivered'),
        year: fc.option(fc.integer({ min: 2020, max: 2024 })),
        claims: fc.integer({ min: 1, max: 50 }),
        quantity: fc.constant<Flow['quantity']>([]),
      }),
    );
    fc.assert(
      fc.property(flows, (generated) => {
        const merged = acrossYears(generated);
        expect(merged.reduce((sum, f) => sum + f.claims, 0)).toBe(generated.reduce((sum, f) => sum + f.claims, 0));
        expect(new Set(merged.map((f) => `${f.supplier}>${f.recipient}/${f.category}/${f.stage}`)).size).toBe(merged.length);
      }),
    );
  });
});
