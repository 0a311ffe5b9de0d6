import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search (issue 16): every read-model version's `report_views` and `claim_states` get a generated
 * `search` tsvector and a GIN index on it. PostgreSQL computes the vector whenever the projection or a rebuild writes
 * the row; adding the column here computes it for the rows already there. The DDL is frozen here as text: later
 * versions take theirs from `readModelSchemaDdl` (the same expressions, REPORT_SEARCH_VECTOR and CLAIM_SEARCH_VECTOR,
 * when this was written). Idempotent: a version created with the column already is left as it is.
 */
export class FullTextSearch1765100000000 implements MigrationInterface {
  name = 'FullTextSearch1765100000000';

  async up(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(
        `ALTER TABLE ${schema}.report_views ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(state->'source'->>'title', '')), 'A') || setweight(to_tsvector('english', coalesce(state->'source'->>'publisher', '')), 'B') || setweight(to_tsvector('english', coalesce(state->>'text', '')), 'C')) STORED`,
      );
      await db.query(
        `ALTER TABLE ${schema}.claim_states ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (setweight(jsonb_to_tsvector('english', coalesce(state->'claim', '{}'), '["string"]'), 'A') || setweight(jsonb_to_tsvector('english', coalesce(state->'evidence', '[]'), '["string"]'), 'C')) STORED`,
      );
      await db.query(`CREATE INDEX IF NOT EXISTS report_views_search_idx ON ${schema}.report_views USING gin (search)`);
      await db.query(`CREATE INDEX IF NOT EXISTS claim_states_search_idx ON ${schema}.claim_states USING gin (search)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(`ALTER TABLE ${schema}.report_views DROP COLUMN IF EXISTS search`);
      await db.query(`ALTER TABLE ${schema}.claim_states DROP COLUMN IF EXISTS search`);
    }
  }
}

async function readModelSchemas(db: QueryRunner): Promise<string[]> {
  const rows: { schema_name: string }[] = await db.query(
    `SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_v[0-9]+$' ORDER BY 1`,
  );
  return rows.map((r) => r.schema_name);
}
