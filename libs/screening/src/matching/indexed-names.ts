import type { NameKind } from '../model';
import type { SimilarityMemo } from './compare-names';
import type { IndexedEntry, NameTable } from './name-table';
import type { CorpusTokenStats } from './token-stats';
import type { ScreeningMatch } from './types';
import type { Vocabulary } from './vocabulary';
import type { WeightedName } from './weighted-name';

/**
 * One indexed name of one entry, as `ScreeningIndex.nameAt` builds it from the compact `NameTable` (the index keeps
 * no object per name): build it for names you compare, not for every name.
 */
export interface IndexedName {
  /** Position in the index (build order). */
  id: number;
  entry: IndexedEntry;
  value: string;
  kind: NameKind;
  quality?: 'good' | 'low';
  weighted: WeightedName;
  /** Vocabulary ids of the name's core and number tokens (for candidate generation and text scanning). */
  tokenIds: Int32Array;
  /** Σ token weights (denominator share of the name in `compareWeighted`). */
  totalWeight: number;
}

/** What a text scan reads of the index; `ScreeningIndex` implements it (the scan does not import the index). */
export interface ScannableIndex {
  readonly table: NameTable;
  readonly vocabulary: Vocabulary;
  readonly stats: CorpusTokenStats;
  nameAt(id: number): IndexedName;
  score(q: WeightedName, n: IndexedName, countries?: string[], memo?: SimilarityMemo): ScreeningMatch;
  rawScore(q: WeightedName, n: IndexedName, countries?: string[], memo?: SimilarityMemo, mayGlue?: boolean | number): number;
  lookupToken(token: string, minSimilarity: number): ReturnType<Vocabulary['lookup']>;
  postingsOf(vocabId: number): Int32Array;
}
