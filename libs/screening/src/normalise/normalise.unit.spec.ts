import { legalForms } from './legal-forms';
import fc from 'fast-check';
import { prepareName } from './prepare-name';
import { applySecondReadings } from './readings';
import { normaliseTokens } from './tokens';
import { textTokens } from '../matching/text-scan';
import { toLatin } from './transliterate';

const form = (name: string) => prepareName(name, 'Organization').legalForms.map((f) => `${f.symbol}/${f.generic}`);
const core = (name: string, schema: Parameters<typeof prepareName>[1] = 'Unknown') =>
  prepareName(name, schema)
    .tokens.filter((t) => t.role === 'core')
    .map((t) => t.text);

describe('normalisation and transliteration', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(normaliseTokens('Société Camerounaise de Cacao')).toEqual(['societe', 'camerounaise', 'de', 'cacao']);
    expect(normaliseTokens('ANGLO-CARIBBEAN CO., LTD.')).toEqual(['anglo', 'caribbean', 'co', 'ltd']);
    expect(normaliseTokens('N.K. Bansal & Co.')).toEqual(['nk', 'bansal', 'and', 'co']);
    expect(normaliseTokens('THONG NAWA NO.3')).toEqual(['thong', 'nawa', 'no', '3']);
    expect(normaliseTokens('ﬁrst ＡＢＣ')).toEqual(['first', 'abc']); // NFKC
  });

  it('transliterates Cyrillic, Greek, Arabic and Chinese to Latin', () => {
    expect(normaliseTokens('Владимир Путин')).toEqual(['vladimir', 'putin']);
    expect(normaliseTokens('Ελληνικά')).toEqual(['ellinika']);
    expect(normaliseTokens('صدام حسين')).toEqual(['sdm', 'hsyn']);
    expect(normaliseTokens('西安')).toEqual(['xi', 'an']);
    expect(toLatin('Łączyńska')).toBe('Laczynska');
  });
});

describe('legal forms across languages', () => {
  it('maps ООО, OOO, the spelled-out Russian form and LLC to one class', () => {
    expect(form('ООО Ромашка')).toEqual(['OOO/LLC']);
    expect(form('OOO Romashka')).toEqual(['OOO/LLC']);
    expect(form('Общество с ограниченной ответственностью Ромашка')).toEqual(['OOO/LLC']);
    expect(form('Romashka LLC')).toEqual(['LLC/LLC']);
  });

  it('recognises AO / JSC / AKTSIONERNOE OBSHCHESTVO, Co. Ltd and 有限公司', () => {
    expect(form('AKTSIONERNOE OBSHCHESTVO KONTSERN AVTOMATIKA')).toEqual(['AO/JSC']);
    expect(form('AO Kontsern')).toEqual(['AO/JSC']);
    expect(form('JSC ARGUMENT')).toEqual(['JSC/JSC']);
    expect(form('ANGLO-CARIBBEAN CO., LTD.')).toEqual(['COLTD/LLC']);
    expect(form('Tamarind Bay Seafood Co.')).toEqual(['CO/LLC']);
    expect(form('Harrowfield Bearings Limited')).toEqual(['LTD/LLC']);
    expect(form('沧澜远洋航运有限公司')).toEqual(['LTD/LLC']);
    expect(core('沧澜远洋航运有限公司', 'Organization')).toEqual(['cang', 'lan', 'ocean', 'shipping']);
  });

  it('recognises a form of several words with one word mistyped, when another is written right', () => {
    expect(form('JxINT STOCK COMPANY CONCERN OF RADIO ELECTRONIC TECHNOLOGIES')).toEqual(['JSC/JSC']);
    expect(form('LIMTED LIABILITY COMPANY POLYMER PIPE PLANT')).toEqual(form('LIMITED LIABILITY COMPANY POLYMER PIPE PLANT'));
    expect(form('xTKRYTOE AKTSIONERNOE OBSCHESTVO ELECTROVIPRYAMITEL')).toEqual(
      form('OTKRYTOE AKTSIONERNOE OBSCHESTVO ELECTROVIPRYAMITEL'),
    );
    expect(core('PxBLIC JOINT STOCK COMPANY CHELYABINSK FORGE', 'Organization')).toEqual(['chelyabinsk', 'forge']);
    // One word alone is not read as a mistyped form (Limites is a name), nor a phrase that is no form (Jxint Stock Ventures).
    expect(form('LIMITES TRADING')).toEqual([]);
    expect(form('JXINT STOCK VENTURES')).toEqual([]);
  });

  it('splits legal forms glued to the name', () => {
    const p = prepareName('JSCARGUMENT', 'Organization');
    expect(p.gluedLegalForm).toBe(true);
    expect(p.tokens.map((t) => `${t.text}:${t.role}`)).toEqual(['jsc:legal', 'argument:core']);
    expect(legalForms().splitGlued('paolino')).toEqual(['paolino']);
  });
});

describe('name preparation', () => {
  it('reorders SURNAME, Given for persons and marks the family name', () => {
    const p = prepareName('LUKASHENKA, Alyaksandr Ryhorovich', 'Person');
    expect(p.reordered).toBe(true);
    expect(p.tokens.map((t) => t.text)).toEqual(['alyaksandr', 'ryhorovich', 'lukashenka']);
    expect(p.tokens.find((t) => t.text === 'lukashenka')!.family).toBe(true);
    expect(p.tokens.find((t) => t.text === 'ryhorovich')!.secondary).toBe(true);
    // Not for organisations: the comma precedes a legal form.
    expect(prepareName('CECOEX, S.A.', 'Unknown').reordered).toBe(false);
  });

  it('drops titles, vessel prefixes and message labels; keeps remarks as annotations', () => {
    expect(core('Mr. Xi Jinping')).toEqual(['xi', 'jinping']);
    expect(core('M/V PELGARRA GLORY', 'Vessel')).toEqual(['pelgarra', 'glory']);
    expect(core('BENEFICIARY: Sarıkaya Hububat Ltd. Şti.', 'Organization')).toEqual(['sarikaya', 'hububat']);
    const branch = prepareName('Sindh Agro Chemicals (Pvt) Ltd, Sukkur Branch', 'Organization');
    expect(branch.tokens.filter((t) => t.role === 'annotation').map((t) => t.text)).toEqual(['sukkur', 'branch']);
    expect(prepareName('Ocean Pioneer (ex-Cape Diamond)', 'Vessel').variants.map((v) => v.source)).toEqual(['Cape Diamond']);
  });

  it('treats numerals, number words and final roman numerals as numbers', () => {
    const roles = (n: string) =>
      prepareName(n, 'Organization')
        .tokens.filter((t) => t.role === 'number')
        .map((t) => t.text);
    expect(roles('Brasskey Shipping Three Inc.')).toEqual(['3']);
    expect(roles('Seraphine Navigation II S.A.')).toEqual(['2']);
    expect(roles('Hoshikaze Maru No. 8')).toEqual(['8']);
  });
});

describe('disguised names', () => {
  it('drops invisible format characters and reads look-alike Cyrillic/Greek letters in Latin words as Latin', () => {
    expect(toLatin('Vla\u200bdimir Pu\u200btin')).toBe('Vladimir Putin');
    expect(toLatin('Vladimir \u0420utin')).toBe('Vladimir Putin'); // Cyrillic Р
    expect(toLatin('\u041f\u0443\u0442\u0438\u043d')).toBe('Putin'); // all-Cyrillic words are transliterated as before
  });

  it('reads a right-to-left override as displayed: Latin letters after U+202E backwards, right-to-left letters as they are', () => {
    expect(toLatin('\u202enituP rimidalV\u202c')).toBe('Vladimir Putin');
    expect(toLatin('Mr \u202enituP\u202c Vladimir')).toBe('Mr Putin Vladimir');
    expect(toLatin('\u202enituP')).toBe('Putin');
    expect(toLatin('\u202e\u05d0\u05d1\u05e8\u05d4\u05dd\u202c')).toBe(toLatin('\u05d0\u05d1\u05e8\u05d4\u05dd'));
    expect(toLatin('Vla\u202ddimir Putin')).toBe('Vladimir Putin'); // other bidi controls are dropped, as before
  });

  it('finds such names in free text too', () => {
    expect(textTokens('met Vla\u200bdimir Pu\u200btin').map((t) => t.text)).toEqual(['met', 'vladimir', 'putin']);
  });
});

describe('second readings as variants (issue 12 item 4)', () => {
  const readings = (name: string, schema: Parameters<typeof prepareName>[1] = 'Organization') =>
    prepareName(name, schema)
      .variants.filter((v) => v.reading)
      .map((v) => v.tokens.map((t) => t.text).join(' '));

  it('gives a Hebrew name its reading with every vowel placed, business words and legal form kept', () => {
    expect(readings('גורביץ\' חלקים מדויקים בע"מ')).toEqual(['goravich precision parts bam']);
    expect(readings('כנרת דון', 'Vessel')).toEqual(['kanarat don']);
    expect(readings('צור אמיתי')).toEqual([]); // every vowel written: no second reading
  });

  it('gives a Belarusian name its Russian reading, the source kept', () => {
    const p = prepareName('ІП Уладзімір Жаўнерчык', 'Organization');
    expect(readings('ІП Уладзімір Жаўнерчык')).toEqual(['ip vladimir zhavnerchyk']);
    expect(p.variants[0]!.source).toBe('ІП Уладзімір Жаўнерчык');
    expect(readings('Vladimir Putin', 'Person')).toEqual([]);
  });

  it('gives an Arabic name its reading with vowels, the article split off as a connector', () => {
    const p = prepareName('صدام حسين التكريتي', 'Person');
    expect(p.tokens.map((t) => t.text)).toEqual(['sdm', 'hsyn', 'ltkryty']); // the first reading is unchanged
    expect(p.variants[0]!.tokens).toEqual([
      { text: 'sadam', role: 'core' },
      { text: 'hasin', role: 'core' },
      { text: 'al', role: 'connector' },
      { text: 'takariti', role: 'core' },
    ]);
  });

  it('keeps a former name and its own second reading as variants of the name, one level deep', () => {
    const p = prepareName('Ocean Pioneer (ex-כנרת דון)', 'Vessel');
    expect(p.variants.map((v) => `${v.reading ? 'reading' : 'former'}: ${v.tokens.map((t) => t.text).join(' ')}`)).toEqual([
      'former: kanrt don',
      'reading: kanarat don',
    ]);
    expect(p.variants.every((v) => v.variants.length === 0)).toBe(true);
  });
});

describe('applySecondReadings', () => {
  it('replaces a span only where it stands whole, token for token, keeping length and the tokens it may not touch', () => {
    const word = fc.constantFrom('ya', 'ta', 'nar', 'min', 'ga', 'lar', 'kon', 'tet');
    const token = fc.record({ text: word, role: fc.constantFrom('core', 'legal') });
    fc.assert(
      fc.property(fc.array(token, { maxLength: 10 }), fc.array(word, { minLength: 1, maxLength: 3 }), (tokens, first) => {
        const second = first.map((t) => t.toUpperCase());
        const out = applySecondReadings(tokens, [{ first, second }], (t) => t.role === 'core');
        expect(out.length).toBe(tokens.length);
        out.forEach((t, i) => {
          expect(t.role).toBe(tokens[i]!.role);
          if (t.text !== tokens[i]!.text) expect(t.text).toBe(tokens[i]!.text.toUpperCase());
          if (tokens[i]!.role === 'legal') expect(t.text).toBe(tokens[i]!.text);
        });
      }),
    );
  });
});
