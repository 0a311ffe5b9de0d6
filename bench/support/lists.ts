import { isAbsolute, join } from 'node:path';
import { Pool } from 'pg';
import { repoRoot } from '@tm/local-stack';
import { loadEnvironment } from '@tm/platform';
import { importSanctionsList } from '@tm/sanctions';
import { BUNDLED_LISTS } from '@tm/screening';

/** Imports the bundled sanctions lists into the database, as `npm start` does. @returns entries per list. */
export async function importLists(url: string, log: (line: string) => void): Promise<Record<string, number>> {
  const env = loadEnvironment({ ...process.env, DATABASE_URL: url, KAFKA_BROKERS: 'unused:9092' });
  const importDir = isAbsolute(env.SANCTIONS_IMPORT_DIR) ? env.SANCTIONS_IMPORT_DIR : join(repoRoot(), env.SANCTIONS_IMPORT_DIR);
  const pool = new Pool({ connectionString: url, max: 2 });
  const counts: Record<string, number> = {};
  try {
    for (const list of BUNDLED_LISTS) {
      const t0 = performance.now();
      const result = await importSanctionsList(pool, list, {
        importDir,
        maxBytes: env.SANCTIONS_DOWNLOAD_MAX_BYTES,
        timeoutMs: env.SANCTIONS_DOWNLOAD_TIMEOUT_MS,
        metadata: { actor: 'system:bench' },
      });
      if (result.status !== 'imported')
        throw new Error(`importing ${list.listId}: ${result.status === 'failed' ? result.reason.message : result.status}`);
      counts[list.listId] = result.counts.entries;
      log(`imported ${list.listId} ${result.version}: ${result.counts.entries} entries in ${Math.round(performance.now() - t0)} ms`);
    }
  } finally {
    await pool.end();
  }
  return counts;
}
