/**
 * `npm run lint:api`: writes the API's OpenAPI document (scripts/openapi-document.ts, no services needed) to
 * `dist/openapi.json`, lints it with Spectral (`.spectral.yaml`, extending `spectral:oas`; any error or warning
 * fails), and checks that the typed client's types, `libs/testing/src/api-schema.ts` (openapi-typescript), are
 * those of this document. `npm run lint:api -- --write` regenerates them instead of checking.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const DOCUMENT = join(ROOT, 'dist', 'openapi.json');
const TYPES = join(ROOT, 'libs', 'testing', 'src', 'api-schema.ts');
const BIN = join(ROOT, 'node_modules', '.bin');

/** Runs a command from the repository root, its output shown; exits with its status when it fails. */
function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main(): void {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  run(process.execPath, [
    '-r',
    'ts-node/register/transpile-only',
    '-r',
    'tsconfig-paths/register',
    join(__dirname, 'openapi-document.ts'),
    DOCUMENT,
  ]);
  run(join(BIN, 'spectral'), ['lint', '--ruleset', '.spectral.yaml', '--fail-severity', 'warn', DOCUMENT]);
  if (process.argv.includes('--write')) {
    run(join(BIN, 'openapi-typescript'), [DOCUMENT, '--output', TYPES]);
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'api-schema-'));
  try {
    const fresh = join(folder, 'api-schema.ts');
    run(join(BIN, 'openapi-typescript'), [DOCUMENT, '--output', fresh]);
    if (readFileSync(fresh, 'utf8') !== readFileSync(TYPES, 'utf8')) {
      console.error(`${TYPES} is not the document's: run npm run lint:api -- --write and commit it`);
      process.exit(1);
    }
    console.log('api-schema.ts matches the document');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main();
