import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PROJECTION_VERSIONS_DDL, READ_MODELS_PROJECTION, readModelSchemaDdl } from '../libs/read-models/src/postgres/schema';

/**
 * Read models: `projection_versions` (which version of a projection serves) and version 1 of the read-models
 * projection in schema `rm_v1` (ledgers, claim states, timelines, report views, entity directory, per-stream
 * versions, position). Later versions are created by a rebuild (`scripts/rebuild-projection.ts`), not here.
 */
export class ReadModels1764500000000 implements MigrationInterface {
  name = 'ReadModels1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(PROJECTION_VERSIONS_DDL);
    await db.query(readModelSchemaDdl('rm_v1'));
    await db.query(`INSERT INTO projection_versions (projection, version, schema_name, status, activated_at) VALUES ($1, 1, 'rm_v1', 'active', now())`, [READ_MODELS_PROJECTION]);
  }

  async down(db: QueryRunner): Promise<void> {
    const { rows } = { rows: (await db.query(`SELECT schema_name FROM projection_versions`)) as { schema_name: string }[] };
    for (const row of rows) await db.query(`DROP SCHEMA IF EXISTS ${row.schema_name} CASCADE`);
    await db.query(`DROP TABLE projection_versions`);
  }
}
