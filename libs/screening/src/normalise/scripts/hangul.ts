import { romanize } from 'es-hangul';

/**
 * Usual Latin spellings of common Korean surnames (the first syllable of a personal name), as passports and lists
 * write them rather than strict Revised Romanisation (김 Kim, not Gim; 이 Lee, not I). Hand table: no maintained
 * library gives them.
 */
export const KOREAN_SURNAMES: Readonly<Record<string, string>> = {
  김: 'kim',
  박: 'park',
  이: 'lee',
  최: 'choi',
  정: 'jung',
  강: 'kang',
  조: 'cho',
  윤: 'yoon',
  장: 'jang',
  임: 'lim',
  한: 'han',
  오: 'oh',
  서: 'seo',
  신: 'shin',
  권: 'kwon',
  황: 'hwang',
  안: 'ahn',
  송: 'song',
  류: 'yoo',
  유: 'yoo',
  홍: 'hong',
  전: 'jeon',
  고: 'ko',
  문: 'moon',
  양: 'yang',
  손: 'son',
  배: 'bae',
  백: 'baek',
  허: 'heo',
  노: 'noh',
  남: 'nam',
  심: 'shim',
  하: 'ha',
  곽: 'kwak',
  성: 'sung',
  차: 'cha',
  주: 'joo',
  우: 'woo',
  구: 'koo',
  민: 'min',
  진: 'jin',
  나: 'na',
  지: 'ji',
  엄: 'um',
  변: 'byun',
  채: 'chae',
  원: 'won',
  천: 'chun',
  방: 'bang',
  공: 'kong',
  현: 'hyun',
  함: 'ham',
  염: 'yeom',
  여: 'yeo',
  추: 'choo',
  도: 'do',
  소: 'so',
  석: 'seok',
  선: 'sun',
  설: 'seol',
  마: 'ma',
  길: 'gil',
  연: 'yeon',
  위: 'wi',
  표: 'pyo',
  명: 'myung',
  기: 'ki',
  반: 'ban',
  왕: 'wang',
  금: 'geum',
  옥: 'ok',
  육: 'yook',
  인: 'in',
  맹: 'maeng',
  제: 'je',
  모: 'mo',
  탁: 'tak',
  국: 'kook',
  어: 'eo',
  은: 'eun',
  편: 'pyeon',
  용: 'yong',
};

/** Two-syllable surnames, read before the one-syllable table (남궁 is Namgung, not 남 Nam + 궁). */
const COMPOUND_SURNAMES: Readonly<Record<string, string>> = {
  남궁: 'namgung',
  황보: 'hwangbo',
  제갈: 'jegal',
  선우: 'sunwoo',
  독고: 'dokgo',
  사공: 'sagong',
  서문: 'seomun',
};

/** Name-shaped words that are not names: company-form and institution words starting with a surname syllable. */
const NOT_NAMES = new Set(['주식회사', '유한회사', '합자회사', '합명회사', '회사', '공사', '은행', '정부', '조선', '무역', '상사', '유한']);

const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/;

/**
 * Latin reading of a run of Hangul: Revised Romanisation (`es-hangul` `romanize`, the National Institute of Korean
 * Language's 2000 system) syllable by syllable, the syllables separated by spaces like pinyin (김정은 → "kim jeong
 * eun", 새벽별물류 → "sae byeok byeol mul ryu"; the matcher rejoins adjacent syllables against a glued Latin form).
 * A run of 2–4 syllables that starts with a surname ({@link KOREAN_SURNAMES}, or a two-syllable one) is read as a
 * personal name: the surname takes its usual spelling (박근혜 → "park geun hye"). Jamo that are not in a syllable
 * (ㄱ, ㅏ) are romanised one by one as well.
 */
export function hangulToLatin(run: string): string {
  const syllables = [...run];
  const romanised = syllables.map((s) => romanize(s));
  const compound = COMPOUND_SURNAMES[syllables.slice(0, 2).join('')];
  const isNameShaped =
    syllables.length >= 2 && syllables.length <= 4 && syllables.every((s) => HANGUL_SYLLABLE.test(s)) && !NOT_NAMES.has(run);
  if (isNameShaped && compound && syllables.length >= 3) return [compound, ...romanised.slice(2)].join(' ');
  const surname = KOREAN_SURNAMES[syllables[0]!];
  if (isNameShaped && surname) romanised[0] = surname;
  return romanised.join(' ');
}
