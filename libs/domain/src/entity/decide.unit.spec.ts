import fc from 'fast-check';
import { decideMerge, decideSplit, entityNameKey } from './decide';
import { MAX_NAMES_PER_DECISION } from './events';

describe('entity decisions: the rules of a merge and a split', () => {
  it('a merge keys its names as the directory does and keeps the reason', () => {
    expect(decideMerge({ decisionId: 'd1', names: ['Alexander  Lukashenko ', 'Лукашенко Александр'], reason: 'same person' })).toEqual({
      action: 'append',
      event: {
        type: 'EntityNamesMerged',
        schemaVersion: 1,
        payload: { names: ['alexander lukashenko', 'лукашенко александр'], reason: 'same person' },
      },
    });
  });

  it('refuses a merge of fewer than two names, too many, the same name twice, a blank name or no reason, naming the field', () => {
    const refusal = (names: unknown, reason: unknown = 'r') => {
      const outcome = decideMerge({ decisionId: 'd', names: names as string[], reason: reason as string });
      return outcome.action === 'refuse' ? outcome.path : 'appended';
    };
    expect(refusal(['a'])).toBe('names');
    expect(refusal(Array.from({ length: MAX_NAMES_PER_DECISION + 1 }, (_, i) => `n${i}`))).toBe('names');
    expect(refusal(['Putin', ' putin'])).toBe('names');
    expect(refusal(['a', '   '])).toBe('names[1]');
    expect(refusal(['a', 7])).toBe('names[1]');
    expect(refusal(['a', 'b'], '  ')).toBe('reason');
    expect(refusal('ab')).toBe('names');
  });

  it('a split names the name and the names it is kept apart from, never itself', () => {
    expect(decideSplit({ decisionId: 'd', name: 'Lukashenko Holdings', from: ['Alexander Lukashenko'], reason: 'a company' })).toEqual({
      action: 'append',
      event: {
        type: 'EntityNameSplit',
        schemaVersion: 1,
        payload: { name: 'lukashenko holdings', from: ['alexander lukashenko'], reason: 'a company' },
      },
    });
    const self = decideSplit({ decisionId: 'd', name: 'A B', from: ['a  b'], reason: 'r' });
    expect(self).toMatchObject({ action: 'refuse', path: 'from' });
    expect(decideSplit({ decisionId: 'd', name: '', from: ['x'], reason: 'r' })).toMatchObject({ action: 'refuse', path: 'name' });
    expect(decideSplit({ decisionId: 'd', name: 'x', from: [], reason: 'r' })).toMatchObject({ action: 'refuse', path: 'from' });
  });

  it('never throws, whatever the payload: it appends or refuses naming a field', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (names, name, reason) => {
        for (const outcome of [
          decideMerge({ decisionId: 'd', names, reason } as never),
          decideSplit({ decisionId: 'd', name, from: names, reason } as never),
        ]) {
          if (outcome.action === 'refuse') expect(outcome.path).toMatch(/^(names|name|from|reason)(\[\d+\])?$/);
          else expect(entityNameKey(JSON.stringify(outcome.event.payload)).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
