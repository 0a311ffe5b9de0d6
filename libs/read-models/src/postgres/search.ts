import type { ClientBase, Pool } from 'pg';
import { hasSubstringTerms, searchTerms, substringMatchSql, substringParams, type SearchTerms } from './search-terms';

/** One search hit: a report (its source's title, publisher, text) or one of its claims (with its evidence). */
export interface SearchHit {
  reportId: string;
  /** Present when the hit is a claim. */
  claimId?: string;
  /** `ts_rank_cd` of the hit's vector for the query (higher is better; weights A 1.0, B 0.4, C 0.2). */
  rank: number;
  /** The title of the report's source (of the hit, or of the claim hit's report). */
  title: string;
  /**
   * The matched text's best fragments as HTML: the stored text escaped (`&`, `<`, `>`), each match between `<b>` and
   * `</b>`, fragments joined by ` … `. A report's text is its title and text; a claim's the words analysts wrote in
   * the claim and its evidence ({@link CLAIM_HEADLINE_PATHS}: item, designation, statement, names, places, outcomes,
   * evidence statements and sources; no codes, ids, enum values or dates), joined by ` · `; in Unicode NFC, as searched.
   * A claim found only by a code or enum value (`Aircraft`, `delivered`) has a headline without a match.
   */
  headline: string;
}

/**
 * The fields of a claim state whose strings make a claim hit's headline, in this order (each string once): the words
 * an analyst wrote, not the codes (countries, CAMEO, HS, SIPRI and EU categories), enum values (kind, stage, stance,
 * role, type), ids (claim, evidence, deal) or dates (EDTF and its bounds) the claim also holds and the search vector
 * also matches. JSON paths (lax: a missing field is no string).
 */
export const CLAIM_HEADLINE_PATHS: readonly string[] = [
  '$.claim.item.description',
  '$.claim.item.designation',
  '$.claim.statement',
  ...['supplier', 'recipient', 'intermediaries[*]', 'endUser', 'participants[*]'].flatMap((party) => [
    `$.claim.${party}.entity.name`,
    `$.claim.${party}.entity.aliases[*]`,
  ]),
  '$.claim.outcomes[*]',
  '$.claim.topics[*]',
  '$.claim.place.locality',
  '$.claim.date.phrase',
  ...['supplier', 'recipient', 'intermediaries[*]', 'endUser', 'participants[*]'].map((party) => `$.claim.${party}.entity.address`),
  '$.evidence[*].statement',
  '$.evidence[*].source.title',
  '$.evidence[*].source.publisher',
  '$.evidence[*].source.author',
  '$.evidence[*].attributedTo.entity.name',
];

/** SQL: the strings of `claim_states` row `c` at {@link CLAIM_HEADLINE_PATHS}, each once, in path then array order, joined by ` · `. */
const CLAIM_HEADLINE_TEXT = `(SELECT string_agg(x.v, ' · ' ORDER BY x.o) FROM (
    SELECT hq.s #>> '{}' AS v, min(hp.o * 100000 + hq.n) AS o
      FROM unnest(ARRAY[${CLAIM_HEADLINE_PATHS.map((path) => `'${path}'`).join(', ')}]::jsonpath[]) WITH ORDINALITY hp(path, o),
           jsonb_path_query(c.state, hp.path, '{}', true) WITH ORDINALITY hq(s, n)
     WHERE jsonb_typeof(hq.s) = 'string' AND btrim(hq.s #>> '{}') <> ''
     GROUP BY 1) x)`;

/** What a search narrows the hits to; every filter combines with the query (AND). */
export interface SearchFilter {
  /** Only reports, or only claims. */
  kind?: 'report' | 'claim';
  /** Hits in reports with a claim involving this country (ISO 3166-1 alpha-2). */
  country?: string;
  /** Hits in reports whose publisher contains this, any case. */
  publisher?: string;
  /** The report's status. */
  status?: string;
  /** The report's Admiralty source reliability A–F. */
  sourceReliability?: string;
  /** Reports published on or after / before this ISO day. */
  from?: string;
  to?: string;
}

/**
 * Where a page of hits starts: after the window that ends at `window` (the report id and claim id of its last
 * match, `''` for a report; null for the first window), and within that window after the hit `hit` (rank as
 * PostgreSQL prints the `real`, report id, claim id; null for the window's first hit).
 */
export interface SearchAfter {
  window: [reportId: string, claimId: string] | null;
  hit: [rank: string, reportId: string, claimId: string] | null;
}

/** Matches ranked together: a search ranks (and sorts) at most this many at a time, whatever the words match. */
export const SEARCH_WINDOW = 1000;

/**
 * `ts_headline` marks matches with two private-use characters, so the fragments are cut from the text as stored and
 * escaped afterwards, the marks then becoming `<b>`/`</b>` (a mark in the stored text itself becomes a tag too: harmless).
 */
const MARK = { start: '\uE000', stop: '\uE001' };
/** The text's `<`, `>`, `&` as ts_headline was given them (U+E002–U+E004), escaped. */
const HEADLINE_ESCAPES = (sql: string) => `replace(replace(replace(${sql}, chr(57346), '&lt;'), chr(57347), '&gt;'), chr(57348), '&amp;')`;
const HEADLINE_OPTIONS = `MaxFragments=3, MaxWords=20, MinWords=5, FragmentDelimiter=" … ", StartSel=${MARK.start}, StopSel=${MARK.stop}`;

/**
 * The query text PostgreSQL reads with `websearch_to_tsquery` (quoted phrases, `or`, `-word`; never a syntax error),
 * in Unicode NFC as the `search` vectors read the stored text (`Mu\u0308ller` finds `Müller`).
 */
const tsQuery = (param: string) => `websearch_to_tsquery('english', normalize(${param}, NFC))`;
const QUERY = tsQuery('$1');

/**
 * SQL of the ids of the reports whose own text or one of whose claims matches the search words `q`, read as
 * {@link searchReadModels} reads them (`websearch_to_tsquery` on the GIN-indexed `search` vectors of `report_views`
 * and `claim_states`; Chinese, Japanese or Korean terms as substrings), and its parameters, numbered from `$first`:
 * for filters that combine a report list with a search.
 */
export function reportsMatchingSql(schema: string, q: string, first: number): { sql: string; params: string[] } {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  const terms = searchTerms(q);
  const query = tsQuery(`$${first}`);
  if (!hasSubstringTerms(terms))
    return {
      sql: `SELECT report_id FROM ${schema}.report_views WHERE search @@ ${query}
          UNION SELECT report_id FROM ${schema}.claim_states WHERE search @@ ${query}`,
      params: [q],
    };
  return {
    sql: `SELECT r.report_id FROM ${schema}.report_views r WHERE ${substringMatchSql('report', 'r', query, terms, first + 1)}
          UNION SELECT c.report_id FROM ${schema}.claim_states c WHERE ${substringMatchSql('claim', 'c', query, terms, first + 1)}`,
    params: [terms.words, ...substringParams(terms)],
  };
}

/** The report filters of a search, on `report_views` as `r` (parameters $3–$8). */
const REPORT_FILTERS = `($3::text IS NULL OR $3 = ANY(r.countries)) AND ($4::text IS NULL OR lower(r.publisher) LIKE $4)
  AND ($5::text IS NULL OR r.status = $5) AND ($6::text IS NULL OR r.source_reliability = $6)
  AND ($7::date IS NULL OR r.published_on >= $7) AND ($8::date IS NULL OR r.published_on <= $8)`;

/** One window's rows: a page of its hits (null columns when none is left) and, on every row, the window's size and last key. */
interface WindowRow {
  report_id: string | null;
  claim_id: string | null;
  rank: string | null;
  title: string | null;
  headline: string | null;
  matches: number;
  last_report_id: string | null;
  last_claim_id: string | null;
}

/**
 * Full-text search over the active projection version's reports and claims (`search` vectors, GIN-indexed).
 *
 * Matches are taken in windows of `window` (default {@link SEARCH_WINDOW}) in report id then claim id order (a
 * report before its claims; the key order of the tables' primary keys, so a word every row holds is read from the
 * index without visiting the other matches, and a rare one through the GIN index); within a window, hits come best
 * first by `ts_rank_cd`, then by report id and claim id. So ranking costs at most a window's worth of vectors per
 * page however many rows match; a query matching at most `window` hits is ranked as a whole. Following the pages
 * gives every match exactly once. `ts_headline` fragments are computed for the page's hits only.
 * @returns up to `limit + 1` hits (one more than asked, so the caller knows whether a next page exists) and, for
 *   each, where the page after it starts.
 */
export async function searchReadModels(
  db: Pool | ClientBase,
  schema: string,
  q: string,
  filter: SearchFilter,
  limit: number,
  after: SearchAfter | null,
  window = SEARCH_WINDOW,
): Promise<{ hit: SearchHit; key: SearchAfter }[]> {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  const publisher = filter.publisher ? `%${filter.publisher.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const terms = searchTerms(q);
  const substrings = hasSubstringTerms(terms);
  const sql = windowSql(schema, substrings ? terms : null);
  const found: { hit: SearchHit; key: SearchAfter }[] = [];
  let start = after?.window ?? null;
  let within = after?.hit ?? null;
  for (;;) {
    const { rows } = await db.query<WindowRow>(sql, [
      substrings ? terms.words : q,
      filter.kind ?? null,
      filter.country ?? null,
      publisher,
      filter.status ?? null,
      filter.sourceReliability ?? null,
      filter.from ?? null,
      filter.to ?? null,
      within?.[0] ?? null,
      within?.[1] ?? null,
      within?.[2] ?? null,
      limit + 1 - found.length,
      HEADLINE_OPTIONS,
      MARK.start,
      MARK.stop,
      start?.[0] ?? null,
      start?.[1] ?? null,
      window,
      ...(substrings ? [...substringParams(terms), ...(terms.first ? [terms.first] : [])] : []),
    ]);
    for (const r of rows) {
      if (r.report_id === null || r.claim_id === null || r.rank === null) continue;
      found.push({
        hit: {
          reportId: r.report_id,
          ...(r.claim_id === '' ? {} : { claimId: r.claim_id }),
          rank: Number(r.rank),
          title: r.title ?? '',
          headline: r.headline ?? '',
        },
        key: { window: start, hit: [r.rank, r.report_id, r.claim_id] },
      });
    }
    const last = rows[0];
    if (found.length > limit || !last || last.matches < window || last.last_report_id === null || last.last_claim_id === null) return found;
    start = [last.last_report_id, last.last_claim_id];
    within = null;
  }
}

/**
 * One window: the first `$18` matches after the key ($16, $17) that pass the filters (with `terms`, the words of `$1`
 * and the substring patterns from `$19` on, then the first included term), in key order (the first `$18`
 * of each table, read along its primary key or from its GIN matches sorted, as the planner finds cheaper for the
 * words, then merged);
 * ranked; the page after the hit ($9, $10, $11), at most `$12`, with headlines; the window's size and last key on
 * every row (one row with null hit columns when the page is empty).
 */
function windowSql(schema: string, terms: SearchTerms | null): string {
  const [reportMatch, claimMatch] = terms
    ? [substringMatchSql('report', 'r', QUERY, terms, 19), substringMatchSql('claim', 'c', QUERY, terms, 19)]
    : [`r.search @@ ${QUERY}`, `c.search @@ ${QUERY}`];
  // A headline around the first included term (the parameter after the patterns): ts_headline counts a run of Chinese as one word.
  const term = terms ? `$${19 + substringParams(terms).length}` : '';
  // The parser reads `<…>` as an HTML tag and `&…;` as an entity and ts_headline leaves both out: the text's own `<`, `>`
  // and `&` go in as private-use characters and come out escaped (HEADLINE_ESCAPES).
  const tsHeadline = `ts_headline('english', translate(h.t, '<>&', chr(57346) || chr(57347) || chr(57348)), ${QUERY}, $13)`;
  const headline = terms?.first
    ? `CASE WHEN strpos(h.t, ${term}) > 0
         THEN replace(substr(h.t, greatest(1, strpos(h.t, ${term}) - 30), 60 + char_length(${term})), ${term}, $14 || ${term} || $15)
         ELSE ${tsHeadline} END`
    : tsHeadline;
  return `WITH matches AS MATERIALIZED (
       SELECT m.report_id, m.claim_id, m.search FROM (
         (SELECT r.report_id, ''::text AS claim_id, r.search FROM ${schema}.report_views r
           WHERE $2::text IS DISTINCT FROM 'claim' AND ${reportMatch} AND ${REPORT_FILTERS}
             AND ($16::text IS NULL OR r.report_id > $16)
           ORDER BY r.report_id
           LIMIT $18)
         UNION ALL
         (SELECT c.report_id, c.claim_id, c.search FROM ${schema}.claim_states c LEFT JOIN ${schema}.report_views r ON r.report_id = c.report_id
           WHERE $2::text IS DISTINCT FROM 'report' AND ${claimMatch} AND ${REPORT_FILTERS}
             AND ($16::text IS NULL OR (c.report_id, c.claim_id) > ($16, $17))
           ORDER BY c.report_id, c.claim_id
           LIMIT $18)
       ) m
       ORDER BY m.report_id, m.claim_id
       LIMIT $18
     ),
     ranked AS MATERIALIZED (SELECT report_id, claim_id, ts_rank_cd(search, ${QUERY}) AS rank FROM matches),
     page AS (
       SELECT * FROM ranked h
        WHERE $9::real IS NULL OR h.rank < $9 OR (h.rank = $9 AND (h.report_id, h.claim_id) > ($10, $11))
        ORDER BY h.rank DESC, h.report_id, h.claim_id
        LIMIT $12
     ),
     bounds AS (
       SELECT (SELECT count(*) FROM matches)::int AS matches, l.report_id AS last_report_id, l.claim_id AS last_claim_id
         FROM (SELECT 1) one LEFT JOIN (SELECT report_id, claim_id FROM matches ORDER BY report_id DESC, claim_id DESC LIMIT 1) l ON true
     )
     SELECT p.report_id, p.claim_id, p.rank::text AS rank, b.matches, b.last_report_id, b.last_claim_id, r.state->'source'->>'title' AS title,
            ${HEADLINE_ESCAPES(`replace(replace(replace(replace(replace(${headline}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), $14, '<b>'), $15, '</b>')`)} AS headline
       FROM bounds b
       LEFT JOIN page p ON true
       LEFT JOIN ${schema}.report_views r ON r.report_id = p.report_id
       LEFT JOIN ${schema}.claim_states c ON c.report_id = p.report_id AND c.claim_id = p.claim_id
       LEFT JOIN LATERAL (SELECT normalize(
              CASE WHEN p.claim_id = '' THEN concat_ws(E'\\n', r.state->'source'->>'title', r.state->>'text')
                   ELSE ${CLAIM_HEADLINE_TEXT} END, NFC) AS t) h ON true
      ORDER BY p.rank DESC, p.report_id, p.claim_id`;
}
