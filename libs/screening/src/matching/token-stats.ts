import { GENERIC_ORG_WORDS } from '../normalise/name-words';
import { loadNameStopwords } from '../normalise/reference-data';
import { normaliseTokens } from '../normalise/tokens';

/** How much a token identifies a party. */
export interface TokenStats {
  /** Weight in [0.15, 1]: inverse document frequency over list names (rare → 1). */
  weight(token: string): number;
  /** Generic tokens (TRADING, GROUP, MOHAMMAD, frequent list tokens) never carry a match alone. */
  isGeneric(token: string): boolean;
}

/** Cap on the weight of a generic token. */
export const GENERIC_WEIGHT = 0.35;

let baseGeneric: Set<string> | undefined;

/**
 * Generic tokens known without a corpus: `GENERIC_ORG_WORDS` plus every token of rigour's
 * GENERIC_PERSON_NAMES (abu, abdul, muhammad, hassan…), from `data/reference/name-stopwords.yml`.
 */
export function baseGenericTokens(): Set<string> {
  if (!baseGeneric) {
    baseGeneric = new Set(GENERIC_ORG_WORDS);
    for (const n of loadNameStopwords().GENERIC_PERSON_NAMES) for (const t of normaliseTokens(n)) baseGeneric.add(t);
  }
  return baseGeneric;
}

/**
 * Token statistics from a corpus of names (document frequency = number of names containing the token).
 * weight = log((N+1)/(df+1)) / log((N+1)/3), clamped to [0.15, 1], so a token in ≤ 2 names weighs 1;
 * generic = in `baseGenericTokens()` or df ≥ `genericDf` (default: 0.25 % of names, at least 25).
 */
export class CorpusTokenStats implements TokenStats {
  private readonly denom: number;
  private readonly generic: Set<string>;
  /** The weight of every corpus token, made once (the document frequencies are not kept). */
  private readonly weights = new Map<string, number>();

  constructor(
    df: ReadonlyMap<string, number>,
    private readonly documents: number,
    genericDf?: number,
  ) {
    this.denom = Math.log((documents + 1) / 3);
    const threshold = genericDf ?? Math.max(25, Math.round(documents * 0.0025));
    this.generic = new Set(baseGenericTokens());
    for (const [t, n] of df) if (n >= threshold && !/^\d+$/.test(t)) this.generic.add(t);
    for (const [t, n] of df) this.weights.set(t, this.weightOf(t, n));
  }

  weight(token: string): number {
    return this.weights.get(token) ?? this.weightOf(token, 0);
  }

  private weightOf(token: string, df: number): number {
    const w = this.documents > 2 ? Math.min(1, Math.max(0.15, Math.log((this.documents + 1) / (df + 1)) / this.denom)) : 1;
    return this.generic.has(token) ? Math.min(w, GENERIC_WEIGHT) : w;
  }

  isGeneric(token: string): boolean {
    return this.generic.has(token);
  }

  /** Number of distinct generic tokens (for reports). */
  get genericCount(): number {
    return this.generic.size;
  }
}

/** Stats without a corpus: every token weighs 1 except generic ones (`GENERIC_WEIGHT`). */
export class DefaultTokenStats implements TokenStats {
  weight(token: string): number {
    return baseGenericTokens().has(token) ? GENERIC_WEIGHT : 1;
  }
  isGeneric(token: string): boolean {
    return baseGenericTokens().has(token);
  }
}
