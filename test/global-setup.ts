import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { isAlive, localDir, startLocalStack, stopStaleStack, type LocalStack } from '../libs/local-stack/src';

declare global {
  var __TM_STACK__: LocalStack | undefined;
  var __TM_STACK_DIR__: string | undefined;
  var __TM_BUILD_DIR__: string | undefined;
}

/** Removes the folders of earlier test runs whose Jest process is gone, stopping anything they left running. */
async function removeStaleRuns(): Promise<void> {
  for (const folder of ['test', 'test-build']) {
    let entries: string[] = [];
    try {
      entries = readdirSync(localDir(folder));
    } catch {
      continue;
    }
    for (const entry of entries) {
      const pid = Number(entry);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
      if (folder === 'test') stopStaleStack(localDir(folder, entry));
      await rm(localDir(folder, entry), { recursive: true, force: true });
    }
  }
}

/**
 * Starts the real PostgreSQL and Kafka the integration tests need (or uses DATABASE_URL / KAFKA_BROKERS when
 * set) and hands their addresses to the test workers through the environment. Each run has its own folder
 * (`.local/test/<pid>`), so runs can overlap; each test file then makes its own database and topic prefix
 * (libs/testing), so files can run in parallel.
 */
/**
 * Compiles the sources once for the run into `outDir` (not `dist/`, which `npm start` may be running from), so that
 * tests starting apps as child processes run compiled code instead of compiling it again in every process.
 */
function buildForRun(outDir: string): Promise<void> {
  const run = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: join(__dirname, '..'), stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
    });
  return run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir]).then(() =>
    run([require.resolve('tsc-alias/dist/bin/index.js'), '-p', 'tsconfig.build.json', '--outDir', outDir]),
  );
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await removeStaleRuns();
  const root = localDir('test', String(process.pid));
  const buildDir = localDir('test-build', String(process.pid));
  const [stack] = await Promise.all([
    startLocalStack({ root, kafkaCacheDir: localDir('kafka-runtime'), fresh: true, database: 'tm_test' }),
    buildForRun(buildDir),
  ]);
  process.env.TM_TEST_BUILD_DIR = buildDir;
  process.env.DATABASE_URL = stack.env.DATABASE_URL;
  process.env.KAFKA_BROKERS = stack.env.KAFKA_BROKERS;
  // Quiet apps in tests unless asked (modules read the level when they are imported, before a test sets it).
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  globalThis.__TM_STACK__ = stack;
  globalThis.__TM_STACK_DIR__ = root;
  globalThis.__TM_BUILD_DIR__ = buildDir;
  process.stderr.write(
    `\nlocal stack ready in ${Date.now() - started} ms: postgres ${stack.started.postgres ? 'started' : 'configured'}, kafka ${stack.started.kafka ? 'started' : 'configured'} (${stack.env.KAFKA_BROKERS})\n`,
  );
}
