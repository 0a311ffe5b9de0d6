import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Index for the screening app's per-report look-up of diversion route alerts (one per route A → B → C and category):
 * the alerts of the routes through a report's legs are found by their transit country (`basis.diversion.via`, B),
 * never by scanning every alert.
 */
export class DiversionRouteIndex1765370000000 implements MigrationInterface {
  name = 'DiversionRouteIndex1765370000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX alerts_diversion_via ON alerts ((basis->'diversion'->>'via')) WHERE kind = 'possible-diversion'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX alerts_diversion_via`);
  }
}
