import type { ListSnapshot, SanctionsEntry } from '../model';
import { GLUED_ALL, GLUED_CANDIDATE_RUNS, GLUED_QUERY_RUNS, GLUED_SHIFTED, mergeRuns, scoreWeighted } from './compare-names';
import { gluedMerge } from './glued-merge';
import { tokenRuns } from './glued-runs';
import { ScreeningIndex } from './screening-index';
import { DefaultTokenStats } from './token-stats';
import { weighName } from './weighted-name';
import { prepareName } from '../normalise/prepare-name';

function entry(entryId: string, schema: SanctionsEntry['schema'], primary: string): SanctionsEntry {
  return {
    listId: 'ofac-sdn',
    entryId,
    schema,
    primaryName: primary,
    names: [{ value: primary, kind: 'primary' }],
    programs: ['TEST'],
    countries: [],
    identifiers: [],
  };
}
const snapshot = (entries: SanctionsEntry[]): ListSnapshot => ({ listId: 'ofac-sdn', version: 'test', contentHash: '', entries });
const ids = (ix: ScreeningIndex, name: string, schema: SanctionsEntry['schema']) =>
  ix.screenName({ name, schema }).map((m) => m.entry.entryId);

describe('screenName: mistyped function words and common words', () => {
  const ix = new ScreeningIndex([
    snapshot([
      entry('1', 'Organization', 'THE INTERNATIONAL BRIGADE'),
      entry('2', 'Organization', 'OOO VNESHEKOSTIL'),
      entry('3', 'Organization', 'OPEN JOINT STOCK COMPANY RUSSIAN ELECTRONICS'),
      entry('4', 'Organization', 'THY FORCES OF THE NORTH'),
    ]),
  ]);

  it('reads a word the lists lack, one edit from a connector or legal-form word they use, as that word', () => {
    expect(ids(ix, 'THx INTERNATIONAL BRIGADE', 'Organization')).toEqual(['1']);
    expect(ids(ix, 'xOO VNESHEKOSTIL', 'Organization')).toEqual(['2']);
    expect(ids(ix, 'xPEN JOINT STOCK COMPANY RUSSIAN ELECTRONICS', 'Organization')).toEqual(['3']);
  });

  it('reads a listed two-letter word beginning a name of several words also as the article it is a letter from', () => {
    const lists = new ScreeningIndex([snapshot([entry('1', 'Organization', 'AL QAEDA'), entry('2', 'Organization', 'XL AVIATION')])]);
    expect(ids(lists, 'xL QAEDA', 'Organization')).toEqual(['1']);
    expect(ids(lists, 'XL Aviation', 'Organization')).toEqual(['2']);
    // A one-word rest is no name of several words: "xL" alone stays itself.
    expect(ids(lists, 'xL', 'Organization')).toEqual([]);
  });

  it('does not read a listed word as a function word', () => {
    // "thy" is a listed name word (THY FORCES OF THE NORTH): one edit from "the", it stays a word of its own.
    expect(ids(ix, 'THY INTERNATIONAL BRIGADE', 'Organization')).not.toContain('1');
  });

  it('lets a mistyped word the lists lack stand for the common listed word it meets (no generic-only cap)', () => {
    const people = new ScreeningIndex([
      snapshot([
        entry('1', 'Person', 'IBRAHIM, Muhammad'),
        ...Array.from({ length: 40 }, (_, i) =>
          entry(`m${i}`, 'Person', `MUHAMMAD IBRAHIM Q${'abcdefghij'[i % 10]}${'klmnopqrst'[Math.floor(i / 10)]}ZZ`),
        ),
      ]),
    ]);
    const alerted = people.screenName({ name: 'xBRAHIM, Muhammad', schema: 'Person' });
    expect(alerted[0]?.entry.entryId).toBe('1');
    expect(alerted[0]!.explanation.penalties.map((p) => p.rule)).not.toContain('generic-tokens-only');
  });
});

describe('glued words: the steps candidate generation rules out', () => {
  const stats = new DefaultTokenStats();
  const w = (text: string) => weighName(prepareName(text, 'Person'), stats);

  it('merges a query run read from its runs made once exactly as from the tokens', () => {
    const name = w('Issam Abdallah Muhammad');
    const fresh = w("'Abd Allah, 'Issam 'Ali Muhammad");
    const withRuns = w("'Abd Allah, 'Issam 'Ali Muhammad");
    tokenRuns(withRuns.tokens, (i) => withRuns.tokens[i]!.role === 'core' || withRuns.tokens[i]!.role === 'number');
    expect(mergeRuns(withRuns.tokens, name.tokens, stats).map((t) => t.text)).toEqual(
      mergeRuns(fresh.tokens, name.tokens, stats).map((t) => t.text),
    );
    expect(mergeRuns(withRuns.tokens, name.tokens, stats).map((t) => t.text)).toContain('abdallah');
  });

  it('skipping the steps that change nothing scores as all steps do', () => {
    const q = w('Abd Allah Issam');
    const name = w('Issam Abdallah');
    expect(scoreWeighted(q, name, stats, undefined, GLUED_QUERY_RUNS)).toBe(scoreWeighted(q, name, stats, undefined, GLUED_ALL));
    expect(gluedMerge(q, name.tokens, stats, GLUED_QUERY_RUNS)).toEqual(gluedMerge(q, name.tokens, stats));
    // The name's own runs merged into a query word need GLUED_CANDIDATE_RUNS; without it nothing merges.
    const glued = w('Abdallah Issam');
    const split = w('Abd Allah Issam');
    const merged = gluedMerge(glued, split.tokens, stats, GLUED_CANDIDATE_RUNS | GLUED_SHIFTED);
    expect(merged && merged !== 'compare' && 'nameTokens' in merged ? merged.nameTokens.map((t) => t.text) : merged).toEqual([
      'abdallah',
      'issam',
    ]);
    expect(gluedMerge(glued, split.tokens, stats, 0)).toBeUndefined();
  });
});
