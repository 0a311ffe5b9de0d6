import { phoneticKey } from './phonetic';

/** Longest run of tokens `compareWeighted` merges into one glued word (see `splitGlued`). */
export const MAX_GLUED_RUN = 6;
/** Shortest glued word (and run written together) `compareWeighted` merges. */
export const MIN_GLUED_LENGTH = 4;

/**
 * Calls `f` with each run of 2 … `MAX_GLUED_RUN` consecutive texts written together, when ≥ `MIN_GLUED_LENGTH` long,
 * and whether every text of the run is `named` (a core or number token: only such runs may merge by sound).
 */
export function forEachGluedRun(texts: readonly string[], f: (run: string, allNamed: boolean) => void, named?: readonly boolean[]): void {
  for (let i = 0; i < texts.length; i++) {
    let run = texts[i]!;
    let allNamed = named?.[i] ?? true;
    for (let j = i + 1; j < Math.min(texts.length, i + MAX_GLUED_RUN); j++) {
      run += texts[j]!;
      allNamed &&= named?.[j] ?? true;
      if (run.length >= MIN_GLUED_LENGTH) f(run, allNamed);
    }
  }
}

/** Phonetic keys of runs written together: a query's runs recur in every comparison it makes. */
const runKeys = new Map<string, string>();
const RUN_KEYS_SIZE = 50_000;

export function runKey(run: string): string {
  let key = runKeys.get(run);
  if (key === undefined) {
    if (runKeys.size >= RUN_KEYS_SIZE) runKeys.clear();
    runKeys.set(run, (key = phoneticKey(run)));
  }
  return key;
}

