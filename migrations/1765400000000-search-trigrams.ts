import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search finds Chinese, Japanese and Korean words inside a run of such text (the `english` parser keeps a run as one
 * token): pg_trgm (PostgreSQL contrib, a trusted extension) and, on every read-model version, a trigram GIN index on
 * the NFC text of `report_views` and `claim_states` rows holding such characters (kana, Hangul, CJK ideographs), which
 * `ILIKE '%无人机%'` reads. The DDL is frozen here as text (searchText and searchTextIndexed of @tm/read-models when
 * this was written). Building the indexes reads both tables once.
 */
export class SearchTrigrams1765400000000 implements MigrationInterface {
  name = 'SearchTrigrams1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const schema of await readModelSchemas(db)) {
      await db.query(
        `CREATE INDEX IF NOT EXISTS report_views_search_text_idx ON ${schema}.report_views USING gin ((CASE WHEN (coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) IS NFC NORMALIZED THEN (coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) ELSE normalize(coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', ''), NFC) END) gin_trgm_ops) WHERE ((coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) ~ '[\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\U00020000-\\U0003ffff]')`,
      );
      await db.query(
        `CREATE INDEX IF NOT EXISTS claim_states_search_text_idx ON ${schema}.claim_states USING gin ((CASE WHEN (coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) IS NFC NORMALIZED THEN (coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) ELSE normalize(coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text, NFC) END) gin_trgm_ops) WHERE ((coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) ~ '[\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\U00020000-\\U0003ffff]')`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(`DROP INDEX IF EXISTS ${schema}.report_views_search_text_idx`);
      await db.query(`DROP INDEX IF EXISTS ${schema}.claim_states_search_text_idx`);
    }
  }
}

async function readModelSchemas(db: QueryRunner): Promise<string[]> {
  const rows: { schema_name: string }[] = await db.query(
    `SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_v[0-9]+$' ORDER BY 1`,
  );
  return rows.map((r) => r.schema_name);
}
