import { phoneticKey } from './phonetic';
import { typoSimilarity } from './token-similarity';

/** A vocabulary token similar to a looked-up token. */
export interface VocabHit {
  id: number;
  similarity: number;
}

/**
 * Token vocabulary of an index with three lookups that find spelling variants without scanning:
 * exact, same `phoneticKey`, and single-deletion neighbourhood (SymSpell, Garbe 2012: two tokens within
 * one edit share a key obtained by deleting at most one character from each).
 */
export class Vocabulary {
  readonly tokens: string[] = [];
  /** `phoneticKey` of each token, by id. */
  readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly byKey = new Map<string, number[]>();
  private readonly byDeletion = new Map<string, number[]>();

  /** Id of a token, adding it when new. */
  intern(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      const key = phoneticKey(token);
      this.tokens.push(token);
      this.keys.push(key);
      this.ids.set(token, id);
      push(this.byKey, key, id);
      if (token.length >= 4 && !/^\d+$/.test(token)) for (const d of deletions(token)) push(this.byDeletion, d, id);
    }
    return id;
  }

  id(token: string): number | undefined {
    return this.ids.get(token);
  }

  /**
   * Vocabulary tokens whose `typoSimilarity` to `token` is at least `minSimilarity`, best first (the
   * names compared decide later whether a one-letter typo is forgiven).
   * Numbers and tokens of ≤ 3 letters only match exactly or phonetically. `key`: the token's `phoneticKey`, when known.
   */
  lookup(token: string, minSimilarity: number, key = phoneticKey(token)): VocabHit[] {
    const found = new Set<number>();
    const exact = this.ids.get(token);
    if (exact !== undefined) found.add(exact);
    for (const id of this.byKey.get(key) ?? []) found.add(id);
    if (token.length >= 4 && !/^\d+$/.test(token)) {
      for (const id of this.byDeletion.get(token) ?? []) found.add(id);
      for (const d of deletions(token)) {
        const e = this.ids.get(d);
        if (e !== undefined) found.add(e);
        for (const id of this.byDeletion.get(d) ?? []) found.add(id);
      }
    }
    const hits: VocabHit[] = [];
    for (const id of found) {
      const s = id === exact ? 1 : typoSimilarity(token, this.tokens[id]!, key, this.keys[id]);
      if (s >= minSimilarity) hits.push({ id, similarity: s });
    }
    return hits.sort((a, b) => b.similarity - a.similarity);
  }

  get size(): number {
    return this.tokens.length;
  }
}

function deletions(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) if (i === 0 || token[i] !== token[i - 1]) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
