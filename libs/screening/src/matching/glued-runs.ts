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

/** One run of a token list's tokens `from … to` written together (see `tokenRuns`). */
export interface TokenRun {
  to: number;
  /** Letters of the run (Σ token lengths). */
  length: number;
  /** Every token of the run is a core or number token. */
  named: boolean;
  text: string;
}

const runsByTokens = new WeakMap<readonly { text: string }[], TokenRun[][]>();

/**
 * The runs of 2 … `MAX_GLUED_RUN` consecutive tokens of `tokens` by first token, in `to` order, made once per token
 * list (a query's runs are read in every comparison it makes: `mergeRuns`). `named` tells which tokens are core or
 * number tokens. Kept while `tokens` is.
 */
export function tokenRuns(tokens: readonly { text: string }[], named: (i: number) => boolean): TokenRun[][] {
  let runs = runsByTokens.get(tokens);
  if (runs) return runs;
  runs = [];
  for (let i = 0; i < tokens.length; i++) {
    const row: TokenRun[] = [];
    let text = tokens[i]!.text;
    let allNamed = named(i);
    for (let j = i + 1; j < Math.min(tokens.length, i + MAX_GLUED_RUN); j++) {
      text += tokens[j]!.text;
      allNamed &&= named(j);
      row.push({ to: j, length: text.length, named: allNamed, text });
    }
    runs.push(row);
  }
  runsByTokens.set(tokens, runs);
  return runs;
}

/** The runs `tokenRuns` made for `tokens`, if it did. */
export function knownTokenRuns(tokens: readonly { text: string }[]): TokenRun[][] | undefined {
  return runsByTokens.get(tokens);
}
