import { evalExitCode } from './targets';
import {
  binaryMetrics,
  conflictFreeGroups,
  groupBy,
  mainScript,
  pairScripts,
  percentiles,
  ratio,
  scriptsOf,
  table,
  verdict,
  wordKey,
} from './metrics';

describe('evaluation metrics', () => {
  it('counts a confusion matrix and derives accuracy, precision and recall', () => {
    const outcomes = [
      { predicted: true, actual: true },
      { predicted: true, actual: false },
      { predicted: false, actual: true },
      { predicted: false, actual: false },
      { predicted: false, actual: false },
    ];
    expect(binaryMetrics(outcomes)).toEqual({ n: 5, tp: 1, fp: 1, fn: 1, tn: 2, accuracy: 3 / 5, precision: 1 / 2, recall: 1 / 2 });
    expect(binaryMetrics([])).toMatchObject({ n: 0, accuracy: 0, precision: 0, recall: 0 });
    expect(ratio(1, 0)).toBe(0);
  });

  it('takes nearest-rank percentiles without changing the sample', () => {
    const sample = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(sample)).toEqual({ n: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(sample[0]).toBe(100);
    expect(percentiles([])).toEqual({ n: 0, p50: 0, p95: 0, p99: 0, max: 0 });
    expect(percentiles([7]).p99).toBe(7);
  });

  it('tells the scripts of a name apart', () => {
    expect(scriptsOf('Haddad Brothers Ltd')).toEqual(['Latin']);
    expect(scriptsOf('ТОВ «Бриз Одеса»')).toEqual(['Cyrillic']);
    expect(scriptsOf('株式会社風松ホールディングス')).toEqual(['Han', 'Kana']);
    expect(scriptsOf('새벽별물류 주식회사')).toEqual(['Hangul']);
    expect(scriptsOf('ရွှေပုလဲ')).toEqual(['Burmese']);
    expect(scriptsOf('მზიური')).toEqual(['Georgian']);
    expect(scriptsOf('«Ծատուրյան Շին» ՍՊԸ')).toEqual(['Armenian']);
    expect(scriptsOf('צור אמיתי')).toEqual(['Hebrew']);
    expect(scriptsOf('صدام حسين')).toEqual(['Arabic']);
    expect(scriptsOf('Μιχαήλ')).toEqual(['Greek']);
    expect(scriptsOf('ศิริพร')).toEqual(['Thai']);
    expect(scriptsOf('ޖުވައިރިއްޔާ')).toEqual(['other']);
    expect(scriptsOf('123 - !')).toEqual([]);
    expect(mainScript('M/V MZIURI მზიური')).toBe('Georgian');
    expect(mainScript('123')).toBe('other');
  });

  it('puts a pair in each non-Latin script group of its names, else in Latin', () => {
    expect(pairScripts('האחים חדאד בע"מ', 'Haddad Brothers Ltd')).toEqual(['Hebrew']);
    expect(pairScripts('株式会社八雲堂', 'Yakumodo KK')).toEqual(['Han']);
    expect(pairScripts('株式会社風松ホールディングス', '風松工業株式会社')).toEqual(['Han', 'Kana']);
    expect(pairScripts('O Doyle Grazing', "O'Doyle Grazing")).toEqual(['Latin']);
  });

  it('groups items under one or several keys, keys sorted', () => {
    const g = groupBy([{ k: ['b', 'a'] }, { k: ['a'] }], (x) => x.k);
    expect([...g.keys()]).toEqual(['a', 'b']);
    expect(g.get('a')).toHaveLength(2);
  });

  it('keys names by their words, ignoring case, accents and order', () => {
    expect(wordKey('Müller, Hans')).toBe(wordKey('hans MULLER'));
    expect(wordKey('Acme Ltd.')).toBe('acme ltd');
  });

  it('groups items without putting conflicting ones together, within a size', () => {
    const groups = conflictFreeGroups([1, 2, 3, 4, 5, 6], (a, b) => a % 3 === b % 3, 10);
    for (const g of groups) expect(new Set(g.map((x) => x % 3)).size).toBe(g.length);
    expect(groups.flat().sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(conflictFreeGroups([1, 2, 3], () => false, 2)).toEqual([[1, 2], [3]]);
  });

  it('judges a figure against its target', () => {
    expect(verdict({ value: 0.95, op: '>=', bound: 0.95 })).toBe('met');
    expect(verdict({ value: 0.949, op: '>=', bound: 0.95 })).toBe('NOT MET');
    expect(verdict({ value: 0, op: '<=', bound: 0 })).toBe('met');
    expect(verdict({ value: 1, op: '<=', bound: 0 })).toBe('NOT MET');
    expect(verdict({ value: undefined, op: '<=', bound: 0 })).toBe('not measured');
    expect(verdict({ value: Number.NaN, op: '>=', bound: 0 })).toBe('not measured');
  });

  it('renders an aligned table', () => {
    expect(table(['a', 'bb'], [['xyz', 1]]).split('\n')).toEqual(['a    bb', '---  --', 'xyz  1']);
  });
});

describe('npm run eval exit code', () => {
  it('is 0 for a measurement, 1 with --strict when a target is not met', () => {
    const rows = [{ result: 'met' as const }, { result: 'NOT MET' as const }];
    expect(evalExitCode(rows, false)).toBe(0);
    expect(evalExitCode(rows, true)).toBe(1);
    expect(evalExitCode([{ result: 'met' as const }], true)).toBe(0);
  });
});
