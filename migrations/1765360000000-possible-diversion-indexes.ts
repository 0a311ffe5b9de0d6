import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the screening app's look-ups of `possible-diversion` alerts, made per screened report: the diversion
 * alerts citing a report on their first leg (`basis.diversion.claims[0].reportId`; the onward leg's report is the
 * row's `report_id`) and the CHPL surge alerts in force of a country (`basis.surge.country`). Without them each look-up
 * scanned every alert: 380 ms per report once the ingest benchmark's dense flows had raised 22,912 diversion alerts,
 * so screening fell behind without bound.
 */
export class PossibleDiversionIndexes1765360000000 implements MigrationInterface {
  name = 'PossibleDiversionIndexes1765360000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX alerts_diversion_first_report ON alerts ((basis->'diversion'->'claims'->0->>'reportId')) WHERE kind = 'possible-diversion'`,
    );
    await db.query(`CREATE INDEX alerts_surge_country ON alerts ((basis->'surge'->>'country')) WHERE kind = 'possible-diversion'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX alerts_surge_country`);
    await db.query(`DROP INDEX alerts_diversion_first_report`);
  }
}
