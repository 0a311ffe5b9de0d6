import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above `from` holding package.json (works from `dist/` too). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Where local stacks keep their data and the Kafka jars: `<repo>/.local` (git-ignored). */
export function localDir(...parts: string[]): string {
  return join(repoRoot(), '.local', ...parts);
}
