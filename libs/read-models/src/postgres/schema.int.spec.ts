import type { Pool } from 'pg';
import { useTestDatabase } from '@tm/testing';
import { readModelSchemaDdl } from './schema';

/** Columns (type, nullability, default, generated expression) and indexes of a read-model version, its name written `rm`. */
async function shapeOf(pool: Pool, schema: string): Promise<{ columns: string[]; indexes: string[] }> {
  const columns = await pool.query<{ c: string }>(
    `SELECT concat_ws(' ', table_name, column_name, data_type, is_nullable, column_default, generation_expression) AS c
       FROM information_schema.columns WHERE table_schema = $1 ORDER BY 1`,
    [schema],
  );
  const indexes = await pool.query<{ d: string }>(
    `SELECT replace(indexdef, $1 || '.', 'rm.') AS d FROM pg_indexes WHERE schemaname = $1 ORDER BY 1`,
    [schema],
  );
  return { columns: columns.rows.map((r) => r.c), indexes: indexes.rows.map((r) => r.d) };
}

describe('read-model schema: the migrations and the rebuild agree', () => {
  const db = useTestDatabase();

  it('rm_v1 as the migrations leave it equals a version created with the current DDL (columns, defaults, indexes)', async () => {
    const { pool } = db;
    await pool.query(readModelSchemaDdl('rm_v99'));
    expect(await shapeOf(pool, 'rm_v1')).toEqual(await shapeOf(pool, 'rm_v99'));
  });
});
