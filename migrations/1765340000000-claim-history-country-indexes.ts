import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flows "as known at" (issue 16) filter the claim-state history by country as flows filter `claim_states`: every
 * read-model version's `claim_state_history` gets the same B-tree indexes on `supplier_country` and
 * `recipient_country` (without them a country's flows asOf scanned the whole history: 100k rows, about 100 ms of a
 * 150 ms answer on the workbench's 100k claims). The DDL is frozen here as text; later versions take theirs from
 * `readModelIndexDdl`. Idempotent.
 */
export class ClaimHistoryCountryIndexes1765340000000 implements MigrationInterface {
  name = 'ClaimHistoryCountryIndexes1765340000000';

  async up(db: QueryRunner): Promise<void> {
    for (const schema of await historySchemas(db)) {
      await db.query(
        `CREATE INDEX IF NOT EXISTS claim_state_history_supplier_country_idx ON ${schema}.claim_state_history (supplier_country)`,
      );
      await db.query(
        `CREATE INDEX IF NOT EXISTS claim_state_history_recipient_country_idx ON ${schema}.claim_state_history (recipient_country)`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const schema of await historySchemas(db)) {
      await db.query(`DROP INDEX IF EXISTS ${schema}.claim_state_history_supplier_country_idx`);
      await db.query(`DROP INDEX IF EXISTS ${schema}.claim_state_history_recipient_country_idx`);
    }
  }
}

/** The read-model versions holding a claim-state history. */
async function historySchemas(db: QueryRunner): Promise<string[]> {
  const rows: { table_schema: string }[] = await db.query(
    `SELECT table_schema FROM information_schema.tables
      WHERE table_schema ~ '^rm_v[0-9]+$' AND table_name = 'claim_state_history' ORDER BY 1`,
  );
  return rows.map((r) => r.table_schema);
}
