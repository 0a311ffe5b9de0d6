import fc from 'fast-check';
import { normaliseTokens } from '../tokens';
import { toLatin } from '../transliterate';
import { consonantSkeleton, sameConsonantSkeleton } from './abjad';
import { armenianToLatin, cyrillicToLatin, georgianToLatin } from './alphabets';
import { arabicToLatin } from './arabic';
import { belarusianAsRussian } from './belarusian';
import { hanToLatin } from './han';
import { hangulToLatin } from './hangul';
import { hebrewToLatin } from './hebrew';
import { kanaToLatin } from './kana';
import { myanmarToLatin } from './myanmar';
import { thaiToLatin } from './thai';

const tokens = (s: string) => normaliseTokens(s).join(' ');

describe('script readers (issue 12 item 4)', () => {
  it('reads Han as space-separated pinyin syllables, one run per word, no non-Latin leftovers', () => {
    expect(hanToLatin('习近平')).toBe('xi jin ping');
    expect(hanToLatin('佐々木')).toBe('zuo zuo mu'); // 々 repeats the syllable before it
    expect(hanToLatin('𠮷野家')).toMatch(/^[a-z]+ ye jia$/);
    expect(tokens('习近平主席')).toBe('xi jin ping zhu xi');
    expect(tokens('Mr 习近平, CN')).toBe('mr xi jin ping cn');
  });

  it('reads Hangul syllable by syllable (Revised Romanisation), a name with its usual surname spelling', () => {
    expect(hangulToLatin('김정은')).toBe('kim jeong eun');
    expect(hangulToLatin('박근혜')).toBe('park geun hye');
    expect(hangulToLatin('이명박')).toBe('lee myeong bak');
    expect(hangulToLatin('최룡해')).toBe('choi ryong hae');
    expect(hangulToLatin('남궁민수')).toBe('namgung min su');
    expect(hangulToLatin('새벽별물류')).toBe('sae byeok byeol mul ryu'); // 5 syllables: not a name
    expect(hangulToLatin('주식회사')).toBe('ju sik hoe sa'); // company form, not 주 Joo
    expect(tokens('새벽별물류 주식회사')).toBe('sae byeok byeol mul ryu ju sik hoe sa');
  });

  it('reads kana in Hepburn without long-vowel marks', () => {
    expect(kanaToLatin('しもつき')).toBe('shimotsuki');
    expect(kanaToLatin('さとう')).toBe('sato');
    expect(kanaToLatin('シンゾー')).toBe('shinzo');
    expect(tokens('キム・ジョンウン')).toBe('kimu jonun');
    expect(tokens('トヨタ自動車')).toMatch(/^toyota zi dong [a-z]+$/); // kanji stay pinyin
  });

  it('reads Hebrew vowel letters as vowels, begadkefat by position, geresh and gershayim', () => {
    expect(hebrewToLatin('הובלות')).toBe('hovlot');
    expect(hebrewToLatin("גורביץ'")).toBe('gorvich');
    expect(hebrewToLatin('אברהם')).toBe('avrhm');
    expect(hebrewToLatin('כנרת דון')).toBe('kanrt don');
    expect(hebrewToLatin('חדאד')).toBe('hadad'); // no word starts with two consonants: Haddad
    expect(hebrewToLatin('נחמיאס')).toBe('nahmias');
    expect(hebrewToLatin('שאלתיאל')).toBe('shaltial');
    expect(tokens('שאלתיאל הובלות בע"מ')).toBe('shaltial hovlot bam');
  });

  it('reads Burmese by syllable in the conventional romanisation', () => {
    expect(myanmarToLatin('ဦးကျော်ဇော်ထွန်း')).toBe('u kyaw zaw htun');
    expect(myanmarToLatin('ရွှေပုလဲ')).toBe('shwe pu le');
    expect(myanmarToLatin('အောင်ကြယ်')).toBe('aung kye');
    expect(myanmarToLatin('မင်းအောင်လှိုင်')).toBe('min aung hlaing');
    expect(myanmarToLatin('ရတနာမင်္ဂလာ')).toBe('ya ta nar min ga lar');
  });

  it('reads Thai in RTGS with silent letters and leading vowels fixed', () => {
    expect(thaiToLatin('ประยุทธ์ จันทร์โอชา')).toBe('prayut chanocha');
    expect(thaiToLatin('ทักษิณ ชินวัตร')).toBe('thaksin chinwat');
    expect(thaiToLatin('ยิ่งลักษณ์')).toBe('yinglak');
  });

  it('reads Georgian, Armenian and Cyrillic with any-ascii', () => {
    expect(tokens(georgianToLatin('ხობი ლედი'))).toBe('khobi ledi');
    expect(tokens(georgianToLatin('შპს კვინიკაძე მეტალი'))).toBe('shps kvinikadze metali');
    expect(armenianToLatin('Ծատուրյան')).toBe('Tsaturyan');
    expect(cyrillicToLatin('Хаматович Цой')).toBe('Khamatovich Tsoy');
    expect(tokens('ФОП Мороз Василь Іванович')).toBe('fop moroz vasil ivanovich');
  });

  it('toLatin leaves ASCII alone and reads mixed scripts run by run', () => {
    expect(toLatin('Kim Jong Un')).toBe('Kim Jong Un');
    expect(toLatin('김정은 (Kim Jong Un) 习近平')).toBe('kim jeong eun (Kim Jong Un) xi jin ping');
    expect(normaliseTokens('صدام حسين')).toEqual(['sdm', 'hsyn']); // Arabic: the transliteration library's skeleton
    for (const s of ['ရွှေပုလဲ', 'ხობი', 'Ծատուրյան', 'ประยุทธ์', 'כנרת', 'しもつき', '김정은', '习近平', 'Αλέξης'])
      // eslint-disable-next-line no-control-regex -- checks the whole output is ASCII
      expect(toLatin(s)).toMatch(/^[\x00-\x7f]+$/);
  });
});

describe('consonantSkeleton', () => {
  const meet = (script: string, latin: string) =>
    expect([script, consonantSkeleton(tokens(script)), consonantSkeleton(latin)]).toEqual([
      script,
      consonantSkeleton(latin),
      consonantSkeleton(latin),
    ]);

  it('meets an abjad reading and its Latin form', () => {
    meet('محمد', 'Mohammed');
    meet('محمد', 'Muhammad');
    meet('אברהם', 'Avraham');
    meet('אברהם', 'Abraham');
    meet('عبد الله', 'Abdullah');
    meet('حسين', 'Hussein');
    meet('خامنئي', 'Khamenei');
    meet('علی خامنه‌ای', 'Ali Khamenei');
    meet('חדאד', 'Haddad');
    meet('נחמיאס', 'Nakhmias');
    meet('צור', 'Tzur');
    meet('يوسف', 'Yusuf');
    meet('مروان', 'Marwan');
    meet('محمود', 'Mahmoud');
    meet('قصر الغزالات', 'Qasr Al Ghazalat');
  });

  it('maps as documented', () => {
    expect(consonantSkeleton('Mohammed')).toBe('mhmd');
    expect(consonantSkeleton('Abdullah')).toBe('bdl');
    expect(consonantSkeleton('Khamenei')).toBe('hmn');
    expect(consonantSkeleton('Djamel')).toBe(consonantSkeleton('Jamal'));
    expect(consonantSkeleton('Walid')).toBe('bld');
    expect(consonantSkeleton('Yusuf')).toBe('ysf');
    expect(consonantSkeleton('Oh')).toBe('h'); // a lone h is kept: only a final h after another consonant goes
    expect(consonantSkeleton('Aia')).toBe('');
    expect(sameConsonantSkeleton('Husain', 'Hussein')).toBe(true);
    expect(sameConsonantSkeleton('Hussein', 'Hassan')).toBe(true); // skeletons are coarse: weak evidence only
    expect(sameConsonantSkeleton('Mohammed', 'Hussein')).toBe(false);
    expect(sameConsonantSkeleton('', 'a')).toBe(false);
  });
});

describe('second readings (issue 12 item 4)', () => {
  it('reads Hebrew with every unwritten vowel placed, as Latin forms write them', () => {
    expect(hebrewToLatin('כנרת', 'all')).toBe('kanarat');
    expect(hebrewToLatin("גורביץ'", 'all')).toBe('goravich');
    expect(hebrewToLatin('שאלתיאל', 'all')).toBe('shalatial');
    expect(hebrewToLatin('צור אמיתי', 'all')).toBe(hebrewToLatin('צור אמיתי')); // every vowel written
  });

  it('places vowels only between consonants: the letters stay, in order, and the first reading lies within the second', () => {
    const letter = fc.constantFrom(...'אבגדהוזחטיכלמנסעפצקרשתםןץףך');
    fc.assert(
      fc.property(fc.array(letter, { minLength: 1, maxLength: 8 }), (letters) => {
        const word = letters.join('');
        const first = hebrewToLatin(word);
        const second = hebrewToLatin(word, 'all');
        expect(second.replace(/a/g, '')).toBe(first.replace(/a/g, ''));
        expect(second.length).toBeGreaterThanOrEqual(first.length);
        expect(second).toMatch(/^[a-z]+$/);
      }),
    );
  });

  it('reads Burmese runs as a compound too: voiced after an open syllable, ယ် written el', () => {
    expect(myanmarToLatin('ရတနာမင်္ဂလာ', 'compound')).toBe('ya da nar min ga lar'); // Yadanar Mingalar
    expect(myanmarToLatin('အောင်ကြယ်', 'compound')).toBe('aung kyel'); // Aung Kyal: no voicing after a nasal
    expect(myanmarToLatin('ကုမ္ပဏီလီမိတက်', 'compound')).toBe('kon pa ni li mi det');
    // A minor syllable (short u, no final, no tone, before another syllable) is reduced and begins its word: not voiced.
    expect(myanmarToLatin('ရွှေပုလဲ', 'compound')).toBe('shwe pa le'); // Shwe Pale
    expect(myanmarToLatin('ပုသိမ်', 'compound')).toBe('pa thein'); // Pathein
    expect(myanmarToLatin('ပုလဲ')).toBe('pu le'); // the first reading spells the syllable as written
    expect(myanmarToLatin('ကုန်', 'compound')).toBe('kon'); // a closed syllable is no minor syllable
    expect(myanmarToLatin('ရတနာမင်္ဂလာ')).toBe('ya ta nar min ga lar'); // the first reading is unchanged
  });

  it('gives a Burmese run as many syllables in both readings', () => {
    const syllable = fc.constantFrom('ရ', 'တ', 'နာ', 'မင်', 'ဂ', 'လာ', 'ကြယ်', 'အောင်', 'ကျော်', 'ဇော်', 'ထွန်း', 'ပု', 'လဲ', 'စက်', 'ဆန်');
    fc.assert(
      fc.property(fc.array(syllable, { minLength: 1, maxLength: 6 }), (parts) => {
        const run = parts.join('');
        expect(myanmarToLatin(run, 'compound').split(' ').length).toBe(myanmarToLatin(run).split(' ').length);
      }),
    );
  });

  it('reads Arabic script with its long vowels and the short ones placed, the article apart', () => {
    expect(arabicToLatin('صدام حسين التكريتي')).toBe('sadam hasin al takariti');
    expect(arabicToLatin('محمد')).toBe('mahamad'); // key of Muhammad, Mohammed
    expect(arabicToLatin('عزت ابراهيم الدوري')).toBe('azat abarahim al duri');
    expect(arabicToLatin('ولید')).toBe('walid'); // Persian ی; a word-initial و is w
    expect(arabicToLatin('Ali صدام')).toBe('Ali sadam');
  });

  it('reads every Arabic-script word into lower-case Latin letters', () => {
    const letter = fc.constantFrom(...'ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءئؤپچژگکی');
    fc.assert(
      fc.property(fc.array(letter, { minLength: 1, maxLength: 8 }), (letters) => {
        expect(arabicToLatin(letters.join(''))).toMatch(/^(al )?[a-z]*$/);
      }),
    );
  });

  it('writes Belarusian as Russian would, and leaves Russian and Ukrainian alone', () => {
    expect(belarusianAsRussian('Уладзімір Жаўнерчык')).toBe('Владимир Жавнерчык');
    expect(belarusianAsRussian('Канстанцін')).toBe('Канстантин'); // akanne (а for о) stays
    expect(belarusianAsRussian('Аляксандр Лукашэнка')).toBeUndefined(); // no і or ў: Russian letters already
    expect(belarusianAsRussian('Василь Іванович')).toBeUndefined(); // Ukrainian (и)
    expect(belarusianAsRussian('Владимир Путин')).toBeUndefined();
  });

  it('never leaves a Belarusian-only letter, and changes nothing outside Cyrillic', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('ў', 'і', 'Ў', 'І'), (text, letter) => {
        const out = belarusianAsRussian(text + letter);
        expect(out).toBeDefined();
        expect(out).not.toMatch(/[ўЎіІ]/);
        expect(out!.replace(/[\p{Script=Cyrillic}]/gu, '')).toBe((text + letter).replace(/[\p{Script=Cyrillic}]/gu, ''));
      }),
    );
  });
});
