import { readFileSync } from 'node:fs';
import { dataPath } from '../data-path';
import { legalForms } from './legal-forms';
import { normaliseTokens } from './tokens';

/** One row of `data/reference/business-words.csv`: a business word of one language and its English word. */
export interface BusinessWordRow {
  /** ISO 639-1 code (zh, ja, ko, my, he, ar, fa, ru, uk, be, hy, ka, tr, th). */
  language: string;
  /** ISO 15924 script of `native` (Hans, Hant, Jpan, Hang, Mymr, Hebr, Arab, Cyrl, Armn, Geor, Latn, Thai). */
  script: string;
  native: string;
  /** A common Latin reading (pinyin joined, Hepburn, RR or McCune-Reischauer, BGN-style…). */
  latinReading: string;
  english: string;
}

/**
 * Normalised keys (tokens joined by a space) that are never translated although a row yields them: readings that
 * are also a common name part, another language's word or a brand. Decided per row against the bundled lists.
 */
export const BUSINESS_WORD_FALSE_FRIENDS: ReadonlySet<string> = new Set([
  // Names and other languages' words: Kat (RN-KAT, KNT-KAT in the OFAC list), Çelik, Susan / Su San, Gini, Tarim,
  // Seiko, Shoji, Toshi, Seni (Indonesian "art"), Gazi, Lek, Wai, Naman, Mazon, Madani, Baradaran, Achim (Korean
  // "morning"), Sinaa (Sinai), Un Song (DPRK given name), NFT, LBN, SMK; Persian Tamin ("supply", not insurance);
  // 中共 read "zhong gong"; יין (wine) read "yan", the Chinese syllable. Both the reading and the native script's normalised form are listed where a row has both,
  // so that the native name and its Latin form stay alike.
  'kat',
  'gaz',
  'gazi',
  'gini',
  'lek',
  'wai',
  'ahan',
  'loha',
  'pram',
  'naman',
  'nft',
  'lbn',
  'smk',
  'celik',
  'tarim',
  'susan',
  'su san',
  'seiko',
  'shoji',
  'toshi',
  'seni',
  'zhonggong',
  'zhong gong',
  'alban',
  'madani',
  'maadny',
  'mazon',
  'mzon',
  'baradaran',
  'brdrn',
  'achim',
  'sinaa',
  'snaa',
  'un song',
  'unsong',
  'tamin',
  'tmyn',
  'yan',
]);

/** Shortest single-token key: Latin-script readings (4 letters) and tokens read from another script (3). */
const MIN_LATIN_KEY = 4;
const MIN_NATIVE_KEY = 3;

interface TrieNode {
  next: Map<string, TrieNode>;
  english?: string[];
}

let rows: BusinessWordRow[] | undefined;

/**
 * Rows of `data/reference/business-words.csv` (compiled by the team, see `data/PROVENANCE.md`), read once.
 * @throws Error when the file is missing or its header is not `language,script,native,latin_reading,english`.
 */
export function loadBusinessWords(): BusinessWordRow[] {
  if (!rows) {
    const lines = readFileSync(dataPath('reference', 'business-words.csv'), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim());
    if (lines[0]?.trim() !== 'language,script,native,latin_reading,english') throw new Error('business-words.csv: unexpected header');
    rows = lines.slice(1).map((line, i) => {
      const f = line.split(',').map((x) => x.trim());
      if (f.length !== 5 || !f[2] || !f[4]) throw new Error(`business-words.csv line ${i + 2}: expected 5 fields`);
      return { language: f[0]!, script: f[1]!, native: f[2]!, latinReading: f[3]!, english: f[4]! };
    });
  }
  return rows;
}

/**
 * Token trie of business words: each row's `native` and `latin_reading`, normalised with `normaliseTokens`
 * (so 航运 and "hangyun" become "hang yun" and "hangyun", 물류 "mul ryu", הובלות "hovlot"), maps to the
 * normalised tokens of its English word. The first row giving a key wins. Keys that are false friends
 * (`BUSINESS_WORD_FALSE_FRIENDS`), too short, or already the English word are left out.
 */
export class BusinessWords {
  private readonly root: TrieNode = { next: new Map() };
  private maxLen = 0;

  constructor(table: readonly BusinessWordRow[] = loadBusinessWords()) {
    for (const r of table) {
      const english = normaliseTokens(r.english);
      if (english.length === 0) continue;
      this.add(normaliseTokens(r.native), english, r.script === 'Latn');
      this.add(normaliseTokens(r.latinReading), english, true);
    }
  }

  private add(key: string[], english: string[], latin: boolean): void {
    if (key.length === 0 || BUSINESS_WORD_FALSE_FRIENDS.has(key.join(' ')) || key.join(' ') === english.join(' ')) return;
    if (key.length === 1 && key[0]!.length < (latin ? MIN_LATIN_KEY : MIN_NATIVE_KEY)) return;
    let node = this.root;
    for (const t of key) {
      let n = node.next.get(t);
      if (!n) node.next.set(t, (n = { next: new Map() }));
      node = n;
    }
    node.english ??= english;
    this.maxLen = Math.max(this.maxLen, key.length);
  }

  /** The longest business word starting at `tokens[start]`: its length in tokens and English tokens. */
  matchAt(tokens: readonly string[], start: number): { length: number; english: string[] } | undefined {
    let node: TrieNode | undefined = this.root;
    let best: { length: number; english: string[] } | undefined;
    for (let i = start; i < tokens.length && i - start < this.maxLen; i++) {
      node = node.next.get(tokens[i]!);
      if (!node) break;
      if (node.english) best = { length: i - start + 1, english: node.english };
    }
    return best;
  }

  /**
   * Replaces every business word (longest token sequence first, left to right) with its English word's
   * tokens. Legal forms are kept as they are: a business word that would overlap a legal form of several tokens
   * (华石有限公司: 石 "shi" before 有限公司 "you xian gong si" is no 石油 "shi you") is not translated.
   */
  translate(tokens: readonly string[]): string[] {
    const legal = legalSpans(tokens);
    const out: string[] = [];
    for (let i = 0; i < tokens.length;) {
      const m = legal[i] ? undefined : this.matchAt(tokens, i);
      if (m && !legal.slice(i, i + m.length).some(Boolean)) {
        out.push(...m.english);
        i += m.length;
      } else out.push(tokens[i++]!);
    }
    return out;
  }
}

/**
 * Marks the tokens of legal forms of two or more tokens (有限公司 "you xian gong si", 주식회사 "ju sik hoe sa"), scanned
 * left to right as `prepareName` does. One-token forms are not protected: inside a syllable reading they are
 * syllables (制造 "zhi zao" is no ZAO, 상사 "sang sa" no S.A.), and a business word is never one of them.
 */
function legalSpans(tokens: readonly string[]): boolean[] {
  const lf = legalForms();
  const covered = tokens.map(() => false);
  for (let i = 0; i < tokens.length;) {
    const m = lf.matchAt(tokens, i);
    if (m && m.tokens.length > 1) {
      for (let k = 0; k < m.tokens.length; k++) covered[i + k] = true;
      i += m.tokens.length;
    } else i++;
  }
  return covered;
}

let shared: BusinessWords | undefined;

/** Process-wide `BusinessWords` table (built once from the CSV). */
export function businessWords(): BusinessWords {
  return (shared ??= new BusinessWords());
}

/**
 * Business words of other languages in a normalised token sequence replaced with their English word
 * (["cang","lan","yuan","yang","hang","yun"] → ["cang","lan","ocean","shipping"]); for organisation and
 * vessel names only (`prepareName` does not call it for persons).
 */
export function translateBusinessWords(tokens: string[]): string[] {
  return businessWords().translate(tokens);
}
