import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search reads text in Unicode NFC: every read-model version's `search` vectors (`report_views`,
 * `claim_states`) are computed from the NFC form of the stored text, as the query is read, so a decomposed accent
 * (`Mu\u0308ller`) and a composed one (`Müller`) find each other; text that is ASCII or NFC already is read as it is
 * (checked faster than normalised). PostgreSQL 17+ `SET EXPRESSION` recomputes the
 * column for the rows already there (a rewrite of both tables). The DDL is frozen here as text (REPORT_SEARCH_VECTOR
 * and CLAIM_SEARCH_VECTOR of @tm/read-models when this was written); down restores the expressions of
 * FullTextSearch1765100000000.
 */
export class SearchNfc1765390000000 implements MigrationInterface {
  name = 'SearchNfc1765390000000';

  async up(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(
        `ALTER TABLE ${schema}.report_views ALTER COLUMN search SET EXPRESSION AS (setweight(to_tsvector('english', CASE WHEN (coalesce(state->'source'->>'title', '')) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'source'->>'title', '')) IS NFC NORMALIZED THEN (coalesce(state->'source'->>'title', '')) ELSE normalize(coalesce(state->'source'->>'title', ''), NFC) END), 'A') || setweight(to_tsvector('english', CASE WHEN (coalesce(state->'source'->>'publisher', '')) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'source'->>'publisher', '')) IS NFC NORMALIZED THEN (coalesce(state->'source'->>'publisher', '')) ELSE normalize(coalesce(state->'source'->>'publisher', ''), NFC) END), 'B') || setweight(to_tsvector('english', CASE WHEN (coalesce(state->>'text', '')) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->>'text', '')) IS NFC NORMALIZED THEN (coalesce(state->>'text', '')) ELSE normalize(coalesce(state->>'text', ''), NFC) END), 'C'))`,
      );
      await db.query(
        `ALTER TABLE ${schema}.claim_states ALTER COLUMN search SET EXPRESSION AS (setweight(jsonb_to_tsvector('english', (CASE WHEN (coalesce(state->'claim', '{}')::text) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'claim', '{}')::text) IS NFC NORMALIZED THEN (coalesce(state->'claim', '{}')::text) ELSE normalize(coalesce(state->'claim', '{}')::text, NFC) END)::jsonb, '["string"]'), 'A') || setweight(jsonb_to_tsvector('english', (CASE WHEN (coalesce(state->'evidence', '[]')::text) ~ '^[\\x01-\\x7f]*$' OR (coalesce(state->'evidence', '[]')::text) IS NFC NORMALIZED THEN (coalesce(state->'evidence', '[]')::text) ELSE normalize(coalesce(state->'evidence', '[]')::text, NFC) END)::jsonb, '["string"]'), 'C'))`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(
        `ALTER TABLE ${schema}.report_views ALTER COLUMN search SET EXPRESSION AS (setweight(to_tsvector('english', coalesce(state->'source'->>'title', '')), 'A') || setweight(to_tsvector('english', coalesce(state->'source'->>'publisher', '')), 'B') || setweight(to_tsvector('english', coalesce(state->>'text', '')), 'C'))`,
      );
      await db.query(
        `ALTER TABLE ${schema}.claim_states ALTER COLUMN search SET EXPRESSION AS (setweight(jsonb_to_tsvector('english', coalesce(state->'claim', '{}'), '["string"]'), 'A') || setweight(jsonb_to_tsvector('english', coalesce(state->'evidence', '[]'), '["string"]'), 'C'))`,
      );
    }
  }
}

async function readModelSchemas(db: QueryRunner): Promise<string[]> {
  const rows: { schema_name: string }[] = await db.query(
    `SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_v[0-9]+$' ORDER BY 1`,
  );
  return rows.map((r) => r.schema_name);
}
