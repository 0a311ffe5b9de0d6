import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cachedRoot: string | undefined;

/**
 * Absolute path of the repository root: the nearest ancestor of this file holding `package.json`
 * (works from `libs/…/src` under ts-node/Jest and from `dist/…` after a build).
 * @throws Error when no `package.json` is found up to the file-system root.
 */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = resolve(__dirname);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return (cachedRoot = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json with a data/ folder above ${__dirname}`);
    dir = parent;
  }
}

/** Absolute path of a file in the project's run-time `data/` folder, e.g. `dataPath('eval', 'x.csv')`. */
export function dataPath(...parts: string[]): string {
  return join(repoRoot(), 'data', ...parts);
}
