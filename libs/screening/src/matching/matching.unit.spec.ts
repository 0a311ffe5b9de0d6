import type { ListSnapshot, SanctionsEntry } from '../model';
import { prepareName } from '../normalise/prepare-name';
import { compareNames } from './compare-names';
import { ScreeningIndex, WEAK_ALIAS_FACTOR, compatibleSchemas, weakAliasScore } from './screening-index';
import { DefaultTokenStats } from './token-stats';
import { isOneEdit, tokenSimilarity, typoSimilarity } from './token-similarity';
import { lists } from '../../test/support/shared-index';

const stats = new DefaultTokenStats();
const org = (a: string, b: string) => compareNames(prepareName(a, 'Organization'), prepareName(b, 'Organization'), stats);
const person = (a: string, b: string) => compareNames(prepareName(a, 'Person'), prepareName(b, 'Person'), stats);

function entry(entryId: string, schema: SanctionsEntry['schema'], primary: string, extra: SanctionsEntry['names'] = []): SanctionsEntry {
  return {
    listId: 'ofac-sdn',
    entryId,
    schema,
    primaryName: primary,
    names: [{ value: primary, kind: 'primary' }, ...extra],
    programs: ['TEST'],
    countries: [],
    identifiers: [],
  };
}
const snapshot = (entries: SanctionsEntry[]): ListSnapshot => ({ listId: 'ofac-sdn', version: 'test', contentHash: '', entries });

describe('token similarity', () => {
  it('is steep for real-word changes and tolerant of romanisation', () => {
    expect(tokenSimilarity('husain', 'hussain')).toBeGreaterThan(0.9);
    expect(tokenSimilarity('khoury', 'khouri')).toBeGreaterThan(0.9);
    expect(tokenSimilarity('zhelvinsky', 'jelvinskiy')).toBeGreaterThan(0.9);
    expect(tokenSimilarity('exports', 'imports')).toBeLessThan(0.7);
    expect(tokenSimilarity('star', 'stars')).toBeLessThan(0.7);
    expect(tokenSimilarity('8', '6')).toBe(0);
    expect(tokenSimilarity('comm', 'commendatore')).toBeGreaterThanOrEqual(0.8);
    // Contractions are written out when names are prepared, not guessed by similarity.
    expect(tokenSimilarity('mfg', 'manufacturing')).toBe(0);
    expect(org('Delancourt Bros. Mfg. Co.', 'Delancourt Brothers Manufacturing Co.').score).toBe(1);
  });

  it('forgives a swapped or doubled letter in short personal-name words, and vowel-only romanisation differences', () => {
    expect(typoSimilarity('adbul', 'abdul')).toBeGreaterThanOrEqual(0.85);
    expect(typoSimilarity('slaim', 'salim')).toBeGreaterThanOrEqual(0.85);
    expect(typoSimilarity('yyu', 'yu')).toBeGreaterThanOrEqual(0.85); // Korean syllables: HAN YYU-RO
    expect(typoSimilarity('sko', 'sok')).toBeGreaterThanOrEqual(0.85);
    expect(typoSimilarity('kim', 'kin')).toBeLessThan(0.7);
    expect(typoSimilarity('aleksandr', 'alexander')).toBeGreaterThanOrEqual(0.8);
    expect(tokenSimilarity('rabinovich', 'rabinowitz')).toBeGreaterThanOrEqual(0.9);
    expect(tokenSimilarity('verkhnyaya', 'werchnjaja')).toBeGreaterThanOrEqual(0.75);
    // Organisations: one letter makes another word.
    expect(tokenSimilarity('lefkada', 'lefkosia')).toBeLessThan(0.7);
  });

  it('forgives one typing error in a long personal-name word, wherever it is', () => {
    expect(isOneEdit('vorobyev', 'vxrobyev')).toBe(true); // replaced
    expect(isOneEdit('fernandez', 'fernndez')).toBe(true); // deleted
    expect(isOneEdit('fernandez', 'fenrandez')).toBe(true); // swapped
    expect(isOneEdit('fernandez', 'fernandezz')).toBe(true); // inserted
    expect(isOneEdit('fernandez', 'fernandez')).toBe(false);
    expect(isOneEdit('fernandez', 'frenandes')).toBe(false);
    expect(tokenSimilarity('vorobyev', 'vxrobyev')).toBeLessThan(0.7);
    expect(typoSimilarity('vorobyev', 'vxrobyev')).toBeGreaterThanOrEqual(0.85);
    // Short words: one letter makes another name.
    expect(typoSimilarity('salem', 'saleh')).toBeLessThan(0.7);
    expect(typoSimilarity('shing', 'hing')).toBeLessThan(0.7);
  });
});

describe('compareNames rules', () => {
  it('matches legal-form variants across languages', () => {
    expect(org('Pellbrook Cold Storage, Limited Liability Company', 'PELLBROOK COLD STORAGE LLC').score).toBeGreaterThanOrEqual(0.95);
    expect(org('ООО «Бриз Одеса»', 'OOO Briz Odesa').score).toBeGreaterThanOrEqual(0.95);
    expect(org('Tessaline Trade ООО', 'Tessaline Trade Obshchestvo s ogranichennoy otvetstvennostyu').score).toBeGreaterThanOrEqual(0.95);
    expect(
      org('Dongguan Fengtai Plastic Products Co., Ltd.', 'Dongguan Fengtai Plastic Products Company Limited').score,
    ).toBeGreaterThanOrEqual(0.95);
    expect(org('沧澜远洋航运有限公司', 'Canglan Yuanyang Hangyun Co., Ltd.').score).toBeGreaterThanOrEqual(0.85);
    const c = org('Korvessa Industrial GmbH', 'Korvessa Industrial Sdn. Bhd.');
    expect(c.legalForms.compatible).toBe(false);
    expect(c.penalties.map((p) => p.rule)).toContain('legal-form-differs');
  });

  it('matches glued words and glued legal forms', () => {
    expect(org('JSCARGUMENT', 'JSC ARGUMENT').score).toBe(1);
    expect(org('GroupeDiarraImportExport', 'Groupe Diarra Import Export').score).toBeGreaterThanOrEqual(0.9);
    expect(org('Ets Sanogo et Traoré', 'EtsSanogoetTraore').score).toBeGreaterThanOrEqual(0.9);
  });

  it('is order-insensitive and reorders SURNAME, Given', () => {
    expect(person('LUKASHENKO, Alexander Grigoryevich', 'Alexander Grigoryevich Lukashenko').score).toBe(1);
    expect(person('SALEK, ABDULHAI', 'ABDULHAI SALEK').score).toBe(1);
  });

  it('matches across scripts (Cyrillic, Chinese, Arabic)', () => {
    expect(person('Владимир Путин', 'PUTIN, Vladimir').score).toBe(1);
    expect(org('西安宾果', 'Xian Binguo').score).toBeGreaterThanOrEqual(0.85);
    expect(person('محمد حسين', 'Mhmd Hsyn').score).toBeGreaterThanOrEqual(0.85);
  });

  it('never lets generic tokens carry a match', () => {
    const c = org('Varsk Global Trading LLC', 'Tollmere Global Trading LLC');
    expect(c.score).toBeLessThanOrEqual(0.5);
    expect(c.penalties.map((p) => p.rule)).toContain('generic-tokens-only');
  });

  it('never lets a single shared token carry a multi-token match', () => {
    const c = org('Hans Oberwald GmbH', 'Petra Oberwald GmbH');
    expect(c.score).toBeLessThanOrEqual(0.6);
    expect(c.penalties.map((p) => p.rule)).toContain('single-token');
    expect(org('CIMEX', 'Cimex Trading House Panama Branch Office').score).toBeLessThanOrEqual(0.6);
  });

  it('penalises a replaced word and different numbers', () => {
    expect(org('Kibaha Cement Traders Ltd', 'Kibaha Cement Products Ltd').score).toBeLessThan(0.85);
    expect(org('Hoshikaze Maru No. 8', 'Hoshikaze Maru No. 6').penalties.map((p) => p.rule)).toContain('numbers-differ');
  });

  it('explains every score', () => {
    const c = org('Harrowfield Bearings Limited', 'HARROWFIELD BEARINGS LTD.');
    expect(c.score).toBe(1);
    expect(c.tokens).toEqual(
      expect.arrayContaining([expect.objectContaining({ query: 'harrowfield', candidate: 'harrowfield', similarity: 1 })]),
    );
    expect(c.legalForms).toEqual({ query: ['LTD'], candidate: ['LTD'], compatible: true });
  });
});

describe('ScreeningIndex', () => {
  const index = new ScreeningIndex([
    snapshot([
      entry(
        '1',
        'Organization',
        'MERIDIAN STAR SHIPPING LLC',
        Array.from({ length: 30 }, (_, i) => ({ value: `MERIDIAN STAR ${i} HOLDINGS`, kind: 'aka' as const })),
      ),
      entry('2', 'Person', 'MERIDIAN, Star'),
      entry('3', 'Organization', 'CASPIAN VECTOR TRADING', [
        { value: 'VECTOR CASPIAN', kind: 'weak-aka' },
        { value: 'KORVEX', kind: 'weak-aka' },
      ]),
      entry('4', 'Vessel', 'KAPITAN ZAVYALOV'),
      entry('5', 'Unknown', 'ORION BLUEWATER'),
      entry('6', 'Organization', 'ZELKOVA'),
    ]),
  ]);

  it('keeps persons and organisations apart; Unknown matches both', () => {
    expect(index.screenName({ name: 'Star Meridian', schema: 'Person' }).map((m) => m.entry.entryId)).toEqual(['2']);
    expect(index.screenName({ name: 'Meridian Star Shipping LLC', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['1']);
    expect(index.screenName({ name: 'Orion Bluewater', schema: 'Person' }).map((m) => m.entry.entryId)).toEqual(['5']);
    expect(index.screenName({ name: 'Orion Bluewater', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['5']);
    expect(compatibleSchemas('Person', 'Vessel')).toBe(false);
  });

  it('scores an entry by its best name, not by how many aliases it has', () => {
    const [m] = index.screenName({ name: 'Meridian Star Shipping LLC', schema: 'Organization' });
    expect(m!.score).toBe(1);
    expect(index.screenName({ name: 'Meridian Star Holdings', schema: 'Organization' }, { threshold: 0 }).every((x) => x.score <= 1)).toBe(
      true,
    );
    const all = index.screenName({ name: 'Meridian Star', schema: 'Organization' }, { threshold: 0, limit: 50 });
    expect(all.filter((x) => x.entry.entryId === '1')).toHaveLength(1);
  });

  it('reduces and flags weak aliases met on fewer than two distinctive words', () => {
    const [m] = index.screenName({ name: 'Korvex' }, { threshold: 0.5 });
    expect(m!.matchedNameKind).toBe('weak-aka');
    expect(m!.flags).toEqual(['weak-alias']);
    expect(m!.score).toBe(0.85);
    expect(m!.explanation.penalties.map((p) => p.rule)).toContain('weak-alias');
    // A word no list uses, one letter from the alias's (≥ 6 letters): the alias mistyped, capped at the alias as listed.
    const [typo] = index.screenName({ name: 'Korvxx' });
    expect([typo?.matchedName, typo?.score, typo?.flags]).toEqual(['KORVEX', 0.85, ['weak-alias']]);
  });

  it('reads short mistyped words: a 2-letter word one letter off, a vowelless word as the article, a kunya beside its name', () => {
    const people = new ScreeningIndex([
      snapshot([
        entry('p1', 'Person', 'RI, Chong Chol'),
        entry('p2', 'Person', 'AL FIQAR, Dhu'),
        entry('p3', 'Person', 'HAMDAN, Omar', [{ value: 'ABU WALID', kind: 'weak-aka' }]),
        entry('p4', 'Organization', 'XL AVIATION'),
        entry('p5', 'Person', 'RO, Song'),
        entry('p6', 'Organization', 'BN ST RL TRADING'),
      ]),
    ]);
    const ids = (name: string) => people.screenName({ name, schema: 'Person' }).map((m) => m.entry.entryId);
    expect(ids('Rx Chong Chol')).toEqual(['p1']);
    expect(ids('Ro Chong Chol')).toEqual([]); // a word the lists use: another name
    expect(ids('xL FIQAR, Dhu')).toEqual(['p2']); // xl is listed (XL AVIATION) but no syllable
    expect(ids('xBU WALID')).toEqual(['p3']);
    expect(ids('xBU WxLID')).toEqual([]); // no word of the alias written as listed
    // Only a vowelless word written alone is read as a connector: not Arabic read as consonants (بن: bn), an
    // abbreviation with full stops (R.L.) or a number's suffix (71ST); each reading is one more screening pass.
    const words = (name: string) => people.queryNames({ name, schema: 'Person' }).map((q) => q.tokens.map((t) => t.text).join(' '));
    expect(words('xL FIQAR, Dhu')).toContain('dhu al fiqar');
    for (const name of ['حمادي بن علي', 'HANDAL S. DE R.L.', '71ST PLANT'])
      expect(words(name).filter((w) => / (en|an|on|in|by|el|al|et|at) /.test(` ${w} `))).toEqual([]);
  });

  it('caps a mistyped weak alias at its factor instead of multiplying (weakAliasScore)', () => {
    expect(weakAliasScore(0.9, 0)).toBeCloseTo(0.765, 6);
    expect(weakAliasScore(0.9, 1)).toBe(WEAK_ALIAS_FACTOR);
    expect(weakAliasScore(0.8, 1)).toBe(0.8);
  });

  it('scores a weak alias met on two distinctive words as any name, written alike or with one typing error', () => {
    const [m] = index.screenName({ name: 'Vector Caspian' }, { threshold: 0.5 });
    expect([m!.matchedNameKind, m!.score, m!.flags]).toEqual(['weak-aka', 1, []]);
    const [typo] = index.screenName({ name: 'Vectxr Caspian' });
    expect(typo?.entry.entryId).toBe('3');
  });

  it('finds candidates despite typos and transliteration', () => {
    expect(index.screenName({ name: 'KAPITAN ZAVJALOV', schema: 'Vessel' }).map((m) => m.entry.entryId)).toEqual(['4']);
    expect(index.screenName({ name: 'Капитан Завьялов' }).map((m) => m.entry.entryId)).toEqual(['4']);
    expect(index.screenName({ name: 'Caspain Vector Trading' }).map((m) => m.entry.entryId)).toEqual(['3']);
  });

  it('does not match a one-word entry on one word of a long query', () => {
    expect(index.screenName({ name: 'Zelkova Timber Export House of Riga', schema: 'Organization' })).toEqual([]);
    expect(index.screenName({ name: 'Zelkova', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['6']);
  });

  it('scans free text for listed names with character spans', () => {
    const text = 'Yesterday the tanker Kapitan Zavyalov left port; Caspian Vector Trading denied any link.';
    const found = index.scanText(text);
    expect(found.map((m) => [m.entry.entryId, m.span.text])).toEqual([
      ['4', 'Kapitan Zavyalov'],
      ['3', 'Caspian Vector Trading'],
    ]);
    expect(text.slice(found[0]!.span.start, found[0]!.span.end)).toBe('Kapitan Zavyalov');
  });
});

describe('real lists: names from a news article (China Digital Times, Feb 2023)', () => {
  // Names as they appear in the article (examples/ holds the article; the phrases here are ours).
  const text =
    'Belarusian President Alexander Lukashenko visited Beijing and met Xi Jinping. Earlier, Wang Yi met ' +
    'Vladimir Putin in Moscow, Antony Blinken spoke of lethal aid, and Iranian President Ebrahim Raisi ' +
    'had visited. Der Spiegel named the drone maker Xi’an Bingo Intelligent Aviation Technology.';

  it('2024-05-03 SDN + UN: Lukashenka (BELARUS), Putin (RUSSIA-EO14024) and Raisi (IRAN-EO13876) are listed', () => {
    const found = lists.index2024().scanText(text);
    const ids = found.map((m) => `${m.entry.listId}:${m.entry.entryId}:${m.entry.programs.join('|')}`);
    expect(ids).toEqual(['ofac-sdn:9760:BELARUS', 'ofac-sdn:35096:RUSSIA-EO14024', 'ofac-sdn:27844:IRAN-EO13876']);
    expect(found.map((m) => m.span.text)).toEqual(['Alexander Lukashenko', 'Vladimir Putin', 'Ebrahim Raisi']);
  });

  it('2024 SDN: screening single names gives the true list state', () => {
    const ix = lists.index2024();
    const top = (name: string) => ix.screenName({ name, schema: 'Unknown' })[0];
    expect(top('Alexander Lukashenko')!.entry).toMatchObject({
      entryId: '9760',
      primaryName: 'LUKASHENKA, Alyaksandr Ryhorovich',
      programs: ['BELARUS'],
    });
    expect(top('Vladimir Putin')!.entry).toMatchObject({ entryId: '35096', programs: ['RUSSIA-EO14024'] });
    expect(top('Ebrahim Raisi')!.entry.entryId).toBe('27844');
    // Not designated (as of 2024-05-03): Xi Jinping, Wang Yi, Antony Blinken, Xi'an Bingo.
    for (const n of ['Xi Jinping', 'Wang Yi', 'Antony Blinken', 'Xi’an Bingo Intelligent Aviation Technology', 'Volodymyr Zelensky'])
      expect(ix.screenName({ name: n })).toEqual([]);
    // One typing error in a word the lists do not know is forgiven, even in a short word; a company name's word one
    // letter from another listed word is another word (Mining/Dining).
    expect(top('Vladimir Vladimirovich Pxtin')!.entry.entryId).toBe('35096');
    expect(top('Alexander Grigoryevich Lxkashenko')!.entry.entryId).toBe('9760');
    expect(person('Igor Nikolayevich Zxvyalov', 'ZAVYALOV, Igor Nikolayevich').score).toBeGreaterThanOrEqual(0.85);
    expect(person('Igor Vorobyev', 'Igor Vxrobyev').score).toBeGreaterThanOrEqual(0.85);
    expect(org('Vorobyev Trading', 'Vxrobyev Trading').score).toBeLessThan(0.85);
    // A bare surname is one shared token: not a match on its own.
    expect(ix.screenName({ name: 'Putin', schema: 'Person' })).toEqual([]);
  });

  it('2021-07 SDN: Lukashenka and Raisi listed, Putin not yet designated', () => {
    const ix = new ScreeningIndex([lists.sdn2021()]);
    const found = ix.scanText(text).map((m) => m.entry.entryId);
    expect(found).toEqual(['9760', '27844']);
    expect(ix.screenName({ name: 'Vladimir Putin' })).toEqual([]);
  });
});

describe('screenName: structured names, former names, glued words', () => {
  const ix = new ScreeningIndex([
    snapshot([
      entry('1', 'Person', 'PUTIN, Vladimir Vladimirovich'),
      entry('2', 'Vessel', 'CAPE DIAMOND'),
      entry('3', 'Organization', 'Wirra-long Downs Pty Ltd'),
      entry('4', 'Organization', 'Ocean Pioneer (ex-Southern Glory)'),
      entry('5', 'Person', 'XI, Jinping'),
      entry('6', 'Person', 'MADURO MOROS, Nicolas'),
      entry('7', 'Person', 'NKUNDA, Laurent'),
      entry('8', 'Organization', 'Tecelagem Serra Azulina Industria e Comercio Ltda'),
    ]),
  ]);

  it('scores the right order of name parts higher than swapped parts, and matches both', () => {
    const right = ix.screenName({ name: 'Vladimir Putin', parts: { given: 'Vladimir', family: 'Putin' }, schema: 'Person' })[0]!;
    const swapped = ix.screenName({ name: 'Putin Vladimir', parts: { given: 'Putin', family: 'Vladimir' }, schema: 'Person' })[0]!;
    expect(right.entry.entryId).toBe('1');
    expect(swapped.entry.entryId).toBe('1');
    expect(right.score).toBeGreaterThan(swapped.score);
    expect(swapped.explanation.penalties.map((p) => p.rule)).toContain('name-order');
    // A free-text name says nothing of order: both orders score alike.
    expect(ix.screenName({ name: 'Putin Vladimir' })[0]!.score).toBe(ix.screenName({ name: 'Vladimir Putin' })[0]!.score);
  });

  it('finds former names written inside a name, on either side', () => {
    expect(ix.screenName({ name: 'Star Voyager (ex-Cape Diamond)', schema: 'Vessel' }).map((m) => m.entry.entryId)).toEqual(['2']);
    expect(ix.screenName({ name: 'Southern Glory', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['4']);
  });

  it('forgives a listed second surname the query leaves out, not a query part the list lacks', () => {
    expect(ix.screenName({ name: 'Nicolas Maduro', schema: 'Person' }).map((m) => m.entry.entryId)).toEqual(['6']);
    expect(ix.screenName({ name: 'Nicolas Maduro Moros Gonzalez Perez', schema: 'Person' })).toEqual([]);
  });

  it('meets words split elsewhere and company-word contractions', () => {
    expect(ix.screenName({ name: 'Lauren Tnkunda', schema: 'Person' }).map((m) => m.entry.entryId)).toEqual(['7']);
    expect(ix.screenName({ name: 'TECELAGEM SERRA AZULINA IND. E COM. LTDA', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(
      ['8'],
    );
  });

  it('reads a mistyped article joined to a name as the article, even a word the lists know (xL-Zindani)', () => {
    const lists = new ScreeningIndex([
      snapshot([entry('1', 'Person', 'AL-ZINDANI, Abdelmajid'), entry('2', 'Organization', 'XL AVIATION')]),
    ]);
    expect(lists.screenName({ name: 'xL-ZINDANI, Abdelmajid', schema: 'Person' }).map((m) => m.entry.entryId)).toEqual(['1']);
    expect(lists.screenName({ name: 'XL Aviation', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['2']);
  });

  it('keeps a Limitada a local form: not the OOO of the same words, but the Ltd', () => {
    const lists = new ScreeningIndex([snapshot([entry('1', 'Organization', 'Tessaline Trade Ltda.')])]);
    expect(lists.screenName({ name: 'Tessaline Trade OOO', schema: 'Organization' })).toEqual([]);
    expect(lists.screenName({ name: 'Tessaline Trade Ltd', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['1']);
    expect(lists.screenName({ name: 'TESSALINE TRADE LIMITADA', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['1']);
  });

  it('forgives one edit in the one word of a one-word name when the query word is no listed word (Fxrest)', () => {
    const lists = new ScreeningIndex([
      snapshot([entry('1', 'Organization', 'FOREST'), entry('2', 'Organization', 'MINING'), entry('3', 'Organization', 'DINING')]),
    ]);
    expect(lists.screenName({ name: 'Fxrest', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['1']);
    // A listed word a letter from another listed word is another word.
    expect(lists.screenName({ name: 'Mining', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['2']);
  });

  it('meets glued and split words, and syllables read from Han', () => {
    expect(ix.screenName({ name: 'Wirralong Downs Pty Ltd', schema: 'Organization' }).map((m) => m.entry.entryId)).toEqual(['3']);
    expect(ix.screenName({ name: '习近平', schema: 'Person' }).map((m) => m.entry.entryId)).toEqual(['5']);
  });
});
