import { HashedIdLists, hashString } from './hashed-id-lists';
import { phoneticKey } from './phonetic';
import {
  deletionDepth,
  deletionStrings,
  isTwoLetterSubstitution,
  PREFIX_GAP,
  PREFIX_MAX,
  PREFIX_MIN,
  SKELETON_MIN_LENGTH,
  skeletonOf,
} from './token-relation';
import { querySimilarity } from './token-similarity';

/** A vocabulary token similar to a looked-up token. */
export interface VocabHit {
  id: number;
  similarity: number;
}

/** Vocabulary tokens similar to a looked-up token, best first: `ids[k]` with `similarities[k]` (`Vocabulary.hits`). */
export interface VocabHits {
  ids: Int32Array;
  similarities: Float64Array;
}

const ALWAYS = (): boolean => true;

interface VocabularyLists {
  byKey: HashedIdLists;
  bySkeleton: HashedIdLists;
  byDeletion: HashedIdLists;
  /** 2-letter words by each letter in its place (`twoLetterSlots`). */
  byTwoLetterSlot: HashedIdLists;
  sorted: Int32Array;
  /** Letters of the longest token. */
  longest: number;
  /** `lengths[n]` is 1 when some token has n letters (n ≤ `longest`). */
  lengths: Uint8Array;
}

/**
 * Every vocabulary token's own `lookup` at similarity 0, made once when the index is built: reports name listed words
 * again and again, and looking one up (its deletions, phonetic and skeleton lists, a similarity per related token)
 * was a third of a first-seen name's screening. Hits of token `t` are `ids/similarities[starts[t] .. starts[t + 1])`,
 * best first. Size: 12 bytes per hit (290,000 hits, 3.5 MB, for the bundled lists' 29,700 tokens).
 */
interface OwnHits {
  starts: Int32Array;
  ids: Int32Array;
  similarities: Float64Array;
}

/** A 2-letter word's letters each kept in place, the other one blanked: Ri → "r·", "·i". */
function twoLetterSlots(token: string): [string, string] {
  return [`${token[0]}\u0000`, `\u0000${token[1]}`];
}

/**
 * Token vocabulary of an index whose `lookup` finds every token related to a query token (`areRelated` in
 * token-relation.ts) without scanning: exact; same `phoneticKey` or consonant skeleton; letter deletions
 * (SymSpell, Garbe 2012: two strings within k edits share a string reached by deleting ≤ k letters from each);
 * initials and abbreviations that begin a word (a sorted copy of the vocabulary, searched by prefix).
 * The key, skeleton and deletion lists are hashed id lists (`HashedIdLists`, built at the first lookup after
 * tokens were added): the strings themselves are not kept.
 */
export class Vocabulary {
  readonly tokens: string[] = [];
  /** `phoneticKey` of each token, by id. */
  readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();
  private lists?: VocabularyLists;
  private ownHits?: OwnHits;

  /** Id of a token, adding it when new. */
  intern(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.tokens.push(token);
      this.keys.push(phoneticKey(token));
      this.ids.set(token, id);
      this.lists = undefined;
      this.ownHits = undefined;
    }
    return id;
  }

  id(token: string): number | undefined {
    return this.ids.get(token);
  }

  /**
   * Every vocabulary token related to `token` (token-relation.ts) whose similarity to it (`querySimilarity`, the most
   * forgiving: a personal name, and unknown when the vocabulary does not hold `token`) is at least
   * `minSimilarity` (> 0 even when 0 is asked: unrelated tokens are never similar), best first.
   * `key`: the token's `phoneticKey`, when known.
   */
  lookup(token: string, minSimilarity: number, key?: string): VocabHit[] {
    const { ids, similarities } = this.hits(token, key);
    const out: VocabHit[] = [];
    for (let k = 0; k < ids.length && similarities[k]! >= minSimilarity; k++) out.push({ id: ids[k]!, similarity: similarities[k]! });
    return out;
  }

  /**
   * `lookup(token, 0, key)` as typed arrays: for a vocabulary token, views into its own hits (nothing copied: do not
   * change them); for another, computed.
   */
  hits(token: string, key?: string): VocabHits {
    const own = this.ids.get(token);
    if (own !== undefined && this.ownHits && (key === undefined || key === this.keys[own])) {
      const { starts, ids, similarities } = this.ownHits;
      return { ids: ids.subarray(starts[own]!, starts[own + 1]!), similarities: similarities.subarray(starts[own]!, starts[own + 1]!) };
    }
    const found = this.computeLookup(token, key ?? phoneticKey(token));
    return { ids: Int32Array.from(found, (h) => h.id), similarities: Float64Array.from(found, (h) => h.similarity) };
  }

  /** Every related token with its similarity (> 0), best first, computed (what `ownHits` holds for vocabulary tokens). */
  private computeLookup(token: string, key: string): VocabHit[] {
    // The most forgiving similarity a comparison may use (a person's name, a word the lists do not hold).
    const unknown = !this.ids.has(token);
    const found = this.related(token, key, unknown);
    const hits: VocabHit[] = [];
    for (const id of found) {
      const s = querySimilarity(token, this.tokens[id]!, key, this.keys[id]!, true, unknown);
      if (s > 0) hits.push({ id, similarity: s });
    }
    return hits.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
  }

  /**
   * Ids of every vocabulary token that may be related to `token` (a superset: callers compute the similarity). The
   * 2-letter words one letter apart are enumerated only for an `unknown` token: only such a token is similar to them.
   */
  related(token: string, key = phoneticKey(token), unknown = !this.ids.has(token)): Set<number> {
    this.lists ??= this.buildLists();
    const { byKey, bySkeleton, byDeletion, byTwoLetterSlot } = this.lists!;
    const found = new Set<number>();
    const add = (id: number): void => void found.add(id);
    const exact = this.ids.get(token);
    if (exact !== undefined) found.add(exact);
    if (/^\d+$/.test(token)) return found;
    if (token.length > 1) byKey.forEach(hashString(key), (id) => this.keys[id] === key && this.tokens[id]!.length > 1, add);
    const skeleton = skeletonOf(key);
    if (skeleton.length >= SKELETON_MIN_LENGTH)
      bySkeleton.forEach(hashString(skeleton), (id) => skeletonOf(this.keys[id]!) === skeleton, add);
    // Deletions: the token itself against the vocabulary's deletions, and its deletions against both. A token longer
    // than every vocabulary token by more than its depth meets none (its deletions are all longer than they are), and
    // its deletions are not enumerated: a 600-letter word has 180,000 of 600 letters each (a POST /v1/screening of one
    // such word ran the API out of memory).
    const depth = deletionDepth(token);
    if (token.length - depth <= this.lists!.longest) {
      byDeletion.forEach(hashString(token), ALWAYS, add);
      for (const d of deletionStrings(token, depth)) {
        const e = this.ids.get(d);
        if (e !== undefined) found.add(e);
        byDeletion.forEach(hashString(d), ALWAYS, add);
      }
    }
    if (unknown && token.length === 2)
      for (const slot of twoLetterSlots(token))
        byTwoLetterSlot.forEach(hashString(slot), (id) => isTwoLetterSubstitution(token, this.tokens[id]!), add);
    // Initials: one letter meets every word it starts, a word meets its initial.
    if (token.length === 1) this.forPrefix(token, 3, add);
    else if (token.length >= 3) {
      const initial = this.ids.get(token[0]!);
      if (initial !== undefined) found.add(initial);
    }
    // Abbreviations that begin a word, both ways.
    if (token.length >= PREFIX_MIN && token.length <= PREFIX_MAX) this.forPrefix(token, token.length + PREFIX_GAP, add);
    for (let n = PREFIX_MIN; n <= PREFIX_MAX && n + PREFIX_GAP <= token.length; n++) {
      const e = this.ids.get(token.slice(0, n));
      if (e !== undefined) found.add(e);
    }
    return found;
  }

  /** Calls `f` with the id of every token whose `phoneticKey` is `key` (and the token equal to `key`). */
  forKey(key: string, f: (id: number) => void): void {
    this.lists ??= this.buildLists();
    const exact = this.ids.get(key);
    if (exact !== undefined) f(exact);
    this.lists!.byKey.forEach(hashString(key), (id) => this.keys[id] === key && id !== exact, f);
  }

  /** Some token has between `min` and `max` letters (inclusive). */
  holdsLengthWithin(min: number, max: number): boolean {
    this.lists ??= this.buildLists();
    const { lengths, longest } = this.lists;
    for (let n = Math.max(0, min); n <= Math.min(max, longest); n++) if (lengths[n]) return true;
    return false;
  }

  get size(): number {
    return this.tokens.length;
  }

  /**
   * Builds the lookup lists now (else the first `lookup` after `intern` does) and every token's own hits (`OwnHits`,
   * ~30 µs a token): an index calls it when built.
   */
  prepare(): void {
    this.lists ??= this.buildLists();
    this.ownHits ??= this.buildOwnHits();
  }

  private buildOwnHits(): OwnHits {
    const starts = new Int32Array(this.tokens.length + 1);
    let ids = new Int32Array(this.tokens.length * 8);
    let similarities = new Float64Array(ids.length);
    let n = 0;
    for (let t = 0; t < this.tokens.length; t++) {
      for (const h of this.computeLookup(this.tokens[t]!, this.keys[t]!)) {
        if (n === ids.length) {
          const grown = new Int32Array(ids.length * 2);
          grown.set(ids);
          ids = grown;
          const grownSimilarities = new Float64Array(ids.length);
          grownSimilarities.set(similarities);
          similarities = grownSimilarities;
        }
        ids[n] = h.id;
        similarities[n++] = h.similarity;
      }
      starts[t + 1] = n;
    }
    return { starts, ids: ids.slice(0, n), similarities: similarities.slice(0, n) };
  }

  /** Calls `f` with every token that starts with `prefix` and has at least `minLength` letters. */
  private forPrefix(prefix: string, minLength: number, f: (id: number) => void): void {
    const sorted = this.lists!.sorted;
    const tokens = this.tokens;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < sorted.length; k++) {
      const t = tokens[sorted[k]!]!;
      if (!t.startsWith(prefix)) break;
      if (t.length >= minLength) f(sorted[k]!);
    }
  }

  private buildLists(): VocabularyLists {
    const tokens = this.tokens;
    const longest = tokens.reduce((n, t) => Math.max(n, t.length), 0);
    const lengths = new Uint8Array(longest + 1);
    for (const t of tokens) lengths[t.length] = 1;
    const keys = this.keys;
    const sorted = Int32Array.from(tokens.keys()).sort((a, b) => (tokens[a]! < tokens[b]! ? -1 : tokens[a]! > tokens[b]! ? 1 : 0));
    return {
      byKey: new HashedIdLists(tokens.length, (id, emit) => emit(hashString(keys[id]!)), true),
      bySkeleton: new HashedIdLists(
        tokens.length,
        (id, emit) => {
          const skeleton = skeletonOf(keys[id]!);
          if (skeleton.length >= SKELETON_MIN_LENGTH && !/^\d+$/.test(tokens[id]!)) emit(hashString(skeleton));
        },
        true,
      ),
      byDeletion: new HashedIdLists(tokens.length, (id, emit) => {
        const t = tokens[id]!;
        for (const d of deletionStrings(t, deletionDepth(t))) emit(hashString(d));
      }),
      byTwoLetterSlot: new HashedIdLists(tokens.length, (id, emit) => {
        const t = tokens[id]!;
        if (t.length === 2 && !/\d/.test(t)) for (const slot of twoLetterSlots(t)) emit(hashString(slot));
      }),
      sorted,
      longest,
      lengths,
    };
  }
}
