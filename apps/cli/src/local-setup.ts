import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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
 * The admin key `npm start` generated for the local apps (`.local/dev/bootstrap-admin-key`), used when no key is
 * given and the API is on this machine; never sent to another host.
 */
export function localAdminKey(apiUrl: string, root = cliRepoRoot()): string | undefined {
  const host = new URL(apiUrl).hostname;
  if (!root || !['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) return undefined;
  const file = join(root, '.local', 'dev', 'bootstrap-admin-key');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

/** A new API key in the form the API accepts (`tm_<8 hex>_<43 base64url>`), e.g. for `BOOTSTRAP_ADMIN_KEY`. */
export function generateApiKey(): string {
  return `tm_${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}`;
}
