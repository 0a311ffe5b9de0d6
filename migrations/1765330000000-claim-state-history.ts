import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claim-state history (issue 16, `asOf` read from the projection): every read-model version's `claim_states` gets the
 * checkpoint its current state is valid from (`valid_from_xid`, `valid_from_position`), `claim_state_history` the
 * states claims had before (valid from … to the checkpoint of the event that replaced them), and `position` the
 * checkpoint up to which that history is complete (`history_xid`, `history_position`). A version that has applied
 * nothing yet (a new install) keeps its history from the start; a version that holds claims already cannot recover
 * the states they had before (that needs a fold of the store: a rebuild), so its history checkpoint is NULL and
 * `asOf` keeps folding the event store for it until a rebuild builds a version with history. The DDL is frozen here
 * as text (later versions take theirs from `claimHistoryDdl`, the same when this was written). Idempotent.
 */
export class ClaimStateHistory1765330000000 implements MigrationInterface {
  name = 'ClaimStateHistory1765330000000';

  async up(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(
        `ALTER TABLE ${schema}.claim_states ADD COLUMN IF NOT EXISTS valid_from_xid xid8, ADD COLUMN IF NOT EXISTS valid_from_position bigint`,
      );
      await db.query(`
        CREATE TABLE IF NOT EXISTS ${schema}.claim_state_history (
          report_id            text NOT NULL,
          claim_id             text NOT NULL,
          kind                 text NOT NULL,
          status               text NOT NULL,
          credibility          smallint NOT NULL,
          ledger_keys          text[] NOT NULL,
          state                jsonb NOT NULL,
          valid_from_xid       xid8,
          valid_from_position  bigint,
          valid_to_xid         xid8 NOT NULL,
          valid_to_position    bigint NOT NULL,
          supplier_country  text GENERATED ALWAYS AS (CASE WHEN kind = 'transfer' THEN state->'claim'->'supplier'->>'country' END) STORED,
          recipient_country text GENERATED ALWAYS AS (CASE WHEN kind = 'transfer' THEN state->'claim'->'recipient'->>'country' END) STORED,
          claim_date        jsonb GENERATED ALWAYS AS (state->'claim'->'date') STORED,
          quantity          jsonb GENERATED ALWAYS AS (state->'claim'->'quantity') STORED,
          PRIMARY KEY (report_id, claim_id, valid_to_xid, valid_to_position)
        )`);
      await db.query(
        `CREATE INDEX IF NOT EXISTS claim_state_history_valid_to_idx ON ${schema}.claim_state_history (valid_to_xid, valid_to_position)`,
      );
      const rows: { n: string }[] = await db.query(
        `SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'position' AND column_name = 'history_xid'`,
        [schema],
      );
      if (Number(rows[0].n) > 0) continue;
      await db.query(
        `ALTER TABLE ${schema}.position ADD COLUMN history_xid xid8 DEFAULT '0', ADD COLUMN history_position bigint DEFAULT 0`,
      );
      // Claims applied already: the states they had before are not known here.
      await db.query(
        `UPDATE ${schema}.position SET history_xid = NULL, history_position = NULL
          WHERE global_position > 0 OR EXISTS (SELECT 1 FROM ${schema}.claim_states)`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const schema of await readModelSchemas(db)) {
      await db.query(`DROP TABLE IF EXISTS ${schema}.claim_state_history`);
      await db.query(`ALTER TABLE ${schema}.claim_states DROP COLUMN IF EXISTS valid_from_xid, DROP COLUMN IF EXISTS valid_from_position`);
      await db.query(`ALTER TABLE ${schema}.position DROP COLUMN IF EXISTS history_xid, DROP COLUMN IF EXISTS history_position`);
    }
  }
}

async function readModelSchemas(db: QueryRunner): Promise<string[]> {
  const rows: { schema_name: string }[] = await db.query(
    `SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_v[0-9]+$' ORDER BY 1`,
  );
  return rows.map((r) => r.schema_name);
}
