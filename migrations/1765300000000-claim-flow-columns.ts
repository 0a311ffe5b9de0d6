import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flows totalled in PostgreSQL (issue 16): every read-model version's `claim_states` gets the generated columns
 * `supplier_country`, `recipient_country` (B-tree indexed), `claim_date` and `quantity`, copied out of `state`
 * whenever the projection or a rebuild writes the row; adding them here computes them for the rows already there
 * (a rewrite of the table: about 14 s for 100k claims). The DDL is frozen here as text: later versions take theirs
 * from `readModelSchemaDdl` (CLAIM_FLOW_COLUMNS, the same expressions when this was written). Idempotent.
 */
export class ClaimFlowColumns1765300000000 implements MigrationInterface {
  name = 'ClaimFlowColumns1765300000000';

  async up(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(
        `ALTER TABLE ${schema}.claim_states
           ADD COLUMN IF NOT EXISTS supplier_country text GENERATED ALWAYS AS (CASE WHEN kind = 'transfer' THEN state->'claim'->'supplier'->>'country' END) STORED,
           ADD COLUMN IF NOT EXISTS recipient_country text GENERATED ALWAYS AS (CASE WHEN kind = 'transfer' THEN state->'claim'->'recipient'->>'country' END) STORED,
           ADD COLUMN IF NOT EXISTS claim_date jsonb GENERATED ALWAYS AS (state->'claim'->'date') STORED,
           ADD COLUMN IF NOT EXISTS quantity jsonb GENERATED ALWAYS AS (state->'claim'->'quantity') STORED`,
      );
      await db.query(`CREATE INDEX IF NOT EXISTS claim_states_supplier_country_idx ON ${schema}.claim_states (supplier_country)`);
      await db.query(`CREATE INDEX IF NOT EXISTS claim_states_recipient_country_idx ON ${schema}.claim_states (recipient_country)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(
        `ALTER TABLE ${schema}.claim_states DROP COLUMN IF EXISTS supplier_country, DROP COLUMN IF EXISTS recipient_country,
           DROP COLUMN IF EXISTS claim_date, DROP COLUMN IF EXISTS quantity`,
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
