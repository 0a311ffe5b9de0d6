import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search reads a two-character Chinese, Japanese or Korean term (中国, 伊朗) through an index: pg_trgm has no trigram
 * in two characters, so `ILIKE '%中国%'` read every row of the trigram indexes (~1.4 s on 10k reports and 30k claims
 * of Chinese text, growing with the data). Every read-model version's `report_views` and `claim_states` gain
 * `search_pairs`, the character pairs of the runs of such characters in the NFC search text (NULL without any),
 * GIN-indexed. The DDL is frozen here as text (searchPairs of @tm/read-models when this was written). Adding the
 * generated column rewrites both tables.
 */
export class SearchPairs1765410000000 implements MigrationInterface {
  name = 'SearchPairs1765410000000';

  async up(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(
        `ALTER TABLE ${schema}.report_views ADD COLUMN IF NOT EXISTS search_pairs text[] GENERATED ALWAYS AS (CASE WHEN ((coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) ~ '[\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\U00020000-\\U0003ffff]') THEN array_remove(regexp_split_to_array(btrim(regexp_replace(regexp_replace((CASE WHEN (coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) IS NFC NORMALIZED THEN (coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) ELSE normalize(coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', ''), NFC) END), '[^\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\U00020000-\\U0003ffff]+', ' ', 'g'), '(\\S\\S)', '\\1 ', 'g') || ' ' || regexp_replace(regexp_replace(regexp_replace((CASE WHEN (coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) IS NFC NORMALIZED THEN (coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', '')) ELSE normalize(coalesce(state->'source'->>'title', '') || ' ' || coalesce(state->'source'->>'publisher', '') || ' ' || coalesce(state->>'text', ''), NFC) END), '[^\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\U00020000-\\U0003ffff]+', ' ', 'g'), '(^| )\\S', '\\1', 'g'), '(\\S\\S)', '\\1 ', 'g')), ' +'), '') END) STORED`,
      );
      await db.query(
        `ALTER TABLE ${schema}.claim_states ADD COLUMN IF NOT EXISTS search_pairs text[] GENERATED ALWAYS AS (CASE WHEN ((coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) ~ '[\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\U00020000-\\U0003ffff]') THEN array_remove(regexp_split_to_array(btrim(regexp_replace(regexp_replace((CASE WHEN (coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) IS NFC NORMALIZED THEN (coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) ELSE normalize(coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text, NFC) END), '[^\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\U00020000-\\U0003ffff]+', ' ', 'g'), '(\\S\\S)', '\\1 ', 'g') || ' ' || regexp_replace(regexp_replace(regexp_replace((CASE WHEN (coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) IS NFC NORMALIZED THEN (coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text) ELSE normalize(coalesce(state->'claim', '{}')::text || ' ' || coalesce(state->'evidence', '[]')::text, NFC) END), '[^\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\U00020000-\\U0003ffff]+', ' ', 'g'), '(^| )\\S', '\\1', 'g'), '(\\S\\S)', '\\1 ', 'g')), ' +'), '') END) STORED`,
      );
      await db.query(`CREATE INDEX IF NOT EXISTS report_views_search_pairs_idx ON ${schema}.report_views USING gin (search_pairs)`);
      await db.query(`CREATE INDEX IF NOT EXISTS claim_states_search_pairs_idx ON ${schema}.claim_states USING gin (search_pairs)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(`ALTER TABLE ${schema}.report_views DROP COLUMN IF EXISTS search_pairs`);
      await db.query(`ALTER TABLE ${schema}.claim_states DROP COLUMN IF EXISTS search_pairs`);
    }
  }
}

async function readModelSchemas(db: QueryRunner): Promise<string[]> {
  const rows: { schema_name: string }[] = await db.query(
    `SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_v[0-9]+$' ORDER BY 1`,
  );
  return rows.map((r) => r.schema_name);
}
