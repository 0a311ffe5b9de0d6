import { HashedIdLists, hashString } from './hashed-id-lists';
import { phoneticKey } from './phonetic';
import { typoSimilarity } from './token-similarity';

/** A vocabulary token similar to a looked-up token. */
export interface VocabHit {
  id: number;
  similarity: number;
}

const DIGITS = /^\d+$/;

/**
 * Token vocabulary of an index with three lookups that find spelling variants without scanning:
 * exact, same `phoneticKey`, and single-deletion neighbourhood (SymSpell, Garbe 2012: two tokens within
 * one edit share a key obtained by deleting at most one character from each).
 * The phonetic and deletion lists are hashed id lists (`HashedIdLists`, built at the first lookup after tokens were
 * added): a `Map` of every deletion string held ~200k strings and arrays for the bundled lists.
 */
export class Vocabulary {
  readonly tokens: string[] = [];
  /** `phoneticKey` of each token, by id. */
  readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();
  private lists?: { byKey: HashedIdLists; byDeletion: HashedIdLists };

  /** Id of a token, adding it when new. */
  intern(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.tokens.push(token);
      this.keys.push(phoneticKey(token));
      this.ids.set(token, id);
      this.lists = undefined;
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
    this.prepare();
    const { byKey, byDeletion } = this.lists!;
    const tokens = this.tokens;
    const found = new Set<number>();
    const add = (id: number) => found.add(id);
    const exact = this.ids.get(token);
    if (exact !== undefined) found.add(exact);
    byKey.forEach(hashString(key), (id) => this.keys[id] === key, add);
    if (deletable(token)) {
      byDeletion.forEach(hashString(token), (id) => isDeletionOf(token, tokens[id]!), add);
      for (const d of deletions(token)) {
        const e = this.ids.get(d);
        if (e !== undefined) found.add(e);
        byDeletion.forEach(hashString(d), (id) => isDeletionOf(d, tokens[id]!), add);
      }
    }
    const hits: VocabHit[] = [];
    for (const id of found) {
      const s = id === exact ? 1 : typoSimilarity(token, tokens[id]!, key, this.keys[id]);
      if (s >= minSimilarity) hits.push({ id, similarity: s });
    }
    return hits.sort((a, b) => b.similarity - a.similarity);
  }

  get size(): number {
    return this.tokens.length;
  }

  /** Builds the lookup lists now (else the first `lookup` after `intern` does): an index calls it when built. */
  prepare(): void {
    this.lists ??= this.buildLists();
  }

  private buildLists(): { byKey: HashedIdLists; byDeletion: HashedIdLists } {
    const tokens = this.tokens;
    return {
      byKey: new HashedIdLists(tokens.length, (id, emit) => emit(hashString(this.keys[id]!))),
      byDeletion: new HashedIdLists(tokens.length, (id, emit) => {
        const t = tokens[id]!;
        if (!deletable(t)) return;
        for (let i = 0; i < t.length; i++) if (i === 0 || t[i] !== t[i - 1]) emit(hashString(t, i));
      }),
    };
  }
}

/** Tokens of ≥ 4 letters that are not numbers have a deletion neighbourhood. */
function deletable(token: string): boolean {
  return token.length >= 4 && !DIGITS.test(token);
}

/** The distinct one-letter deletions of `token`. */
function deletions(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) if (i === 0 || token[i] !== token[i - 1]) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

/** True when deleting one letter of `t` gives `d`. No allocation. */
function isDeletionOf(d: string, t: string): boolean {
  if (t.length !== d.length + 1) return false;
  let i = 0;
  while (i < d.length && d.charCodeAt(i) === t.charCodeAt(i)) i++;
  for (; i < d.length; i++) if (d.charCodeAt(i) !== t.charCodeAt(i + 1)) return false;
  return true;
}
