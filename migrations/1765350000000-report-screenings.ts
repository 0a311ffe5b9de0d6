import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `report_screenings`: per report, the stream version the screening app last screened (parties, text, ownership,
 * front companies, misdeclared goods, diversion) and when, written after that screening's alerts. `GET /v1/reports/:id`
 * shows it as `screening`, so a client knows when the report's alerts are all in `GET /v1/alerts` (alerts are raised
 * asynchronously; an empty list says nothing until the report's version is screened).
 */
export class ReportScreenings1765350000000 implements MigrationInterface {
  name = 'ReportScreenings1765350000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_screenings (
        report_id      text PRIMARY KEY,
        stream_version integer NOT NULL,
        screened_at    timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE report_screenings`);
  }
}
