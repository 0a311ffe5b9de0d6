import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository this CLI runs from (from `apps/cli/src` or `dist/apps/cli/src`), or undefined outside one. */
export function cliRepoRoot(from = __dirname): string | undefined {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return dir;
}

/**
 * Where `npm start` says what it runs, whatever its `--data-dir`: `TM_LOCAL_STACK_FILE`, else
 * `.local/running-stack.json` of the repository.
 */
export function localStackFile(env: NodeJS.ProcessEnv, root = cliRepoRoot()): string | undefined {
  return env.TM_LOCAL_STACK_FILE || (root ? join(root, '.local', 'running-stack.json') : undefined);
}

/** What `npm start` records while it runs, so the CLI finds its API and key: written when ready, removed when stopped. */
export interface LocalStackRecord {
  /** The `npm start` process: the record counts only while it lives. */
  pid: number;
  /** The API's base URL, e.g. `http://127.0.0.1:3000`. */
  apiUrl: string;
  /** Every app's port variable and port (`PROCESSOR_PORT`…), for `health`. */
  ports: Record<string, string>;
  /** The generated admin key's file (`<data dir>/bootstrap-admin-key`); absent when `BOOTSTRAP_ADMIN_KEY` was configured. */
  adminKeyFile?: string;
  /** The data folder (`--data-dir`, default `.local/dev`). */
  dataDir: string;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The record of the `npm start` that is running, or undefined (none, unreadable, or its process gone). */
export function readLocalStack(file: string | undefined): LocalStackRecord | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as LocalStackRecord;
    return typeof record.pid === 'number' && typeof record.apiUrl === 'string' && isAlive(record.pid) ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the record (readable by its owner only: it names the key's file) for {@link readLocalStack}. */
export function writeLocalStack(file: string, record: LocalStackRecord): void {
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
}

/** Removes the record if it is still this process's (another `npm start` may have written its own since). */
export function removeLocalStack(file: string, pid = process.pid): void {
  if (readLocalStackRaw(file)?.pid === pid) rmSync(file, { force: true });
}

function readLocalStackRaw(file: string): LocalStackRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalStackRecord;
  } catch {
    return undefined;
  }
}

const isLocalHost = (url: string) => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(new URL(url).hostname);

/**
 * The admin key `npm start` generated for the local apps, used when no key is given and the API is on this machine;
 * never sent to another host. The running `npm start`'s key file when `apiUrl` is its API (whatever its
 * `--data-dir`), else `.local/dev/bootstrap-admin-key`.
 */
export function localAdminKey(apiUrl: string, stack?: LocalStackRecord, root = cliRepoRoot()): string | undefined {
  if (!isLocalHost(apiUrl)) return undefined;
  const recorded = stack?.adminKeyFile && new URL(stack.apiUrl).port === new URL(apiUrl).port ? stack.adminKeyFile : undefined;
  const file = recorded ?? (root ? join(root, '.local', 'dev', 'bootstrap-admin-key') : undefined);
  return file && existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

/** A new API key in the form the API accepts (`tm_<8 hex>_<43 base64url>`), e.g. for `BOOTSTRAP_ADMIN_KEY`. */
export function generateApiKey(): string {
  return `tm_${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}`;
}
