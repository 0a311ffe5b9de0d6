import type { ClientBase, Pool } from 'pg';

/** One search hit: a report (its source's title, publisher, text) or one of its claims (with its evidence). */
export interface SearchHit {
  reportId: string;
  /** Present when the hit is a claim. */
  claimId?: string;
  /** `ts_rank_cd` of the hit's vector for the query (higher is better; weights A 1.0, B 0.4, C 0.2). */
  rank: number;
  /**
   * The matched text's best fragments as HTML: the stored text escaped (`&`, `<`, `>`), each match between `<b>` and
   * `</b>`, fragments joined by ` … `. A report's text is its title and text; a claim's the strings of the claim
   * and its evidence, joined by ` · `.
   */
  headline: string;
}

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

/** The sort key of the last hit of a page: rank (as PostgreSQL prints the `real`), report id, claim id ('' for a report). */
export type SearchAfter = [rank: string, reportId: string, claimId: string];

/**
 * `ts_headline` marks matches with two private-use characters, so the fragments are cut from the text as stored and
 * escaped afterwards, the marks then becoming `<b>`/`</b>` (a mark in the stored text itself becomes a tag too: harmless).
 */
const MARK = { start: '\uE000', stop: '\uE001' };
const HEADLINE_OPTIONS = `MaxFragments=3, MaxWords=20, MinWords=5, FragmentDelimiter=" … ", StartSel=${MARK.start}, StopSel=${MARK.stop}`;

/** The query text PostgreSQL reads with `websearch_to_tsquery` (quoted phrases, `or`, `-word`; never a syntax error). */
const QUERY = `websearch_to_tsquery('english', $1)`;

/**
 * SQL of the ids of the reports whose own text or one of whose claims matches the search words in parameter
 * `param` (e.g. `$9`), read as {@link searchReadModels} reads them (`websearch_to_tsquery`, the GIN-indexed `search`
 * vectors of `report_views` and `claim_states`): for filters that combine a report list with a search.
 */
export function reportsMatchingSql(schema: string, param: string): string {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  return `SELECT report_id FROM ${schema}.report_views WHERE search @@ websearch_to_tsquery('english', ${param})
          UNION SELECT report_id FROM ${schema}.claim_states WHERE search @@ websearch_to_tsquery('english', ${param})`;
}

/**
 * Full-text search over the active projection version's reports and claims (`search` vectors, GIN-indexed): hits
 * ranked by `ts_rank_cd`, best first, then by report id and claim id (a report before its claims); at most `limit`
 * hits after `after`, with `ts_headline` fragments computed for those only.
 * @returns up to `limit + 1` hits (one more than asked, so the caller knows whether a next page exists) and, for each,
 *   its sort key.
 */
export async function searchReadModels(
  db: Pool | ClientBase,
  schema: string,
  q: string,
  filter: SearchFilter,
  limit: number,
  after: SearchAfter | null,
): Promise<{ hit: SearchHit; key: SearchAfter }[]> {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  const publisher = filter.publisher ? `%${filter.publisher.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await db.query<{ report_id: string; claim_id: string; rank: string; headline: string }>(
    `WITH query AS (SELECT ${QUERY} AS q),
     hits AS (
       SELECT r.report_id, '' AS claim_id, ts_rank_cd(r.search, query.q) AS rank FROM ${schema}.report_views r, query
        WHERE $2::text IS DISTINCT FROM 'claim' AND r.search @@ query.q
       UNION ALL
       SELECT c.report_id, c.claim_id, ts_rank_cd(c.search, query.q) FROM ${schema}.claim_states c, query
        WHERE $2::text IS DISTINCT FROM 'report' AND c.search @@ query.q
     ),
     page AS (
       SELECT h.* FROM hits h JOIN ${schema}.report_views r ON r.report_id = h.report_id
        WHERE ($3::text IS NULL OR $3 = ANY(r.countries)) AND ($4::text IS NULL OR lower(r.publisher) LIKE $4)
          AND ($5::text IS NULL OR r.status = $5) AND ($6::text IS NULL OR r.source_reliability = $6)
          AND ($7::date IS NULL OR r.published_on >= $7) AND ($8::date IS NULL OR r.published_on <= $8)
          AND ($9::real IS NULL OR h.rank < $9 OR (h.rank = $9 AND (h.report_id COLLATE "C", h.claim_id COLLATE "C") > ($10, $11)))
        ORDER BY h.rank DESC, h.report_id COLLATE "C", h.claim_id COLLATE "C"
        LIMIT $12
     )
     SELECT p.report_id, p.claim_id, p.rank::text AS rank,
            replace(replace(replace(replace(replace(ts_headline('english',
              CASE WHEN p.claim_id = '' THEN concat_ws(E'\\n', r.state->'source'->>'title', r.state->>'text')
                   ELSE (SELECT string_agg(s #>> '{}', ' · ') FROM jsonb_path_query(jsonb_build_array(c.state->'claim', c.state->'evidence'), 'strict $.** ? (@.type() == "string")') AS s) END,
              query.q, $13), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), $14, '<b>'), $15, '</b>') AS headline
       FROM page p CROSS JOIN query
       JOIN ${schema}.report_views r ON r.report_id = p.report_id
       LEFT JOIN ${schema}.claim_states c ON c.report_id = p.report_id AND c.claim_id = p.claim_id
      ORDER BY p.rank DESC, p.report_id COLLATE "C", p.claim_id COLLATE "C"`,
    [
      q,
      filter.kind ?? null,
      filter.country ?? null,
      publisher,
      filter.status ?? null,
      filter.sourceReliability ?? null,
      filter.from ?? null,
      filter.to ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      after?.[2] ?? null,
      limit + 1,
      HEADLINE_OPTIONS,
      MARK.start,
      MARK.stop,
    ],
  );
  return rows.map((r) => ({
    hit: { reportId: r.report_id, ...(r.claim_id === '' ? {} : { claimId: r.claim_id }), rank: Number(r.rank), headline: r.headline },
    key: [r.rank, r.report_id, r.claim_id],
  }));
}
