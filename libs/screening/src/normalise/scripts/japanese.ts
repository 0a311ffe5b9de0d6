import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataPath } from '../../data-path';
import { loadBusinessWords } from '../business-words';
import { kanaToLatin } from './kana';

/**
 * Japanese reading of names written in kanji (issue 12: 株式会社霜月水産 is Shimotsuki Suisan, not "shuang yue shui
 * chan"). The first reading of every Han run is Chinese pinyin (`hanToLatin`); a name marked Japanese
 * ({@link isJapaneseName}) gets this one as a second reading (`PreparedName.variants`, see ../readings).
 *
 * Each run of kanji is split into the dictionary forms of lowest total cost (`data/reference/japanese-readings.tsv.gz`,
 * built by ./build-japanese-readings.ts from IPADIC's nouns and names with their word costs, ENAMDICT's surnames and
 * given names and KANJIDIC's readings of single kanji; see data/PROVENANCE.md), each form read as one word in Hepburn
 * as lists write it (`kanaToLatin`: no long-vowel marks): 霜月水産 → "shimotsuki suisan", 安倍晋三 → "abe shinzo".
 * Legal forms written in kanji (株式会社…) are left in kanji, for the legal-form lexicon to read.
 */

/** Japanese legal forms written in kanji (the rigour lexicon's Japanese entries): a name holding one is Japanese. */
export const JAPANESE_LEGAL_FORMS = ['株式会社', '有限会社', '合同会社', '合資会社', '合名会社', '相互会社'] as const;

/**
 * Kanji written only in Japanese: shinjitai forms whose Chinese form differs both in simplified and in traditional
 * writing (産 vs 产/產, 沢 vs 泽/澤, 浜 vs 滨/濱…) and kokuji, characters made in Japan (畑, 峠, 込…). A name holding
 * one is Japanese, not Chinese.
 */
export const JAPANESE_ONLY_KANJI = new Set([
  ...'産沢辺浜県栄広関鉄駅売読続転伝団渋斎桜恵亜営円検権険験経総縄徳発駆楽薬対労塩歳蔵郷戦鋭歯獣',
  ...'畑峠込辻榊匂働枠凪栃躾笹雫樫椛麿鰯鱈',
]);

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const KANA_MARKS_ONLY = /^[\u30fb\u30fc\uff65]$/;
/** A vessel name ending in 丸 (maru), the Japanese ship-name suffix. */
const MARU_VESSEL = /丸\s*(?:第?[\d一二三四五六七八九十百]+号?)?\s*$/u;
/** A run of kanji; ノ ヶ ケ between two kanji belong to it (星ノ浦, 霞ヶ関). */
const KANJI_RUN = /[\p{Script=Han}々〆](?:[\p{Script=Han}々〆]|[ノヶケ](?=[\p{Script=Han}]))*/gu;

/**
 * A personal name in kanji written family name, space, given name, the family name of 2 or 3 kanji (吉岡 結菜): as
 * Japanese writes names. Chinese writes a personal name without a space, and most Chinese family names are of one
 * character.
 */
const SPACED_PERSON = /^[\p{Script=Han}々]{2,3} [\p{Script=Han}々]{1,3}$/u;

/**
 * Whether `name` is written in Japanese: it holds kanji and one of: kana (other than the middle dot and the long-vowel
 * mark), a Japanese legal form in kanji ({@link JAPANESE_LEGAL_FORMS}), a kanji written only in Japanese
 * ({@link JAPANESE_ONLY_KANJI}), (vessels) the ship-name suffix 丸, or (persons and unknown parties) the spaced
 * form of a Japanese personal name ({@link SPACED_PERSON}). Chinese names hold none of them.
 */
export function isJapaneseName(name: string, schema?: string): boolean {
  if (!/\p{Script=Han}/u.test(name)) return false;
  if (schema !== 'Organization' && schema !== 'Vessel' && schema !== 'Aircraft' && SPACED_PERSON.test(name.normalize('NFKC').trim()))
    return true;
  for (const ch of name) if (KANA.test(ch) && !KANA_MARKS_ONLY.test(ch)) return true;
  if (JAPANESE_LEGAL_FORMS.some((f) => name.includes(f))) return true;
  for (const ch of name) if (JAPANESE_ONLY_KANJI.has(ch)) return true;
  return schema === 'Vessel' && MARU_VESSEL.test(name);
}

/** The dictionary: sorted `form<TAB>reading<TAB>cost` lines, searched by binary search over the line starts. */
interface Dictionary {
  text: string;
  starts: Uint32Array;
}

let dictionary: Dictionary | undefined;

/**
 * Loads the reading dictionary (`data/reference/japanese-readings.tsv.gz`) once; later calls return at once. Called
 * by the first Japanese name; apps that screen call it at start-up (`preloadJapaneseReadings`) so no request waits.
 * @throws Error when the file is missing.
 */
export function loadJapaneseReadings(): Dictionary {
  if (dictionary) return dictionary;
  const text = gunzipSync(readFileSync(dataPath('reference', 'japanese-readings.tsv.gz'))).toString('utf8');
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  const starts = new Uint32Array(n);
  let line = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      starts[line++] = start;
      start = i + 1;
    }
  dictionary = { text, starts };
  return dictionary;
}

/** Cost of a Japanese business word of `data/reference/business-words.csv`: read as one word before any split. */
const BUSINESS_WORD_COST = 1000;
let businessReadings: Map<string, string> | undefined;

/** Japanese business words in kanji (重工業 "jukogyo", 水産 "suisan") → their Latin reading, from business-words.csv. */
function japaneseBusinessWords(): Map<string, string> {
  return (businessReadings ??= new Map(
    loadBusinessWords()
      .filter((r) => r.language === 'ja' && /^\p{Script=Han}+$/u.test(r.native))
      .map((r) => [r.native, r.latinReading.toLowerCase()]),
  ));
}

/**
 * Loads the dictionary now (see {@link loadJapaneseReadings}): the apps that screen call it while they build their
 * index (`loadScreeningIndex`), before they screen, so no request waits for it. About 2 MB compressed.
 */
export function preloadJapaneseReadings(): void {
  loadJapaneseReadings();
}

/** Whether the dictionary is loaded (by {@link preloadJapaneseReadings} or a first Japanese name). */
export function japaneseReadingsLoaded(): boolean {
  return dictionary !== undefined;
}

/**
 * Reading and cost of `form`: a Japanese business word (reading in Latin letters) or a form of the dictionary
 * (reading in hiragana), or undefined.
 */
export function lookUpJapanese(form: string): { reading: string; cost: number } | undefined {
  const business = japaneseBusinessWords().get(form);
  if (business) return { reading: business, cost: BUSINESS_WORD_COST };
  const { text, starts } = loadJapaneseReadings();
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = starts[mid]!;
    const tab = text.indexOf('\t', s);
    const key = text.slice(s, tab);
    if (key === form) {
      const tab2 = text.indexOf('\t', tab + 1);
      const end = text.indexOf('\n', tab2);
      return { reading: text.slice(tab + 1, tab2), cost: Number(text.slice(tab2 + 1, end)) };
    }
    if (key < form) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** A number written in kanji after 第 or before 号 (第十八星風丸 "No. 18"), as vessel names number ships. */
const SHIP_NUMBER = /第([一二三四五六七八九十百千〇]+)号?|([一二三四五六七八九十百千〇]+)号/gu;
const DIGITS: Record<string, number> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a number written in kanji (十八 → "18", 百二 → "102", 二〇 → "20"), as digits. */
export function kanjiNumber(text: string): string {
  if (!/[十百千]/.test(text)) return [...text].map((c) => DIGITS[c] ?? '').join('');
  let total = 0;
  let digit = 0;
  for (const c of text) {
    if (c in UNITS) {
      total += (digit || 1) * UNITS[c]!;
      digit = 0;
    } else digit = DIGITS[c] ?? 0;
  }
  return String(total + digit);
}

/** Longest dictionary form tried at each position, in characters. */
const MAX_FORM = 8;
/** ノ ヶ ケ inside a run of kanji: their reading, marked (U+E000, private use) to be joined to the words either side. */
const LINKS: Record<string, string> = { ノ: '\uE000no\uE000', ヶ: '\uE000ga\uE000', ケ: '\uE000ga\uE000' };
/** Cost of a character no dictionary has (read by pinyin instead: it stays as it is). */
const UNKNOWN_COST = 20_000;

/**
 * Japanese reading of a run of kanji: its split into dictionary forms of lowest total cost, each form read as one
 * word (Hepburn, no long-vowel marks), words separated by spaces. A kanji the dictionary lacks is left as it is.
 */
export function readKanjiRun(run: string): string {
  const chars = [...run];
  const n = chars.length;
  const best: Array<{ cost: number; from: number; word: string }> = [{ cost: 0, from: -1, word: '' }];
  for (let i = 1; i <= n; i++) best[i] = { cost: Infinity, from: -1, word: '' };
  for (let i = 0; i < n; i++) {
    const here = best[i]!;
    if (here.cost === Infinity) continue;
    for (let j = i + 1; j <= Math.min(n, i + MAX_FORM); j++) {
      const form = chars.slice(i, j).join('');
      const hit = lookUpJapanese(form);
      const cost = hit ? hit.cost : j === i + 1 ? UNKNOWN_COST : Infinity;
      const word = hit ? hit.reading : form;
      if (here.cost + cost < best[j]!.cost) best[j] = { cost: here.cost + cost, from: i, word };
    }
  }
  const words: string[] = [];
  for (let j = n; j > 0; j = best[j]!.from) words.unshift(best[j]!.word);
  // ノ and ヶ between kanji are read with the words they join, as one word (星ノ浦 "hoshinoura", 霞ヶ関 "kasumigaseki").
  // An iteration mark no form holds repeats the word before it (or is dropped at the start).
  // A run of marks repeats the word read before it (`々々` after `々` is still that word, not a mark).
  const repeated: string[] = [];
  for (const w of words) repeated.push(/^々+$/.test(w) ? (repeated[repeated.length - 1] ?? '') : w);
  return repeated
    .map((w) => (/^[\u3041-\u3096ー]+$/.test(w) ? kanaToLatin(w) : (LINKS[w] ?? w)))
    .join(' ')
    .replace(/ ?\uE000 ?/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Variant forms of kanji (itaiji) common in Japanese names that neither NFKC nor the dictionary maps to the standard
 * form: 𠮷 (吉, as in 𠮷野家 Yoshinoya), 髙 (高, 髙島屋 Takashimaya), 﨑 (崎, 山﨑 Yamazaki).
 */
const STANDARD_FORM: Record<string, string> = { '𠮷': '吉', 髙: '高', 﨑: '崎' };
const VARIANT_KANJI = /𠮷|髙|﨑/gu;

/**
 * `name` with its kanji read in Japanese ({@link readKanjiRun}), legal forms in kanji and kana left as they are (the
 * legal-form lexicon and `kanaToLatin` read them), when `name` is Japanese ({@link isJapaneseName}); else undefined.
 * Undefined too when no kanji outside a legal form is left to read.
 */
export function japaneseReading(name: string, schema?: string): string | undefined {
  if (!isJapaneseName(name, schema)) return undefined;
  let read = false;
  const numbered = name
    .normalize('NFKC')
    .replace(VARIANT_KANJI, (c) => STANDARD_FORM[c] ?? c)
    .replace(SHIP_NUMBER, (_m, a?: string, b?: string) => {
      read = true;
      return ` ${kanjiNumber(a ?? b ?? '')} `;
    });
  const out = numbered.replace(KANJI_RUN, (run) => {
    const parts = run.split(new RegExp(`(${JAPANESE_LEGAL_FORMS.join('|')})`));
    return parts
      .map((p, i) => {
        if (i % 2 === 1) return ` ${p} `;
        if (!p) return '';
        read = true;
        return ` ${readKanjiRun(p)} `;
      })
      .join('');
  });
  return read ? out.replace(/\s+/g, ' ').trim() : undefined;
}
