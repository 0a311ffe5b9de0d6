/**
 * `node dist/scripts/rebuild-projection.js [--batch-size N]`: rebuilds the read-models projection from global
 * position 0 into a new version while the active one serves, then switches (see `RebuildService`). Resumes a
 * rebuild left `building` by a stopped run. Prints the events read and the rate.
 */
import { Command } from 'commander';
import { createPgPool } from '@tm/database';
import { rootLogger } from '@tm/platform';
import { RebuildService } from '@tm/read-models';

async function main(): Promise<void> {
  const options = new Command('rebuild-projection')
    .description('Rebuild the read-models projection from the event store')
    .option('--batch-size <n>', 'events per transaction', (v) => Number.parseInt(v, 10), 5_000)
    .parse()
    .opts<{ batchSize: number }>();
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new Error('--batch-size must be a positive integer');
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const pool = createPgPool(url, 4);
  try {
    const service = new RebuildService(pool, rootLogger({ app: 'rebuild-projection' }));
    const version = (await service.building()) ?? (await service.begin());
    const outcome = await service.run(version, { batchSize: options.batchSize });
    const rate = outcome.elapsedMs > 0 ? Math.round((outcome.eventsRead * 1000) / outcome.elapsedMs) : outcome.eventsRead;
    process.stdout.write(
      `version ${outcome.version.version} (${outcome.version.schemaName}) active: ${outcome.eventsRead} events in ${outcome.elapsedMs} ms (${rate} events/s), ${outcome.eventsRefused} refused\n`,
    );
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`rebuild-projection failed: ${(error as Error).message}\n`);
  process.exit(1);
});
