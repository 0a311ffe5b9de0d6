import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `diversion_legs`: the screening app's index of transfer claims as flows of an item category (`TransferLeg`: supplier
 * and recipient country, category keys `hs6:<code>` / `sipri:<category>`, the leg as JSON), one row per (report,
 * claim), written when the app screens a report and refilled from the event store when empty (it is derived, like
 * a read model): the possible-diversion rule looks up the legs into and out of a country here.
 */
export class DiversionLegs1765320000000 implements MigrationInterface {
  name = 'DiversionLegs1765320000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE diversion_legs (
        report_id    uuid NOT NULL,
        claim_id     text NOT NULL,
        from_country text NOT NULL,
        to_country   text NOT NULL,
        keys         text[] NOT NULL,
        leg          jsonb NOT NULL,
        PRIMARY KEY (report_id, claim_id)
      )`);
    await db.query(`CREATE INDEX diversion_legs_from ON diversion_legs (from_country)`);
    await db.query(`CREATE INDEX diversion_legs_to ON diversion_legs (to_country)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE diversion_legs`);
  }
}
