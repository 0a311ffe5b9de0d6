import { searchText, searchTextIndexed, UNSPACED_SCRIPT_CLASS } from './schema';

/** Scripts written without spaces between words (Chinese, Japanese, Korean): {@link UNSPACED_SCRIPT_CLASS}. */
const UNSPACED = new RegExp(UNSPACED_SCRIPT_CLASS.replace(/\\U000(\w{5})/g, '\\u{$1}'), 'u');
const ALL_UNSPACED = new RegExp(`^${UNSPACED.source}+$`, 'u');

/**
 * A search query in Unicode NFC, split in two: `words`, read by `websearch_to_tsquery` (stemmed; quoted phrases, `or`,
 * `-word`), and the terms holding Chinese, Japanese or Korean characters, found as substrings of the text (any case;
 * `-term` excludes): `pairs`, terms of two such characters, looked up in the rows' character pairs (`search_pairs`);
 * `include`, longer terms, as `ILIKE` patterns (pg_trgm); `exclude`, as `ILIKE` patterns. `first` is the first
 * included term, where a headline is cut.
 */
export interface SearchTerms {
  words: string;
  include: string[];
  pairs: string[];
  exclude: string[];
  first?: string;
}

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The raw terms of a query (split at white space) that hold Chinese, Japanese or Korean characters, without `-` and quotes. */
function unspacedTerms(q: string): { term: string; excluded: boolean }[] {
  return q
    .normalize('NFC')
    .split(/\s+/)
    .filter((raw) => UNSPACED.test(raw))
    .map((raw) => ({ term: raw.replace(/^-/, '').replace(/^"+|"+$/g, ''), excluded: raw.startsWith('-') }));
}

/**
 * The first term of `q` holding Chinese, Japanese or Korean characters that no index can read (rule
 * `minCjkTermLength`), if any: one of fewer than two characters, or of two not both such characters. A single
 * character (国, 的) is in most rows of such text and has no pair or trigram to look up, so it would be checked
 * against every row; two such characters are read through `search_pairs`, three or more characters through pg_trgm.
 */
export function shortUnspacedTerm(q: string): string | undefined {
  return unspacedTerms(q).find(({ term }) => {
    const length = [...term].length;
    return length < 2 || (length === 2 && !ALL_UNSPACED.test(term));
  })?.term;
}

export function searchTerms(q: string): SearchTerms {
  const terms: SearchTerms = { words: '', include: [], pairs: [], exclude: [] };
  const words = q
    .normalize('NFC')
    .split(/\s+/)
    .filter((raw) => !UNSPACED.test(raw));
  for (const { term, excluded } of unspacedTerms(q)) {
    if (excluded) terms.exclude.push(likePattern(term));
    else {
      if ([...term].length === 2 && ALL_UNSPACED.test(term)) terms.pairs.push(term);
      else terms.include.push(likePattern(term));
      terms.first ??= term;
    }
  }
  return { ...terms, words: words.join(' ').trim() };
}

/** Whether the query has terms found as substrings ({@link searchTerms}). */
export const hasSubstringTerms = (terms: SearchTerms) => terms.include.length + terms.pairs.length + terms.exclude.length > 0;

/** The parameters {@link substringMatchSql} reads, in its order: the included patterns, the pairs, the excluded patterns. */
export const substringParams = (terms: SearchTerms) => [...terms.include, ...terms.pairs, ...terms.exclude];

/**
 * The condition a row of `report_views` (alias `row`, `kind` report) or `claim_states` (`kind` claim) meets for the
 * query: its `search` vector matches `tsQuery` (the words' query; any row when it has no lexemes, as when every term
 * is Chinese) and its text holds each included term and no excluded one, whose parameters ({@link substringParams})
 * are numbered from `$first`. Read through the GIN indexes: `search_pairs` for two-character terms (a pair of the
 * row's runs is exactly such a substring), trigrams for longer ones, the vector for the words.
 */
export function substringMatchSql(kind: 'report' | 'claim', row: string, tsQuery: string, terms: SearchTerms, first: number): string {
  const text = searchText(kind, `${row}.`);
  let n = first;
  const included = terms.include.map(() => `${text} ILIKE $${n++}`);
  const pairs = terms.pairs.map(() => `${row}.search_pairs @> ARRAY[$${n++}::text]`);
  const excluded = terms.exclude.map(() => `${text} NOT ILIKE $${n++}`);
  // The partial trigram index's condition, so the planner reads it (a row without such characters cannot match).
  const indexed = included.length > 0 ? ` AND ${searchTextIndexed(kind, `${row}.`)}` : '';
  return `(numnode(${tsQuery}) = 0 OR ${row}.search @@ ${tsQuery})${indexed}${[...included, ...pairs, ...excluded].map((c) => ` AND ${c}`).join('')}`;
}
