import { anyAscii } from './any-ascii';

/**
 * Latin reading of Thai, close to the Royal Thai General System (RTGS) that Thai names use in Latin. The letters are
 * read by `any-ascii` (whose Thai table is RTGS: ข ค kh, จ ช ch, ท ธ th, ะ า a…); before that, the three things a
 * letter-by-letter reading gets wrong are fixed (no maintained CommonJS npm library romanises Thai):
 * - a consonant under the silencer ์ (with its vowel, and ทร/ตร before it) is silent: จันทร์ → "chan", ประยุทธ์ → "prayut";
 * - the vowels เ แ โ ใ ไ are written before the consonant (or cluster) they follow in speech: ไทย → "thai", not "aithy";
 * - อ is a silent vowel carrier before a vowel sign (โอชา → "ocha"), a second word-final consonant after a closed
 *   syllable is silent (ชินวัตร → "chinwat"), ห is silent before a sonorant it
 *   tones (หมอ → "mo"), and a word-final consonant takes its final sound (ร ล ญ ณ → n; ด ต ท ธ ส ศ ษ จ ช ซ → t; บ ป พ ฟ ภ → p;
 *   ข ค ฆ → k).
 */
const SILENCED = /(?:[ทต]ร|[\u0e01-\u0e2e])[\u0e34\u0e38]?\u0e4c/g;
const LEADING_VOWEL = /([\u0e40-\u0e44])([\u0e01-\u0e2e](?:[รลว](?![\u0e30-\u0e39\u0e47-\u0e4e]))?)/g;
const SILENT_HO = /ห(?=[งญนมยรลว])/g;
const SILENT_O = /อ(?=[\u0e30-\u0e39\u0e40-\u0e44])/g;
/** A word-final consonant after a closed syllable is silent (วัตร → "wat", ลักษณ์ → "lak"). */
const SILENT_FINAL_CLUSTER = /(?<=[\u0e30-\u0e39][\u0e01-\u0e2e])[\u0e01-\u0e2e](?=\s|$)/g;
const TONE_AND_MARKS = /[\u0e47-\u0e4e]/g;
const FINALS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ['รลญณฬ', 'n'],
    ['ดตทธสศษจชซฎฏฐฑฒถ', 't'],
    ['บปพฟภ', 'p'],
    ['ขคฆ', 'k'],
  ].flatMap(([letters, sound]) => [...letters!].map((c) => [c, sound!])),
);

/** Latin reading of a run of Thai (see the module comment). */
export function thaiToLatin(run: string): string {
  let s = run.replace(SILENCED, '').replace(SILENT_HO, '');
  s = s.replace(LEADING_VOWEL, (_, vowel: string, consonants: string) => consonants + vowel);
  s = s.replace(TONE_AND_MARKS, '').replace(SILENT_O, '').replace(SILENT_FINAL_CLUSTER, '');
  s = s.replace(/([\u0e01-\u0e2e])(?=\s|$)/g, (c: string, _x, offset: number) =>
    offset > 0 && /[\u0e01-\u0e2e\u0e30-\u0e44]/.test(s[offset - 1]!) ? (FINALS[c] ?? c) : c,
  );
  return anyAscii(s);
}
