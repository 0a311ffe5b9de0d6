import { performance } from 'node:perf_hooks';
import { bodyShapeProblem, MAX_ARRAY_ITEMS, MAX_BODY_DEPTH, MAX_OBJECT_KEYS } from './body-depth';

describe('bodyShapeProblem: structural limits checked before validation', () => {
  it('passes bodies within the limits', () => {
    expect(bodyShapeProblem({ claims: Array(500).fill({ supplier: { entity: { aliases: Array(50).fill('x') } } }) })).toBeUndefined();
    expect(bodyShapeProblem({ countries: Array(MAX_ARRAY_ITEMS).fill('RU') })).toBeUndefined();
    expect(bodyShapeProblem('text')).toBeUndefined();
  });

  it('names the first container over a limit, with its rule', () => {
    expect(bodyShapeProblem({ name: 'x', countries: Array(MAX_ARRAY_ITEMS + 1).fill('RU') })).toMatchObject({
      path: 'countries',
      rule: 'maxArrayItems',
    });
    expect(bodyShapeProblem({ claims: [{ participants: Array(200_000).fill(0) }] })).toMatchObject({
      path: 'claims[0].participants',
      rule: 'maxArrayItems',
    });
    const keys = Object.fromEntries(Array.from({ length: MAX_OBJECT_KEYS + 1 }, (_, i) => [`k${i}`, 1]));
    expect(bodyShapeProblem({ source: keys })).toMatchObject({ path: 'source', rule: 'maxObjectKeys' });
    let deep: unknown = 1;
    for (let i = 0; i < MAX_BODY_DEPTH + 5; i++) deep = { a: deep };
    expect(bodyShapeProblem(deep)).toMatchObject({ rule: 'maxDepth' });
    expect(bodyShapeProblem(Array(MAX_ARRAY_ITEMS + 1).fill(1))).toMatchObject({
      path: 'body',
      rule: 'maxArrayItems',
      message: expect.stringMatching(/^the body holds 1001 items/),
    });
  });

  it('refuses a 200,000-item array without walking its items', () => {
    const body = { name: 'x', countries: Array(200_000).fill('ZZ') };
    const started = performance.now();
    expect(bodyShapeProblem(body)).toMatchObject({ path: 'countries', rule: 'maxArrayItems' });
    expect(performance.now() - started).toBeLessThan(50);
  });
});
