import type { EntryName, EntrySchema, ListId, NameKind, SanctionsEntry } from '../model';
import type { LegalFormMatch } from '../normalise/legal-forms';
import { prepareName, type NameToken, type PreparedName } from '../normalise/prepare-name';
import { HashedIdLists, hashString } from './hashed-id-lists';
import { forEachGluedRun } from './glued-runs';
import { forgetCachedPhoneticKeys, phoneticKey } from './phonetic';
import { CorpusTokenStats } from './token-stats';
import { Vocabulary } from './vocabulary';
import { weighToken, type WeightedName, type WeightedToken } from './weighted-name';

/**
 * What the index keeps of a list entry: what a match returns and what scoring reads (schema, countries). Names,
 * identifiers and remarks stay in the list (PostgreSQL `sanctions_entries`). `programs` and `countries` arrays are
 * shared between entries and frozen.
 */
export type IndexedEntry = Readonly<Pick<SanctionsEntry, 'listId' | 'entryId' | 'schema' | 'primaryName'>> & {
  readonly programs: string[];
  readonly countries: string[];
};

/** An entry as the index builder takes it: a `SanctionsEntry`, or only the fields the index reads. */
export type IndexableEntry = Pick<SanctionsEntry, 'listId' | 'entryId' | 'schema' | 'primaryName' | 'programs' | 'countries'> & {
  names: readonly EntryName[];
};

const KINDS: readonly NameKind[] = ['primary', 'aka', 'fka', 'nka', 'weak-aka', 'original-script'];
const QUALITIES = [undefined, 'good', 'low'] as const;
const NO_FORMS: LegalFormMatch[] = [];
const ALWAYS = (): boolean => true;

/**
 * The indexed names of an index in compact form (why: one object graph per name — prepared name, tokens, weighted
 * tokens, phonetic keys — took ~2.5 KB a name, 105 MB for the bundled lists' 42k names):
 * - a name's weighted tokens are ids into one table of distinct weighted tokens (a token with the same text, role
 *   and family/secondary flags is one shared object), in compressed rows (`Int32Array`s);
 * - its vocabulary ids (core and number tokens, for candidates and text scanning) likewise, and the inverted
 *   index (vocabulary id → name ids) too;
 * - kind and quality in one byte, Σ token weights in a `Float64Array`, legal forms in a map holding only the names
 *   that have them; former names written in brackets are indexed as names of their own (kind `fka`);
 * - what candidate generation needs to bound a score: each name's weight without postings, each vocabulary token's
 *   largest weight, and the runs of tokens a glued query word may stand for.
 * `weighted(id)` builds the `WeightedName` a comparison reads (a few small objects), only for names compared.
 * Ids are in build order; read-only once built.
 */
export class NameTable {
  constructor(
    readonly entries: readonly IndexedEntry[],
    private readonly values: readonly string[],
    private readonly nameEntry: Int32Array,
    private readonly kinds: Uint8Array,
    readonly totalWeights: Float64Array,
    private readonly tokens: readonly WeightedToken[],
    private readonly tokenStart: Int32Array,
    private readonly tokenIds: Int32Array,
    /** `vocabIdList[vocabStart[id] .. vocabStart[id + 1])`: name `id`'s vocabulary ids (see `vocabIds`). */
    readonly vocabStart: Int32Array,
    readonly vocabIdList: Int32Array,
    /** `postingIds[postingStart[v] .. postingStart[v + 1])`: ids of the names holding vocabulary token `v`, ascending. */
    readonly postingStart: Int32Array,
    readonly postingIds: Int32Array,
    private readonly legalForms: ReadonlyMap<number, LegalFormMatch[]>,
    /** Σ weights of the name's connector and annotation tokens (those without postings). */
    readonly unpostedWeights: Float64Array,
    /** By vocabulary id: the largest weight the token has in any name (role, family and secondary factors). */
    readonly maxVocabWeight: Float64Array,
    /** Name ids by the hash of each run of 2–6 consecutive tokens written together. */
    readonly glued: HashedIdLists,
    /** Name ids by the hash of the phonetic key of each such run of core and number tokens only. */
    readonly gluedSounds: HashedIdLists,
    /** Name ids by each pair of neighbouring names and numbers, as `splitPairKey` writes it. */
    private readonly pairs: HashedIdLists,
  ) {}

  get size(): number {
    return this.nameEntry.length;
  }

  entryIndex(id: number): number {
    return this.nameEntry[id]!;
  }

  entry(id: number): IndexedEntry {
    return this.entries[this.nameEntry[id]!]!;
  }

  /** The name as listed. */
  value(id: number): string {
    return this.values[id]!;
  }

  kind(id: number): NameKind {
    return KINDS[this.kinds[id]! & 7]!;
  }

  quality(id: number): 'good' | 'low' | undefined {
    return QUALITIES[this.kinds[id]! >> 3];
  }

  /** Vocabulary ids of the name's core and number tokens, distinct, in name order (a view: do not keep). */
  vocabIds(id: number): Int32Array {
    return this.vocabIdList.subarray(this.vocabStart[id]!, this.vocabStart[id + 1]!);
  }

  /** Ids of the names holding vocabulary token `vocabId` (a view). */
  namesWith(vocabId: number): Int32Array {
    return this.postingIds.subarray(this.postingStart[vocabId]!, this.postingStart[vocabId + 1]!);
  }

  /** The name as `compareWeighted` reads it (tokens without stop tokens, schema, legal forms). */
  weighted(id: number): WeightedName {
    const from = this.tokenStart[id]!;
    const tokens = new Array<WeightedToken>(this.tokenStart[id + 1]! - from);
    for (let k = 0; k < tokens.length; k++) tokens[k] = this.tokens[this.tokenIds[from + k]!]!;
    return { prepared: { schema: this.entry(id).schema, legalForms: this.legalForms.get(id) ?? NO_FORMS }, tokens };
  }

  /**
   * The distinct words listed names use as connectors or legal-form words (al, the, ooo, open, company), longer
   * than two letters, by length: what a query word the vocabulary lacks may be a mistyping of.
   */
  functionWords(): ReadonlyMap<number, readonly string[]> {
    if (!this.functionWordsByLength) {
      const byLength = new Map<number, string[]>();
      const seen = new Set<string>();
      for (const t of this.tokens) {
        if ((t.role !== 'connector' && t.role !== 'legal') || t.text.length < 3 || seen.has(t.text) || !/^\p{L}+$/u.test(t.text)) continue;
        seen.add(t.text);
        let row = byLength.get(t.text.length);
        if (!row) byLength.set(t.text.length, (row = []));
        row.push(t.text);
      }
      this.functionWordsByLength = byLength;
    }
    return this.functionWordsByLength;
  }

  private functionWordsByLength?: Map<number, string[]>;

  /** Ids of the names holding two neighbouring names or numbers that are `run` split after `at` letters. */
  namesSplitting(run: string, at: number, f: (nameId: number) => void): void {
    this.pairs.forEach(hashString(splitPairKey(run, at)), ALWAYS, f);
  }

  /**
   * Ids of the names holding a run of 2–6 tokens that, written together, is `text` (a superset: another run with the
   * same 32-bit hash, about one in four billion, adds its names too).
   */
  namesGluing(text: string, f: (nameId: number) => void): void {
    this.glued.forEach(hashString(text), ALWAYS, f);
  }

  /**
   * Ids of the names holding a run of 2–6 core and number tokens whose phonetic key, written together, is `key` (a
   * superset, as for `namesGluing`).
   */
  namesGluingKey(key: string, f: (nameId: number) => void): void {
    this.gluedSounds.forEach(hashString(key), ALWAYS, f);
  }
}

/**
 * Builds a `NameTable` one entry at a time, keeping only the compact form of each name (so a caller can stream
 * entries from the database without holding them all): every name is prepared (`prepareName` with the entry's
 * schema); names without a core or number token are left out. `build()` then weighs the distinct tokens once with
 * the corpus statistics. Names, vocabulary ids and postings come out in the order entries and names were added,
 * the same as the object form it replaces, so results are identical.
 */
export class NameTableBuilder {
  readonly vocabulary = new Vocabulary();
  private readonly entries: IndexedEntry[] = [];
  private readonly values: string[] = [];
  private readonly nameEntry: number[] = [];
  private readonly kinds: number[] = [];
  private readonly tokenStart: number[] = [0];
  private readonly tokenIds: number[] = [];
  private readonly vocabStart: number[] = [0];
  private readonly vocabIds: number[] = [];
  private readonly legalForms = new Map<number, LegalFormMatch[]>();
  /** Distinct tokens (text, role, family, secondary) by key, and in id order. */
  private readonly tokenIdOf = new Map<string, number>();
  private readonly tokens: NameToken[] = [];
  /** Names holding each core token (document frequency). */
  private readonly df = new Map<string, number>();
  private readonly shared = new Map<string, string[]>();
  private readonly sharedForms = new Map<string, LegalFormMatch[]>();
  private namedEntries = 0;

  /** Adds an entry and its names. Only the fields of `IndexableEntry` are read; nothing of `entry` is kept. */
  add(entry: IndexableEntry): void {
    const entryIndex = this.entries.length;
    this.entries.push({
      listId: this.canonical(entry.listId) as ListId,
      entryId: entry.entryId,
      schema: this.canonical(entry.schema) as EntrySchema,
      primaryName: entry.primaryName,
      programs: this.share(entry.programs ?? []),
      countries: this.share(entry.countries ?? []),
    });
    let named = false;
    for (const n of entry.names) {
      const p = prepareName(n.value, entry.schema);
      if (this.addName(entryIndex, n.value, n.kind, n.quality, p)) named = true;
      // Former names written inside a name ("Ocean Pioneer (ex-Cape Diamond)") are names of their own, and so is
      // a second reading of the name (normalise/readings.ts: Hebrew, Arabic, Burmese, Belarusian), of the name's kind.
      for (const v of p.variants) if (this.addName(entryIndex, v.source, v.reading ? n.kind : 'fka', n.quality, v)) named = true;
    }
    if (named) this.namedEntries++;
  }

  /** Adds one prepared name of entry `entryIndex`; false when it has no core or number token (not indexed). */
  private addName(entryIndex: number, value: string, kind: NameKind, quality: EntryName['quality'], p: PreparedName): boolean {
    if (!p.tokens.some((t) => t.role === 'core' || t.role === 'number')) return false;
    const id = this.values.length;
    this.values.push(value);
    this.nameEntry.push(entryIndex);
    this.kinds.push(Math.max(0, KINDS.indexOf(kind)) | (Math.max(0, QUALITIES.indexOf(quality)) << 3));
    const vocab = new Set<number>();
    const core = new Set<string>();
    for (const t of p.tokens) {
      if (t.role === 'stop') continue;
      this.tokenIds.push(this.tokenId(t));
      if (t.role === 'core' || t.role === 'number') vocab.add(this.vocabulary.intern(t.text));
      if (t.role === 'core') core.add(t.text);
    }
    this.tokenStart.push(this.tokenIds.length);
    for (const v of vocab) this.vocabIds.push(v);
    this.vocabStart.push(this.vocabIds.length);
    for (const t of core) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    if (p.legalForms.length) this.legalForms.set(id, this.shareForms(p.legalForms));
    return true;
  }

  /** Entries added that have at least one indexed name. */
  get entryCount(): number {
    return this.namedEntries;
  }

  /** Weighs the tokens and freezes the table. The builder must not be used afterwards. */
  build(): { table: NameTable; stats: CorpusTokenStats; vocabulary: Vocabulary } {
    const size = this.values.length;
    const stats = new CorpusTokenStats(this.df, size);
    const weighted = this.tokens.map((t) => {
      const w = weighToken(t, stats);
      // The vocabulary holds the same phonetic key for core and number tokens: one string, not two.
      const v = this.vocabulary.id(t.text);
      if (v !== undefined) w.key = this.vocabulary.keys[v]!;
      return w;
    });
    const tokenStart = Int32Array.from(this.tokenStart);
    const tokenIds = Int32Array.from(this.tokenIds);
    const totalWeights = new Float64Array(size);
    for (let id = 0; id < size; id++) {
      let sum = 0;
      for (let k = tokenStart[id]!; k < tokenStart[id + 1]!; k++) sum += weighted[tokenIds[k]!]!.weight;
      totalWeights[id] = sum;
    }
    const vocabStart = Int32Array.from(this.vocabStart);
    const vocabIds = Int32Array.from(this.vocabIds);
    const [postingStart, postingIds] = invert(vocabStart, vocabIds, this.vocabulary.size);
    const unposted = new Float64Array(size);
    const maxVocabWeight = new Float64Array(this.vocabulary.size);
    for (let id = 0; id < size; id++) {
      for (let k = tokenStart[id]!; k < tokenStart[id + 1]!; k++) {
        const t = weighted[tokenIds[k]!]!;
        if (t.role === 'core' || t.role === 'number') {
          const v = this.vocabulary.id(t.text)!;
          if (t.weight > maxVocabWeight[v]!) maxVocabWeight[v] = t.weight;
        } else unposted[id]! += t.weight;
      }
    }
    const runsOf = (id: number, f: (run: string, allNamed: boolean) => void) => {
      const texts: string[] = [];
      const named: boolean[] = [];
      for (let k = tokenStart[id]!; k < tokenStart[id + 1]!; k++) {
        const t = weighted[tokenIds[k]!]!;
        texts.push(t.text);
        named.push(t.role === 'core' || t.role === 'number');
      }
      forEachGluedRun(texts, f, named);
    };
    const glued = new HashedIdLists(size, (id, emit) => runsOf(id, (run) => emit(hashString(run))), true);
    // Apart from the runs' letters: a run's letters may be a word's key (abd al / abdul's key abdal), but a run with a
    // connector merges by its letters only.
    const gluedSounds = new HashedIdLists(
      size,
      (id, emit) =>
        runsOf(id, (run, allNamed) => {
          if (allNamed) emit(hashString(phoneticKey(run)));
        }),
      true,
    );
    const pairs = new HashedIdLists(
      size,
      (id, emit) => {
        for (let k = tokenStart[id]!; k + 1 < tokenStart[id + 1]!; k++) {
          const a = weighted[tokenIds[k]!]!;
          const b = weighted[tokenIds[k + 1]!]!;
          if ((a.role === 'core' || a.role === 'number') && (b.role === 'core' || b.role === 'number'))
            emit(hashString(splitPairKey(a.text + b.text, a.text.length)));
        }
      },
      true,
    );
    this.vocabulary.prepare();
    // Weighing the lists' words filled the query-time memo of phonetic keys: not the index's to keep.
    forgetCachedPhoneticKeys();
    const table = new NameTable(
      this.entries,
      this.values,
      Int32Array.from(this.nameEntry),
      Uint8Array.from(this.kinds),
      totalWeights,
      weighted,
      tokenStart,
      tokenIds,
      vocabStart,
      vocabIds,
      postingStart,
      postingIds,
      this.legalForms,
      unposted,
      maxVocabWeight,
      glued,
      gluedSounds,
      pairs,
    );
    return { table, stats, vocabulary: this.vocabulary };
  }

  private tokenId(t: NameToken): number {
    const key = `${t.role}${t.family ? 'f' : ''}${t.secondary ? 's' : ''}\u0000${t.text}`;
    let id = this.tokenIdOf.get(key);
    if (id === undefined) {
      id = this.tokens.length;
      this.tokens.push({ text: t.text, role: t.role, ...(t.family ? { family: true } : {}), ...(t.secondary ? { secondary: true } : {}) });
      this.tokenIdOf.set(key, id);
    }
    return id;
  }

  /** One string per distinct list id and schema (16k entries would otherwise hold 16k copies from JSON). */
  private canonical(value: string): string {
    return this.share([value])[0]!;
  }

  /** One array per distinct list of legal forms (thousands of names end in OOO, LLC or CO LTD): read-only. */
  private shareForms(forms: LegalFormMatch[]): LegalFormMatch[] {
    const key = JSON.stringify(forms);
    let out = this.sharedForms.get(key);
    if (!out) this.sharedForms.set(key, (out = forms));
    return out;
  }

  /** One frozen array per distinct content (entries share programs and countries). */
  private share(values: readonly string[]): string[] {
    const key = values.join('\u0000');
    let out = this.shared.get(key);
    if (!out) this.shared.set(key, (out = Object.freeze([...values]) as string[]));
    return out;
  }
}

/** Key of two neighbouring tokens: their letters and where they split. */
function splitPairKey(run: string, at: number): string {
  return `${at}:${run}`;
}

/** Name → vocabulary ids (compressed rows) inverted to vocabulary id → name ids, ascending. */
function invert(start: Int32Array, ids: Int32Array, vocabularySize: number): [Int32Array, Int32Array] {
  const postingStart = new Int32Array(vocabularySize + 1);
  for (const v of ids) postingStart[v + 1]!++;
  for (let v = 0; v < vocabularySize; v++) postingStart[v + 1]! += postingStart[v]!;
  const next = postingStart.slice(0, vocabularySize);
  const postingIds = new Int32Array(ids.length);
  for (let name = 0; name + 1 < start.length; name++)
    for (let k = start[name]!; k < start[name + 1]!; k++) postingIds[next[ids[k]!]!++] = name;
  return [postingStart, postingIds];
}
