import { compareNames } from '../matching/compare-names';
import { DefaultTokenStats } from '../matching/token-stats';
import { BUSINESS_WORD_FALSE_FRIENDS, businessWords, loadBusinessWords, translateBusinessWords } from './business-words';
import { prepareName } from './prepare-name';
import { normaliseTokens } from './tokens';

const tr = (name: string): string => translateBusinessWords(normaliseTokens(name)).join(' ');
const stats = new DefaultTokenStats();
const score = (a: string, b: string): number => compareNames(prepareName(a, 'Organization'), prepareName(b, 'Organization'), stats).score;
const texts = (name: string, schema: 'Person' | 'Organization' | 'Unknown'): string =>
  prepareName(name, schema)
    .tokens.map((t) => t.text)
    .join(' ');

describe('business-word table (data/reference/business-words.csv)', () => {
  it('covers 14 languages and at least 30 concepts', () => {
    const rows = loadBusinessWords();
    expect(new Set(rows.map((r) => r.language))).toEqual(
      new Set(['zh', 'ja', 'ko', 'my', 'he', 'ar', 'fa', 'ru', 'uk', 'be', 'hy', 'ka', 'tr', 'th']),
    );
    expect(new Set(rows.map((r) => r.english)).size).toBeGreaterThanOrEqual(30);
    for (const r of rows) expect(normaliseTokens(r.english).length).toBeGreaterThan(0);
  });

  it('translates every row to its English word, except false friends, too-short keys and one reading two rows share', () => {
    const misses: string[] = [];
    for (const r of loadBusinessWords()) {
      for (const key of [r.native, r.latinReading]) {
        const t = normaliseTokens(key);
        if (BUSINESS_WORD_FALSE_FRIENDS.has(t.join(' '))) continue;
        if (businessWords().translate(t).join(' ') !== normaliseTokens(r.english).join(' ')) misses.push(`${r.language}:${t.join(' ')}`);
      }
    }
    // kogyo is 工業 (industrial) before 鉱業 (mining); the rest are one- or two-letter keys, or three-letter Latin ones.
    expect(misses.sort()).toEqual(['ar:gz', 'ar:tq', 'ja:kogyo', 'ko:uyu', 'tr:sut', 'tr:sut'].sort());
  });
});

describe('translateBusinessWords', () => {
  it('Chinese (simplified, traditional, pinyin)', () => {
    expect(tr('沧澜远洋航运有限公司')).toBe('cang lan ocean shipping you xian gong si');
    expect(tr('雾山精密机械股份有限公司')).toBe('wu shan precision machinery gu fen you xian gong si');
    expect(tr('滄瀾遠洋航運')).toBe(tr('沧澜远洋航运'));
    expect(tr('Dalian Zhenghua Maoyi')).toBe('dalian zhenghua trading');
    expect(tr('东方石油有限公司')).toBe('dong fang petroleum you xian gong si');
  });

  it('never breaks a legal form of several tokens (华石有限公司 has no 石油)', () => {
    expect(tr('华石有限公司')).toBe('hua shi you xian gong si');
  });

  it('Japanese (kanji, kana, Hepburn)', () => {
    expect(tr('株式会社霜月水産')).toBe('zhu shi hui she shuang yue fisheries');
    expect(tr('Shimotsuki Suisan Co., Ltd.')).toBe('shimotsuki fisheries co ltd');
    expect(tr('ぼうえき')).toBe('trading');
    expect(tr('Kitakusu Kaiun K.K.')).toBe('kitakusu shipping kk');
  });

  it('Korean (Hangul syllables, RR and McCune-Reischauer)', () => {
    expect(tr('새벽별물류 주식회사')).toBe('sae byeok byeol logistics ju sik hoe sa');
    expect(tr('Saebyeokbyeol Mullyu')).toBe('saebyeokbyeol logistics');
    expect(tr('Joson Paekho Muyok Hoesa')).toBe('joson paekho trading hoesa');
  });

  it('Burmese (script and Latin reading)', () => {
    expect(tr('ရွှေပုလဲ ကုန်သွယ်ရေး ကုမ္ပဏီလီမိတက်')).toBe('shwe pu le trading kon pa ni li mi tet');
    expect(tr('အောင်ကြယ် ဆန်စက် ကုမ္ပဏီလီမိတက်')).toContain('rice mill');
    expect(tr('ရတနာမင်္ဂလာ ပို့ဆောင်ရေး')).toBe('ya ta nar min ga lar logistics');
    expect(tr('Shwe Pale Kone Thwe Yay')).toBe('shwe pale trading');
  });

  it('Hebrew (script and Latin reading)', () => {
    expect(tr('האחים חדאד חומרי בניין בע"מ')).toBe('brothers hadad building materials bam');
    expect(tr('נחמיאס תוצרת טרייה')).toBe('nahmias fresh produce');
    expect(tr("גורביץ' חלקים מדויקים")).toBe('gorvich precision parts');
    expect(tr('שאלתיאל הובלות')).toBe('shaltial transport');
    expect(tr('Shaltiel Hovalot Ltd')).toBe('shaltiel transport ltd');
  });

  it('Arabic and Persian (script and Latin reading)', () => {
    expect(tr('شركة الفجر للتجارة')).toBe('shrk lfjr trading');
    expect(tr('Al Fajr Lil Tijara')).toBe('al fajr trading');
    expect(tr('شرکت بازرگانی نور')).toBe('shrkht trading nwr');
    expect(tr('Kashtirani Jonoub Khat')).toBe('shipping jonoub khat');
    expect(tr('Foulad Yazd')).toBe('steel yazd');
  });

  it('Russian, Ukrainian and Belarusian (Cyrillic and Latin)', () => {
    expect(tr('ООО Торговый дом Восток')).toBe('ooo trading house vostok');
    expect(tr('Torgovyy Dom Vostok')).toBe('trading house vostok');
    expect(tr('Нафта Торгова')).toBe('oil trading');
    expect(tr('ААТ Гандлёвы дом')).toBe('aat trading dom');
    expect(tr('Gazprom Neft')).toBe('gazprom oil');
  });

  it('Armenian and Georgian (script and Latin)', () => {
    expect(tr('Gyumri Metagh LLC')).toBe('gyumri metal llc');
    expect(tr('Արարատ Առևտրային ՍՊԸ')).toBe('ararat trading spy');
    expect(tr('Tsiklauri Gvino LLC')).toBe('tsiklauri wine llc');
    expect(tr('წიკლაური ღვინო')).toContain('wine');
    expect(tr('შპს კვინიკაძე მეტალი')).toBe('shps kvinikadze metal');
  });

  it('Turkish and Thai', () => {
    expect(tr('Anadolu Gıda Sanayi ve Ticaret A.Ş.')).toBe('anadolu food industry ve trade as');
    expect(tr('Smart İthalat İhracat Dış Ticaret')).toBe('smart import export foreign trade');
    expect(tr('บริษัท สยาม ขนส่ง จำกัด')).toContain('transport');
  });

  it('leaves false friends alone (Kat, Çelik, Susan, Achim, Un Song, Tamin, Sinaa)', () => {
    expect(tr('Chobanyan Kat LLC')).toBe('chobanyan kat llc');
    expect(tr('RN Kat')).toBe('rn kat');
    expect(tr('Anadolu Çelik')).toBe('anadolu celik');
    expect(tr('Susan Trading')).toBe('susan trading');
    expect(tr('Korea Achim Shipping Co')).toBe('korea achim shipping co');
    expect(tr('Ri Un Song')).toBe('ri un song');
    expect(tr('Pouya Tamin Kish')).toBe('pouya tamin kish');
    expect(tr('Ansar Beit al-Maqdis fi Sinaa')).toBe('ansar beit al maqdis fi sinaa');
  });
});

describe('prepareName with business words', () => {
  it('translates organisation names, not personal names', () => {
    expect(texts('Shaltiel Hovalot Ltd', 'Organization')).toBe('shaltiel transport ltd');
    expect(texts('Komeil Baradaran', 'Person')).toBe('komeil baradaran');
    expect(texts('Li Guoji', 'Person')).toBe('li guoji');
  });

  it('keeps segments aligned: a legal form closing a comma segment still ends the name', () => {
    const p = prepareName('Canglan Haiyun Co., Ltd., Shanghai Branch', 'Organization');
    expect(p.tokens.filter((t) => t.role === 'core').map((t) => t.text)).toEqual(['canglan', 'shipping']);
    expect(p.tokens.filter((t) => t.role === 'annotation').map((t) => t.text)).toEqual(['shanghai', 'branch']);
  });

  it.each([
    ['沧澜远洋航运有限公司', 'Canglan Ocean Shipping Co., Ltd.'],
    ['雾山精密机械股份有限公司', 'Wushan Precision Machinery Co., Ltd.'],
    ['새벽별물류 주식회사', 'Saebyeokbyeol Logistics Co., Ltd.'],
    ['ဦးကျော်ဇော်ထွန်း ကုန်သွယ်ရေး', 'U Kyaw Zaw Htun Trading'],
    ['צור אמיתי לוגיסטיקה בע"מ', 'Tzur Amitai Logistics Ltd'],
    ['שאלתיאל הובלות בע"מ', 'Shaltiel Hovalot Ltd'],
    ['Shaltiel Hovalot Ltd', 'Shaltiel Transport Limited'],
    // Hebrew writes no vowel after a word's first consonant, which Latin forms write (חדאד hadad / Haddad)
    ['האחים חדאד חומרי בניין בע"מ', 'Haddad Brothers Building Materials Ltd'],
    ['Gyumri Metagh LLC', 'Gyumri Metal LLC'],
    ['Tsiklauri Gvino LLC', 'Tsiklauri Wine LLC'],
    // Burmese minor syllable read as speech reduces it (ပုလဲ pa le, Pale), beside the syllables as written.
    ['ရွှေပုလဲ ကုန်သွယ်ရေး ကုမ္ပဏီလီမိတက်', 'Shwe Pale Trading Co., Ltd.'],
    // Kanji of a name marked Japanese (株式会社) also read in Japanese (shimotsuki, not only Mandarin shuang yue).
    ['株式会社霜月水産', 'Shimotsuki Suisan Co., Ltd.'],
  ])('%s ~ %s scores >= 0.85', (a, b) => {
    expect(score(a, b)).toBeGreaterThanOrEqual(0.85);
  });

  it.each([
    // Kat (Armenian "milk") is a false friend and stays.
    ['Chobanyan Kat LLC', 'Chobanyan Milk LLC'],
  ])('%s ~ %s still below 0.85 (name tokens, not business words)', (a, b) => {
    expect(score(a, b)).toBeLessThan(0.85);
  });

  it('different business words still differ (Kaiun vs Kisen, Bussan vs Sangyo)', () => {
    expect(score('Kitakusu Kaiun K.K.', 'Kitakusu Kisen K.K.')).toBeLessThan(0.85);
    expect(score('Hoshinoura Bussan K.K.', 'Hoshinoura Sangyo K.K.')).toBeLessThan(0.85);
  });
});
