import { isOneEdit } from './one-edit';
import { loadOrgTypes } from './reference-data';
import { normaliseTokens } from './tokens';

/** A legal form recognised in a name. */
export interface LegalFormMatch {
  /** Canonical symbol (lexicon `compare`, else `display`, upper-cased ASCII): OOO, AO, LTD, COLTD, GMBH… */
  symbol: string;
  /** Lexicon `generic` class (LLC, JSC, LP, SOE, NGO, …) or the symbol when the lexicon gives none. */
  generic: string;
  /** The normalised tokens that were recognised. */
  tokens: string[];
  /** True for English generic forms (LLC, Ltd, JSC, Co., Inc., PLC…) that translate a local form. */
  translation: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  form?: Omit<LegalFormMatch, 'tokens'>;
}

/**
 * English company words the lexicon does not list on their own (it has "Co Ltd", not "Co"), treated as
 * legal forms so "Seafood Co." = "Seafood Company" and "Supply Corp." = "Supply Corporation".
 */
const SUPPLEMENT: Array<{ symbol: string; generic: string; aliases: string[] }> = [
  { symbol: 'CO', generic: 'LLC', aliases: ['co', 'company', 'compagnie', 'compania', 'cia', 'companhia', 'kaisha'] },
  { symbol: 'CORP', generic: 'JSC', aliases: ['corp', 'corporation', 'incorporated'] },
  { symbol: 'PVT', generic: 'LLC', aliases: ['pvt', 'private', 'pvt ltd', 'private limited', 'pvt limited', 'private ltd'] },
  // Forms missing from the lexicon, seen in trade documents: Japanese K.K., Polish partnerships,
  // Peruvian S.A.C., Gulf "Est.", Armenian ՍՊԸ and Burmese "company limited" in their own scripts.
  { symbol: 'KK', generic: 'JSC', aliases: ['kk', 'kabushiki kaisha', 'kabushikigaisha'] },
  { symbol: 'YK', generic: 'LLC', aliases: ['yugen kaisha', 'yugengaisha'] },
  { symbol: 'GK', generic: 'LLC', aliases: ['godo kaisha', 'godogaisha'] },
  { symbol: 'SPK', generic: 'LP', aliases: ['sp k', 'spolka komandytowa'] },
  { symbol: 'SPJ', generic: 'LP', aliases: ['sp j', 'spolka jawna'] },
  { symbol: 'SKA', generic: 'LP', aliases: ['ska', 'spolka komandytowo akcyjna'] },
  { symbol: 'SAC', generic: 'JSC', aliases: ['sac', 'sociedad anonima cerrada'] },
  { symbol: 'COOP', generic: 'COOP', aliases: ['coop', 'societa cooperativa', 'cooperativa'] },
  { symbol: 'EST', generic: 'SP', aliases: ['est', 'establishment'] },
  { symbol: 'SPE', generic: 'LLC', aliases: ['\u054D\u054A\u0538'] },
  { symbol: 'COLTD', generic: 'LLC', aliases: ['\u1000\u102F\u1019\u1039\u1015\u100F\u102E\u101C\u102E\u1019\u102D\u1010\u1000\u103A'] },
];

/**
 * Forms the lexicon files under an English one that are local forms of their own: its Ltd entry lists Ltda, Lda and
 * Limitada, but a Limitada is a Brazilian, Portuguese or Spanish company, not the English rendering of any LLC (Tessaline
 * Trade Ltda. is not Tessaline Trade OOO). Read before the lexicon, whose first definition would otherwise win.
 */
const LOCAL_BEFORE_LEXICON: Array<{ symbol: string; generic: string; aliases: string[] }> = [
  { symbol: 'LTDA', generic: 'LLC', aliases: ['ltda', 'lda', 'limitada'] },
  // The lexicon lists 株式会社 alone, under no Latin form: it is the K.K. (kabushiki kaisha) of Latin forms.
  { symbol: 'KK', generic: 'JSC', aliases: ['株式会社'] },
];

/** Symbols of English forms that translate any local form of the same generic class. */
// Inc./Corp. are US forms, not translations: "Machine Works Inc." ≠ "Machine Works GmbH".
const TRANSLATION_SYMBOLS = new Set(['LLC', 'LTD', 'JSC', 'CO', 'COLTD', 'PLC', 'PVT', 'OJSC', 'CJSC', 'PJSC']);

/** Prefixes that are glued to names in transliterated Russian/Ukrainian records (JSCARGUMENT). */
const GLUEABLE = ['pjsc', 'ojsc', 'cjsc', 'jsc', 'ooo', 'llc', 'zao', 'oao', 'tov'];

/**
 * Recogniser for legal forms across languages and scripts, built from the rigour lexicon
 * (`data/reference/legal-forms-org_types.yml`): every alias, `display` and `compare` value is normalised
 * with `normaliseTokens` (so ООО, OOO and "Obshchestvo s ogranichennoy otvetstvennostyu" meet as the
 * same tokens, 有限公司 as pinyin "you xian gong si") and put into a token trie; matching is longest-first.
 */
export class LegalForms {
  private readonly root: TrieNode = { next: new Map() };
  private maxLen = 0;
  private rootByDeletion: Map<string, string[]> | undefined;
  private readonly rootMistypings = new Map<string, string[]>();

  constructor() {
    for (const s of LOCAL_BEFORE_LEXICON) for (const a of s.aliases) this.add(normaliseTokens(a), s.symbol, s.generic);
    for (const t of loadOrgTypes()) {
      const symbol = symbolOf(t.compare ?? t.display ?? t.aliases?.[0] ?? '');
      if (!symbol) continue;
      const generic = (t.generic ?? symbol).toUpperCase();
      for (const alias of [t.display, t.compare, ...(t.aliases ?? [])]) if (alias) this.add(normaliseTokens(alias), symbol, generic);
    }
    for (const s of SUPPLEMENT) for (const a of s.aliases) this.add(normaliseTokens(a), s.symbol, s.generic);
  }

  private add(tokens: string[], symbol: string, generic: string): void {
    // One-letter aliases (e.g. "e", "i") collide with connectors; they are not recognised alone.
    if (tokens.length === 0 || (tokens.length === 1 && tokens[0]!.length < 2)) return;
    let node = this.root;
    for (const t of tokens) {
      let n = node.next.get(t);
      if (!n) node.next.set(t, (n = { next: new Map() }));
      node = n;
    }
    // First definition wins: the lexicon lists the principal form before look-alikes.
    node.form ??= { symbol, generic, translation: TRANSLATION_SYMBOLS.has(symbol) };
    this.maxLen = Math.max(this.maxLen, tokens.length);
  }

  /**
   * The longest legal form starting at `tokens[start]`, or undefined. A form of several words is recognised with one
   * of its words mistyped (one letter replaced, added, dropped or two swapped, in a word of ≥ `MISTYPED_WORD_MIN`
   * letters) when another of its words is written right: "Jxint Stock Company", "Limted Liability Company". An
   * exact form wins over a mistyped one of the same length.
   */
  matchAt(tokens: readonly string[], start: number): LegalFormMatch | undefined {
    let best: { end: number; form: Omit<LegalFormMatch, 'tokens'>; mistyped: boolean } | undefined;
    const visit = (node: TrieNode, i: number, mistyped: boolean): void => {
      if (node.form && i > start && (!mistyped || i - start >= 2)) {
        if (!best || i > best.end || (i === best.end && best.mistyped && !mistyped)) best = { end: i, form: node.form, mistyped };
      }
      if (i >= tokens.length || i - start >= this.maxLen) return;
      const token = tokens[i]!;
      const exact = node.next.get(token);
      if (exact) visit(exact, i + 1, mistyped);
      if (mistyped || token.length < MISTYPED_WORD_MIN) return;
      for (const word of this.mistypingsOf(node, token)) visit(node.next.get(word)!, i + 1, true);
    };
    visit(this.root, start, false);
    return best && { ...best.form, tokens: tokens.slice(start, best.end) };
  }

  /**
   * Words after `node` one edit from `token`. At the root (thousands of first words, met by every word of every
   * name) they are found by deletions and remembered per token; elsewhere a node has a few words to try.
   */
  private mistypingsOf(node: TrieNode, token: string): string[] {
    if (node !== this.root) return [...node.next.keys()].filter((word) => word !== token && isOneEdit(token, word));
    let words = this.rootMistypings.get(token);
    if (words) return words;
    this.rootByDeletion ??= this.indexRootDeletions();
    const found = new Set<string>();
    for (const key of deletionsOf(token, true))
      for (const word of this.rootByDeletion.get(key) ?? []) if (word !== token && isOneEdit(token, word)) found.add(word);
    words = [...found];
    if (this.rootMistypings.size >= ROOT_MISTYPINGS_CACHE) this.rootMistypings.clear();
    this.rootMistypings.set(token, words);
    return words;
  }

  /** First words of multi-word forms, by themselves and each of their one-letter deletions (SymSpell). */
  private indexRootDeletions(): Map<string, string[]> {
    const byDeletion = new Map<string, string[]>();
    for (const [word, node] of this.root.next) {
      if (word.length < MISTYPED_WORD_MIN || node.next.size === 0) continue;
      for (const key of deletionsOf(word, true)) {
        const list = byDeletion.get(key);
        if (list) list.push(word);
        else byDeletion.set(key, [word]);
      }
    }
    return byDeletion;
  }

  /**
   * Splits a legal form glued to a name (JSCARGUMENT → JSC ARGUMENT, ARGUMENTLLC → ARGUMENT LLC);
   * only for the Russian/Ukrainian abbreviations in `GLUEABLE` and a remainder of ≥ 4 letters.
   */
  splitGlued(token: string): string[] {
    for (const g of GLUEABLE) {
      if (token.length >= g.length + 4 && token.startsWith(g) && /^[a-z]+$/.test(token)) return [g, token.slice(g.length)];
      if (token.length >= g.length + 4 && token.endsWith(g) && /^[a-z]+$/.test(token)) return [token.slice(0, -g.length), g];
    }
    return [token];
  }
}

/** Shortest word a legal form may be recognised with mistyped: in shorter ones one letter makes another word. */
export const MISTYPED_WORD_MIN = 5;

/** Tokens whose root mistypings `LegalForms` remembers (a list's distinct words are fewer). */
const ROOT_MISTYPINGS_CACHE = 100_000;

/** `word` (when `withSelf`) and every string one letter shorter than it. */
function deletionsOf(word: string, withSelf: boolean): string[] {
  const out = withSelf ? [word] : [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function symbolOf(s: string): string {
  return normaliseTokens(s).join('').toUpperCase();
}

let shared: LegalForms | undefined;

/** Process-wide `LegalForms` instance (building it reads and normalises ~4,000 aliases once). */
export function legalForms(): LegalForms {
  return (shared ??= new LegalForms());
}
