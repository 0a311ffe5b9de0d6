import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gives every read-model version's ledger rows and directory entries an `acc` column: the accumulator the live
 * projection updates per changed claim (−old +new) instead of re-folding every claim under the key. Rows written
 * before hold NULL there; the projection re-folds such a key from `claim_states` once, the first time it changes.
 */
export class IncrementalAggregates1765000000000 implements MigrationInterface {
  name = 'IncrementalAggregates1765000000000';

  async up(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(`ALTER TABLE ${schema}.ledger_rows ADD COLUMN IF NOT EXISTS acc jsonb`);
      await db.query(`ALTER TABLE ${schema}.entity_directory ADD COLUMN IF NOT EXISTS acc jsonb`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(`ALTER TABLE ${schema}.ledger_rows DROP COLUMN IF EXISTS acc`);
      await db.query(`ALTER TABLE ${schema}.entity_directory DROP COLUMN IF EXISTS acc`);
    }
  }
}

async function readModelSchemas(db: QueryRunner): Promise<string[]> {
  const rows: { schema_name: string }[] = await db.query(
    `SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_v[0-9]+$' ORDER BY 1`,
  );
  return rows.map((r) => r.schema_name);
}
