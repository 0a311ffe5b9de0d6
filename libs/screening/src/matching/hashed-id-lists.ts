/**
 * Lists of ids keyed by a string, stored as two typed arrays (compressed rows over hash buckets) instead of a
 * `Map<string, number[]>`: the keys themselves are not kept. A bucket may hold ids of several keys whose hashes
 * collide, so a reader checks each id against its key (`forEach`'s `belongs`); ids come out in the order they were
 * added, which the callers rely on for results identical to the map they replace.
 * Size: 4 bytes per (key, id) pair plus 4 bytes per bucket (one bucket per pair, rounded up to a power of two); with
 * `keepHashes`, 4 more bytes per pair: each id's whole hash, so that `forEach` passes over the ids of other keys in
 * its bucket without asking `belongs` (a bucket holds about one other key's ids, and `belongs` may cost a phonetic key).
 */
export class HashedIdLists {
  private readonly mask: number;
  /** `ids[starts[b] .. starts[b + 1])` are the ids of bucket `b`. */
  private readonly starts: Int32Array;
  private readonly ids: Int32Array;
  /** `hashes[k]`: the hash `ids[k]` was added under (with `keepHashes` only). */
  private readonly hashes?: Int32Array;

  /**
   * @param count number of items (ids 0 … count − 1)
   * @param hashesOf calls `emit(hash)` once per key of item `id` (any 32-bit integer; see `hashString`)
   * @param keepHashes keep each pair's hash (4 bytes a pair) to skip other keys' ids in a bucket
   */
  constructor(count: number, hashesOf: (id: number, emit: (hash: number) => void) => void, keepHashes = false) {
    let pairs = 0;
    for (let id = 0; id < count; id++) hashesOf(id, () => pairs++);
    let buckets = 16;
    while (buckets < pairs) buckets *= 2;
    this.mask = buckets - 1;
    this.starts = new Int32Array(buckets + 1);
    const starts = this.starts;
    const mask = this.mask;
    for (let id = 0; id < count; id++) hashesOf(id, (h) => starts[(h & mask) + 1]!++);
    for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
    this.ids = new Int32Array(pairs);
    const next = starts.slice(0, buckets);
    const ids = this.ids;
    const hashes = keepHashes ? new Int32Array(pairs) : undefined;
    this.hashes = hashes;
    for (let id = 0; id < count; id++)
      hashesOf(id, (h) => {
        const k = next[h & mask]!++;
        ids[k] = id;
        if (hashes) hashes[k] = h | 0;
      });
  }

  /** Calls `f(id)` for each id added under `hash` for which `belongs(id)` holds, in ascending id order. */
  forEach(hash: number, belongs: (id: number) => boolean, f: (id: number) => void): void {
    const b = hash & this.mask;
    const hashes = this.hashes;
    for (let k = this.starts[b]!, end = this.starts[b + 1]!; k < end; k++) {
      if (hashes && hashes[k] !== (hash | 0)) continue;
      const id = this.ids[k]!;
      if (belongs(id)) f(id);
    }
  }
}

/**
 * FNV-1a hash of `s`'s UTF-16 code units, leaving out the one at index `skip` (−1: none), so that the hash of a
 * one-letter deletion of a word is computed without building the shorter string.
 */
export function hashString(s: string, skip = -1): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    if (i === skip) continue;
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
