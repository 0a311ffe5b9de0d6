import { CATEGORY_PALETTE, categoryColour, UNCLASSIFIED_COLOUR } from '../src/category-colours';
import { datedParts } from '../src/format';

describe("the timeline's dates: the bounds as the CLI prints them, the EDTF when it says more, the phrase beside", () => {
  it('a day: its date, the phrase beside it (the page showed only "On Wednesday")', () => {
    expect(datedParts({ edtf: '2023-02-22', earliest: '2023-02-22', latest: '2023-02-22', phrase: 'On Wednesday' })).toEqual({
      bounds: '2023-02-22',
      phrase: 'On Wednesday',
    });
  });

  it('a month or an open interval: the bounds and the EDTF', () => {
    expect(datedParts({ edtf: '2023-02', earliest: '2023-02-01', latest: '2023-02-28' })).toEqual({
      bounds: '2023-02-01..2023-02-28',
      edtf: '2023-02',
    });
    expect(datedParts({ edtf: '[..2023-02]', earliest: '-infinity', latest: '2023-02-28', phrase: 'Last month' })).toEqual({
      bounds: '..2023-02-28',
      edtf: '[..2023-02]',
      phrase: 'Last month',
    });
  });

  it('no bounds: the EDTF alone; no date: nothing', () => {
    expect(datedParts({ edtf: '2023-02-22' })).toEqual({ bounds: '2023-02-22' });
    expect(datedParts(undefined)).toEqual({ bounds: '' });
  });
});

describe('a fixed colour per item category, whatever page shows it (ml10 was green on CN, pink on RU)', () => {
  it('gives a category one colour, from the palette, whatever the others are', () => {
    for (const category of ['ml10', 'aircraft', 'hs-39', 'dual-use-5e002', 'some-new-category'])
      expect(CATEGORY_PALETTE).toContain(categoryColour(category));
    expect(categoryColour('ml10')).toBe(categoryColour('ml10'));
    expect(categoryColour('hs-39')).toBe(categoryColour('hs-39'));
  });

  it("gives the worked examples' categories distinct colours", () => {
    const example = ['aircraft', 'missiles', 'ml10', 'ml4', 'ml11', 'ml22', 'navigation-and-radar', 'aircraft-parts', 'dual-use-7'];
    expect(new Set([...example, 'unclassified'].map(categoryColour)).size).toBe(example.length + 1); // ml22 and unclassified were alike
    expect(categoryColour('unclassified')).toBe(UNCLASSIFIED_COLOUR);
    expect(CATEGORY_PALETTE).not.toContain(UNCLASSIFIED_COLOUR);
  });
});
