/**
 * `npm run build` and `npm start`'s build step: compiles the sources into `dist/` (`tsc -p tsconfig.build.json`, then
 * `tsc-alias` for the `@tm/*` paths) from an empty `dist/`, bundles the dashboard into `dist/web` (apps/web/build.ts), and records a fingerprint of the sources in
 * `dist/.sources-fingerprint`. With `--if-changed` (npm start) it skips the build when the fingerprint is unchanged:
 * a warm `npm start` spent ~50 s compiling a tree nobody had touched. Run by ts-node (there is no `dist/` yet).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildWeb } from '../apps/web/build';

/** What the build reads: tsconfig.build.json's sources, the two tsconfigs and the installed packages' lock. */
const SOURCE_FOLDERS = ['apps', 'libs', 'migrations', 'bench', 'scripts', 'test'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const FINGERPRINT_FILE = '.sources-fingerprint';

function* sourceFiles(folder: string): Generator<string> {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|json|html|css)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) yield path;
  }
}

/**
 * A hash of every source file's path, size and modification time under `root` (a file added, removed, edited or
 * checked out changes it; reading the contents would cost more than a check should).
 */
export function sourceFingerprint(root: string): string {
  const hash = createHash('sha256');
  const files = [
    ...SOURCE_FOLDERS.flatMap((folder) => [...sourceFiles(join(root, folder))]),
    ...SOURCE_FILES.map((file) => join(root, file)).filter((file) => existsSync(file)),
  ];
  for (const file of files.sort()) {
    const stats = statSync(file);
    hash.update(`${relative(root, file)}\0${stats.size}\0${stats.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Whether `outDir` holds a complete build of the sources as they are now. */
export function isBuildCurrent(root: string, outDir: string): boolean {
  const file = join(outDir, FINGERPRINT_FILE);
  return existsSync(file) && readFileSync(file, 'utf8') === sourceFingerprint(root);
}

function run(root: string, script: string, args: string[]): void {
  const result = spawnSync(process.execPath, [require.resolve(script, { paths: [root] }), ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Builds `root` into `root/dist` unless `ifChanged` and the last build is current. */
export function build(root: string, ifChanged: boolean): void {
  const outDir = join(root, 'dist');
  if (ifChanged && isBuildCurrent(root, outDir)) {
    process.stdout.write('[build] no source changed since the last build: not compiling (npm run build forces it)\n');
    return;
  }
  const fingerprint = sourceFingerprint(root); // taken before compiling: an edit during the build makes the next start build
  rmSync(outDir, { recursive: true, force: true });
  run(root, 'typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  run(root, 'tsc-alias/dist/bin/index.js', ['-p', 'tsconfig.build.json']);
  buildWeb(join(outDir, 'web'));
  writeFileSync(join(outDir, FINGERPRINT_FILE), fingerprint);
}

if (require.main === module) build(join(__dirname, '..'), process.argv.includes('--if-changed'));
