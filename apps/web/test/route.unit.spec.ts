import fc from 'fast-check';
import { hrefOf, parseRoute, type Route } from '../src/route';
import { admiralty, dateRange, headlineParts } from '../src/format';

describe('dashboard routes (the URL hash)', () => {
  it('reads each page', () => {
    expect(parseRoute('#/country/cn')).toEqual({ page: 'country', country: 'CN' });
    expect(parseRoute('#/report/9a1d')).toEqual({ page: 'report', reportId: '9a1d' });
    expect(parseRoute('#/entity/Alexander%20Lukashenko')).toEqual({ page: 'entity', name: 'Alexander Lukashenko' });
    expect(parseRoute('#/alerts')).toEqual({ page: 'alerts' });
    expect(parseRoute('#/lists')).toEqual({ page: 'lists' });
    expect(parseRoute('#/report/9a1d/claim/c%201')).toEqual({ page: 'report', reportId: '9a1d', claimId: 'c 1' });
    expect(parseRoute('#/lists/ofac-sdn/36029')).toEqual({ page: 'lists', listId: 'ofac-sdn', entryId: '36029' });
    expect(parseRoute('#/lists/ofac-sdn')).toEqual({ page: 'lists' });
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/country/CHN')).toEqual({ page: 'home' });
  });

  it('parses back every href it writes', () => {
    const route: fc.Arbitrary<Route> = fc.oneof(
      fc.constant<Route>({ page: 'home' }),
      fc.constant<Route>({ page: 'alerts' }),
      fc.constant<Route>({ page: 'lists' }),
      fc.stringMatching(/^[A-Z]{2}$/).map((country): Route => ({ page: 'country', country })),
      fc.string({ minLength: 1 }).map((reportId): Route => ({ page: 'report', reportId })),
      fc
        .tuple(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }))
        .map(([reportId, claimId]): Route => ({ page: 'report', reportId, claimId })),
      fc
        .tuple(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }))
        .map(([listId, entryId]): Route => ({ page: 'lists', listId, entryId })),
      fc.string({ minLength: 1 }).map((name): Route => ({ page: 'entity', name })),
    );
    fc.assert(fc.property(route, (r) => expect(parseRoute(hrefOf(r))).toEqual(r)));
  });
});

describe('dashboard formats', () => {
  it('writes an Admiralty grading with its meaning', () => {
    expect(admiralty('B', 2)).toBe('B2 (usually reliable, probably true)');
    expect(admiralty('F')).toBe('F (reliability cannot be judged)');
  });

  it('writes open date bounds as open', () => {
    expect(dateRange('-infinity', '2023-02-28')).toBe('..2023-02-28');
    expect(dateRange('2023-03-01', '2023-03-01')).toBe('2023-03-01');
  });
});

describe('search headlines', () => {
  it('are split into text and matches, unescaped, never read as HTML', () => {
    expect(headlineParts('mass <b>drones</b> for &lt;Russia&gt; &amp; <b>drone</b>')).toEqual([
      'mass ',
      'drones',
      ' for <Russia> & ',
      'drone',
      '',
    ]);
    expect(headlineParts('&lt;b&gt;not a mark&lt;/b&gt;')).toEqual(['<b>not a mark</b>']);
  });
});
