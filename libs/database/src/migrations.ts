import { DataSource } from 'typeorm';
import { allMigrations } from '../../../migrations';

/** A TypeORM data source that only knows the migrations (used by `npm run migrate` and the tests). */
export function migrationDataSource(url: string): DataSource {
  return new DataSource({ type: 'postgres', url, migrations: allMigrations, migrationsTableName: 'schema_migrations', logging: ['error'] });
}

/**
 * Applies every pending migration in `migrations/`, each in its own transaction.
 * @returns the names of the migrations applied by this call (empty when the schema was current).
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await migrationDataSource(url).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
