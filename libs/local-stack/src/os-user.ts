import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** An OS user's ids (`id -u` / `id -g`); `undefined` when the user does not exist (yet). */
export interface UserIds {
  uid: number;
  gid: number;
}

/** The `postgres` OS user the local PostgreSQL runs as when started by root, if it exists. */
export function postgresUserIds(): UserIds | undefined {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * The first folder above `path` (from `/` down, the nearest existing one included) that `user` may not enter: no
 * search (x) permission for its owner, group or others as they apply to `user` (a missing user counts as others).
 * @returns the folder and its permission bits, or `undefined` when every folder can be entered.
 */
export function unreachableFolder(path: string, user: UserIds | undefined): { path: string; mode: number } | undefined {
  const folders: string[] = [];
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    folders.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const folder of folders) {
    let stats;
    try {
      stats = statSync(folder);
    } catch {
      return undefined; // not created yet: whoever creates it decides
    }
    const mode = stats.mode & 0o7777;
    const bit = user?.uid === stats.uid ? 0o100 : user?.gid === stats.gid ? 0o010 : 0o001;
    if (!(mode & bit)) return { path: folder, mode };
  }
  return undefined;
}
