import { compatibleSchemas, type ScreeningIndex } from '../../src/matching/screening-index';
import { forEachGluedRun, MIN_GLUED_LENGTH } from '../../src/matching/glued-runs';
import { phoneticKey } from '../../src/matching/phonetic';
import { areRelated } from '../../src/matching/token-relation';
import type { ScreeningQuery } from '../../src/matching/types';

/**
 * The reference `ScreeningIndex.screenName` is tested against: every indexed name is considered, without the
 * vocabulary lookups or bounds of candidate generation. A name is scored in full (`rawScore`) unless every pair of
 * its tokens with the query's is unrelated (`areRelated`, outside which every similarity is 0, checked for every
 * distinct token text of the index that the relation's definition does not rule out by length alone: see
 * `textsSimilarTo`) and no glued word can merge (runs compared by phonetic key, from plain maps): such a name's
 * weighted Dice numerator is 0, so its score is 0.
 */
export class BruteForceScreener {
  private readonly texts: string[] = [];
  private readonly keys: string[] = [];
  private readonly namesOfText: number[][] = [];
  /** Names by the phonetic key of each run of their tokens written together, and of each core token. */
  private readonly namesByRunKey = new Map<string, number[]>();
  private readonly namesByCoreKey = new Map<string, number[]>();
  /** By query token: the distinct texts related to it (generated queries repeat tokens). */
  private readonly similarTexts = new Map<string, number[]>();
  private marks?: Uint8Array;

  /** Text ids by length, and all of them sorted by text (for initials and prefixes). */
  private readonly byLength: number[][] = [];
  private sorted: number[] = [];
  /** Text ids by phonetic key and by the key's consonants. */
  private readonly byKey = new Map<string, number[]>();
  private readonly bySkeleton = new Map<string, number[]>();

  constructor(private readonly index: ScreeningIndex) {
    const textIds = new Map<string, number>();
    const push = (map: Map<string, number[]>, key: string, id: number): void => {
      const list = map.get(key);
      if (!list) map.set(key, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    };
    for (let id = 0; id < index.table.size; id++) {
      const tokens = index.table.weighted(id).tokens;
      for (const t of tokens) {
        if (t.weight === 0) continue;
        let k = textIds.get(t.text);
        if (k === undefined) {
          textIds.set(t.text, (k = this.texts.length));
          this.texts.push(t.text);
          this.keys.push(phoneticKey(t.text));
          this.namesOfText.push([]);
        }
        const names = this.namesOfText[k]!;
        if (names[names.length - 1] !== id) names.push(id);
        if (t.role === 'core' && t.text.length >= MIN_GLUED_LENGTH) {
          push(this.namesByCoreKey, t.text, id);
          push(this.namesByCoreKey, t.key, id);
        }
      }
      forEachGluedRun(
        tokens.map((t) => t.text),
        (run, allNamed) => {
          push(this.namesByRunKey, run, id);
          if (allNamed) push(this.namesByRunKey, phoneticKey(run), id);
        },
        tokens.map((t) => t.role === 'core' || t.role === 'number'),
      );
    }
    this.texts.forEach((t, k) => {
      (this.byLength[t.length] ??= []).push(k);
      push(this.byKey, this.keys[k]!, k);
      push(this.bySkeleton, this.keys[k]!.replace(/a/g, ''), k);
    });
    this.sorted = this.texts.map((_, k) => k).sort((a, b) => (this.texts[a]! < this.texts[b]! ? -1 : 1));
  }

  /** Best score per entry (by entry position) of every name scoring ≥ `threshold` (> 0). */
  screen(query: ScreeningQuery, threshold: number): Map<number, number> {
    const index = this.index;
    const best = new Map<number, number>();
    const schema = query.schema ?? 'Unknown';
    for (const q of index.queryNames(query)) {
      const flagged = new Set<number>();
      for (const a of q.tokens) {
        if (a.weight === 0) continue;
        for (const k of this.textsSimilarTo(a.text, a.key)) for (const id of this.namesOfText[k]!) flagged.add(id);
      }
      for (const t of q.tokens) {
        if (t.role !== 'core' || t.text.length < MIN_GLUED_LENGTH) continue;
        for (const id of [...(this.namesByRunKey.get(t.text) ?? []), ...(this.namesByRunKey.get(t.key) ?? [])]) flagged.add(id);
      }
      forEachGluedRun(
        q.tokens.map((t) => t.text),
        (run, allNamed) => {
          for (const id of this.namesByCoreKey.get(run) ?? []) flagged.add(id);
          if (allNamed) for (const id of this.namesByCoreKey.get(phoneticKey(run)) ?? []) flagged.add(id);
        },
        q.tokens.map((t) => t.role === 'core' || t.role === 'number'),
      );
      for (let i = 0; i + 1 < q.tokens.length; i++) {
        const [a, b] = [q.tokens[i]!, q.tokens[i + 1]!];
        const posted = (t: typeof a) => t.role === 'core' || t.role === 'number';
        if (posted(a) && posted(b)) for (const id of this.namesByRunKey.get(a.text + b.text) ?? []) flagged.add(id);
      }
      for (const id of flagged) {
        if (!compatibleSchemas(schema, index.table.entry(id).schema)) continue;
        const score = index.rawScore(q, index.nameAt(id), query.countries);
        if (score < threshold) continue;
        const entry = index.table.entryIndex(id);
        best.set(entry, Math.max(best.get(entry) ?? 0, score));
      }
    }
    return best;
  }

  /**
   * The texts related to `text`. Only length rules out a text before the similarity is computed: a
   * related pair (token-relation.ts) is equal, an initial and a word it starts, two words with the same phonetic key
   * or skeleton (compared for every text, whatever its length), an abbreviation of 4–5 letters and a longer word it
   * begins, or words within two letters of each other's length (deletions).
   */
  private textsSimilarTo(text: string, key: string): number[] {
    let out = this.similarTexts.get(text);
    if (out) return out;
    const result: number[] = [];
    const mark = (this.marks ??= new Uint8Array(this.texts.length));
    const check = (k: number) => {
      if (mark[k]) return;
      mark[k] = 1;
      if (areRelated(text, this.texts[k]!, key, this.keys[k]!)) result.push(k);
    };
    const n = text.length;
    for (let len = Math.max(1, n - 2); len <= n + 2; len++) for (const k of this.byLength[len] ?? []) check(k);
    for (const k of this.byLength[1] ?? []) check(k);
    if (n >= 6) for (const len of [4, 5]) for (const k of this.byLength[len] ?? []) check(k);
    if (n <= 5) for (const k of this.startingWith(text)) check(k);
    for (const k of this.byKey.get(key) ?? []) check(k);
    for (const k of this.bySkeleton.get(key.replace(/a/g, '')) ?? []) check(k);
    mark.fill(0);
    out = result.sort((x, y) => x - y);
    this.similarTexts.set(text, out);
    return out;
  }

  /** Ids of the texts that start with `prefix`, by binary search of the sorted texts. */
  private startingWith(prefix: string): number[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.texts[this.sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < this.sorted.length && this.texts[this.sorted[k]!]!.startsWith(prefix); k++) out.push(this.sorted[k]!);
    return out;
  }
}
