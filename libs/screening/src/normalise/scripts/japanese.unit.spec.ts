import fc from 'fast-check';
import { compareNames } from '../../matching/compare-names';
import { DefaultTokenStats } from '../../matching/token-stats';
import { prepareName } from '../prepare-name';
import { isJapaneseName, JAPANESE_ONLY_KANJI, japaneseReading, kanjiNumber, loadJapaneseReadings, readKanjiRun } from './japanese';

const stats = new DefaultTokenStats();
const score = (a: string, b: string, schema: 'Organization' | 'Vessel' | 'Person' = 'Organization'): number =>
  compareNames(prepareName(a, schema), prepareName(b, schema), stats).score;

describe('Japanese reading of kanji names (issue 12 item 4)', () => {
  it('marks a name Japanese by kana, a Japanese legal form, a kanji written only in Japanese or a 丸 vessel', () => {
    expect(isJapaneseName('株式会社霜月水産')).toBe(true);
    expect(isJapaneseName('星ノ浦物産')).toBe(true); // katakana ノ
    expect(isJapaneseName('霜月水産')).toBe(true); // 産: Chinese 产 / 產
    expect(isJapaneseName('渡辺健一')).toBe(true); // 辺: Chinese 边 / 邊
    expect(isJapaneseName('霧雨丸', 'Vessel')).toBe(true);
    expect(isJapaneseName('第十八星風丸', 'Vessel')).toBe(true);
    expect(isJapaneseName('吉岡 結菜', 'Person')).toBe(true); // family name, space, given name
    expect(isJapaneseName('吉岡\u3000結菜', 'Person')).toBe(true); // with an ideographic space
    expect(isJapaneseName('吉岡 結菜', 'Organization')).toBe(false);
    expect(isJapaneseName('シンゾー')).toBe(false); // no kanji: the kana reader alone reads it
  });

  it('leaves Chinese names alone (simplified and traditional, companies and persons)', () => {
    for (const name of [
      '沧澜远洋航运有限公司',
      '雾山精密机械股份有限公司',
      '滄瀾遠洋航運有限公司',
      '习近平',
      '王小明',
      '中国船舶重工集团有限公司',
      '華為技術有限公司',
      '香港明星贸易有限公司',
      '台灣積體電路製造股份有限公司',
      '王 小明', // a one-character family name
    ]) {
      expect(isJapaneseName(name, 'Organization')).toBe(false);
      expect(isJapaneseName(name, 'Person')).toBe(false);
      expect(japaneseReading(name, 'Organization')).toBeUndefined();
      expect(prepareName(name, 'Organization').variants.filter((v) => v.reading)).toEqual([]);
    }
    expect(isJapaneseName('海丸', 'Organization')).toBe(false); // 丸 marks vessels only
  });

  it('reads kanji in Japanese, each dictionary form one word, in Hepburn without long-vowel marks', () => {
    expect(readKanjiRun('霜月水産')).toBe('shimotsuki suisan');
    expect(readKanjiRun('安倍晋三')).toBe('abe shinzo');
    expect(readKanjiRun('渡辺健一')).toBe('watanabe kenichi');
    expect(readKanjiRun('田中角栄')).toBe('tanaka kakuei');
    expect(readKanjiRun('小泉純一郎')).toBe('koizumi junichiro');
    expect(readKanjiRun('三菱重工業')).toBe('mitsubishi jukogyo'); // a business word is read whole
    expect(readKanjiRun('星ノ浦')).toBe('hoshinoura'); // ノ joins the words either side
    expect(readKanjiRun('霞ヶ関')).toBe('kasumigaseki');
  });

  it('keeps legal forms in kanji for the legal-form lexicon and numbers ships by 第 or 号', () => {
    expect(japaneseReading('株式会社霜月水産')).toBe('株式会社 shimotsuki suisan');
    expect(japaneseReading('第十八星風丸', 'Vessel')).toBe('18 hoshi kaze maru');
    expect(japaneseReading('株式会社')).toBeUndefined(); // nothing left to read
    expect(kanjiNumber('十八')).toBe('18');
    expect(kanjiNumber('百二')).toBe('102');
    expect(kanjiNumber('二〇')).toBe('20');
    expect(kanjiNumber('八')).toBe('8');
  });

  it('gives a Japanese name its Japanese reading as a second reading beside the pinyin one', () => {
    const p = prepareName('株式会社霜月水産', 'Organization');
    expect(p.tokens.filter((t) => t.role === 'core').map((t) => t.text)).toEqual(['shuang', 'yue', 'fisheries']);
    const readings = p.variants.filter((v) => v.reading);
    expect(readings.map((v) => v.tokens.filter((t) => t.role === 'core').map((t) => t.text))).toEqual([['shimotsuki', 'fisheries']]);
    expect(readings[0]!.source).toBe('株式会社霜月水産');
  });

  it('matches Japanese names in kanji to their Latin forms, and keeps different names apart', () => {
    expect(score('株式会社霜月水産', 'Shimotsuki Suisan Co., Ltd.')).toBeGreaterThanOrEqual(0.85);
    expect(score('渡辺健一', 'Kenichi Watanabe', 'Person')).toBeGreaterThanOrEqual(0.85);
    expect(score('吉岡 結菜', 'YOSHIOKA, Yuna', 'Person')).toBeGreaterThanOrEqual(0.85);
    expect(score('第十八星風丸', 'HOSHI KAZE MARU NO. 18', 'Vessel')).toBeGreaterThanOrEqual(0.85);
    expect(score('第十八星風丸', 'Hoshikaze Maru No. 8', 'Vessel')).toBeLessThan(0.85);
    expect(score('三菱重工業株式会社', 'Mitsubishi Heavy Industries, Ltd.')).toBeGreaterThanOrEqual(0.85);
    // Japanese legal forms in Latin letters: kabushiki kaisha = 株式会社 (K.K.), yugen kaisha = 有限会社, kaisha = company
    expect(score('日本郵船株式会社', 'Nippon Yusen Kabushiki Kaisha')).toBeGreaterThanOrEqual(0.85);
    expect(score('川崎汽船株式会社', 'Kawasaki Kisen Kaisha, Ltd.')).toBeGreaterThanOrEqual(0.85);
    expect(score('有限会社北野家具', 'Kitano Kagu Yugen Kaisha')).toBeGreaterThanOrEqual(0.85);
    expect(score('第十八星風丸', '第八星風丸', 'Vessel')).toBeLessThan(0.85);
    expect(score('霧雨丸', '春雨丸', 'Vessel')).toBeLessThan(0.85);
    expect(score('株式会社八雲堂', '株式会社八重堂')).toBeLessThan(0.85);
    expect(score('月岡繊維株式会社', '月見繊維株式会社')).toBeLessThan(0.85);
  });

  it('never throws, and reads every kanji of any Japanese name into Latin letters or leaves it as written', () => {
    // By code point: split('') cut 𠮷 (U+20BB7) into two lone surrogates, which met again only now and then.
    const kanji = fc.constantFrom(...[...'霜月水産安倍晋三渡辺健一田中角栄星浦風松丸第十八株式会社有限習近平王小明龍鳳凰麒麟𠮷髙﨑々']);
    const piece = fc.oneof(kanji, fc.constantFrom('ノ', 'ヶ', 'の', 'ホールディングス', ' ', '-', 'Co.', '株式会社'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('Organization', 'Vessel', 'Person'), (parts, schema) => {
        const name = parts.join('');
        const reading = japaneseReading(name, schema);
        if (!isJapaneseName(name, schema)) expect(reading).toBeUndefined();
        if (reading !== undefined) {
          const rest = reading.replace(/株式会社|有限会社/g, '');
          // kanji left: only those no dictionary holds (none here), so only Latin, digits, kana and punctuation remain
          expect(rest).not.toMatch(/\p{Script=Han}/u);
          expect(() => prepareName(name, schema)).not.toThrow();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves every name without a Japanese mark as it was (no reading, no dictionary needed)', () => {
    const chinese = fc.constantFrom(
      ...[...'习近平王小明沧澜远洋航运有限公司雾山精密机械股份中国船舶重工集团华为技术'].filter((c) => !JAPANESE_ONLY_KANJI.has(c)),
    );
    fc.assert(
      fc.property(fc.array(chinese, { minLength: 1, maxLength: 10 }), (chars) => {
        expect(japaneseReading(chars.join(''), 'Organization')).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('loads its dictionary once', () => {
    expect(loadJapaneseReadings()).toBe(loadJapaneseReadings());
  });
});
