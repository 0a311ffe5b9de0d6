import { GLUED_ALL, GLUED_CANDIDATE_RUNS, GLUED_QUERY_RUNS, GLUED_SHIFTED, mergeRuns, mergeShifted } from './compare-names';
import type { TokenStats } from './token-stats';
import type { WeightedName, WeightedToken } from './weighted-name';

/** One run of query tokens `from … to` (inclusive) that a comparison merges into the name's word `text`. */
export interface QueryRunMerge {
  from: number;
  to: number;
  text: string;
  /** Weight of that word in the name. */
  nameWeight: number;
}

/** The name's own runs merged into query words (`splitGlued`'s candidate step), and nothing else changed. */
export interface NameRunMerge {
  /** The name's tokens after the merge (the merged words are new tokens; the others are the name's own). */
  nameTokens: WeightedToken[];
}

/**
 * What re-splitting glued words (`splitGlued` in compare-names.ts) does when `q` meets a name with these tokens:
 * nothing (undefined); one run of query tokens merged into one of the name's words (a `QueryRunMerge`); runs of the
 * name merged into query words and nothing else (a `NameRunMerge`), both of which candidate generation can bound; or
 * anything else, merges on both sides or a shifted split (`'compare'`: only a comparison tells). `steps` (`GLUED_*`
 * flags): the steps that may change the pair, as candidate generation found it (the others are skipped).
 */
export function gluedMerge(
  q: WeightedName,
  name: WeightedToken[],
  stats: TokenStats,
  steps = GLUED_ALL,
): QueryRunMerge | NameRunMerge | 'compare' | undefined {
  const query = q.tokens;
  const mergedName = steps & GLUED_CANDIDATE_RUNS ? mergeRuns(name, query, stats) : name;
  const mergedQuery = steps & GLUED_QUERY_RUNS ? mergeRuns(query, name, stats) : query;
  if (mergedName !== name) {
    // splitGlued then splits shifted pairs of both merged sides, whatever the steps.
    if (mergedQuery !== query || mergeShifted(query, mergedName, stats)[0] !== query) return 'compare';
    return { nameTokens: mergedName };
  }
  if ((steps & GLUED_SHIFTED || mergedQuery !== query) && mergeShifted(mergedQuery, name, stats)[0] !== mergedQuery) return 'compare';
  if (mergedQuery === query) return undefined;
  let from = 0;
  while (mergedQuery[from] === query[from]) from++;
  const to = from + query.length - mergedQuery.length;
  for (let k = from + 1; k < mergedQuery.length; k++) if (mergedQuery[k] !== query[k + to - from]) return 'compare';
  const text = mergedQuery[from]!.text;
  let nameWeight = 0;
  for (const t of name) if (t.text === text && t.weight > nameWeight) nameWeight = t.weight;
  return { from, to, text, nameWeight };
}
