/** Longest run of tokens `compareWeighted` merges into one glued word (see `splitGlued`). */
export const MAX_GLUED_RUN = 6;
/** Shortest glued word (and run written together) `compareWeighted` merges. */
export const MIN_GLUED_LENGTH = 4;

/** Calls `f` with each run of 2 … `MAX_GLUED_RUN` consecutive texts written together, when ≥ `MIN_GLUED_LENGTH` long. */
export function forEachGluedRun(texts: readonly string[], f: (run: string) => void): void {
  for (let i = 0; i < texts.length; i++) {
    let run = texts[i]!;
    for (let j = i + 1; j < Math.min(texts.length, i + MAX_GLUED_RUN); j++) {
      run += texts[j]!;
      if (run.length >= MIN_GLUED_LENGTH) f(run);
    }
  }
}
