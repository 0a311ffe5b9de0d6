import { searchText, searchTextIndexed, UNSPACED_SCRIPT_CLASS } from './schema';

/** Scripts written without spaces between words (Chinese, Japanese, Korean): {@link UNSPACED_SCRIPT_CLASS}. */
const UNSPACED = new RegExp(UNSPACED_SCRIPT_CLASS.replace(/\\U000(\w{5})/g, '\\u{$1}'), 'u');

/**
 * A search query in Unicode NFC, split in two: `words`, read by `websearch_to_tsquery` (stemmed; quoted phrases, `or`,
 * `-word`), and the terms holding Chinese, Japanese or Korean characters, found as substrings of the text (any case;
 * `-term` excludes), as `ILIKE` patterns. `first` is the first such term, where a headline is cut.
 */
export interface SearchTerms {
  words: string;
  include: string[];
  exclude: string[];
  first?: string;
}

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function searchTerms(q: string): SearchTerms {
  const terms: SearchTerms = { words: '', include: [], exclude: [] };
  const words: string[] = [];
  for (const raw of q.normalize('NFC').split(/\s+/)) {
    if (!UNSPACED.test(raw)) {
      words.push(raw);
      continue;
    }
    const term = raw.replace(/^-/, '').replace(/^"+|"+$/g, '');
    if (raw.startsWith('-')) terms.exclude.push(likePattern(term));
    else {
      terms.include.push(likePattern(term));
      terms.first ??= term;
    }
  }
  return { ...terms, words: words.join(' ').trim() };
}

/** Whether the query has terms found as substrings ({@link searchTerms}). */
export const hasSubstringTerms = (terms: SearchTerms) => terms.include.length + terms.exclude.length > 0;

/**
 * The condition a row of `report_views` (alias `row`, `kind` report) or `claim_states` (`kind` claim) meets for the
 * query: its `search` vector matches `tsQuery` (the words' query; any row when it has no lexemes, as when every term
 * is Chinese) and its text holds each included term and no excluded one, whose patterns are the parameters from
 * `$first` on (included first). Read through the GIN indexes: trigrams for the terms, the vector for the words.
 */
export function substringMatchSql(kind: 'report' | 'claim', row: string, tsQuery: string, terms: SearchTerms, first: number): string {
  const text = searchText(kind, `${row}.`);
  const included = terms.include.map((_, i) => `${text} ILIKE $${first + i}`);
  const excluded = terms.exclude.map((_, i) => `${text} NOT ILIKE $${first + terms.include.length + i}`);
  // The partial trigram index's condition, so the planner reads it (a row without such characters cannot match).
  const indexed = included.length > 0 ? ` AND ${searchTextIndexed(kind, `${row}.`)}` : '';
  return `(numnode(${tsQuery}) = 0 OR ${row}.search @@ ${tsQuery})${indexed}${[...included, ...excluded].map((c) => ` AND ${c}`).join('')}`;
}
