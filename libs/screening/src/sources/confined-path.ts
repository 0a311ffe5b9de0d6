import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * A list source the caller may not use: outside the import folder, a bad URL scheme, a host that is or resolves to a
 * non-public address (`publicAddress`) or does not resolve (`resolvableHost`)… `rule` names the broken rule.
 */
export class ListSourceError extends Error {
  constructor(
    readonly rule: 'insideImportFolder' | 'httpUrl' | 'publicAddress' | 'resolvableHost' | 'exists' | 'download' | 'maxBytes' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'ListSourceError';
  }
}

/** True for `http://` and `https://` sources (anything else is a path). */
export function isUrlSource(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
}

/**
 * The absolute path of `source` (relative to `importDir`, or absolute) when it lies inside `importDir`, after
 * resolving `..` and symbolic links; a link pointing out of the folder is refused like `../`.
 * @throws ListSourceError `insideImportFolder` when it lies outside, `exists` when it does not exist.
 */
export function confinedPath(importDir: string, source: string): string {
  if (source.includes('\0')) throw new ListSourceError('insideImportFolder', 'the path holds a NUL byte');
  const root = resolve(importDir);
  const candidate = isAbsolute(source) ? resolve(source) : resolve(root, source);
  if (!inside(root, candidate)) throw new ListSourceError('insideImportFolder', `${source} is outside the import folder`);
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(candidate);
  } catch {
    throw new ListSourceError('exists', `${source} does not exist in the import folder`);
  }
  if (!inside(realRoot, real)) throw new ListSourceError('insideImportFolder', `${source} resolves outside the import folder`);
  return real;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'));
}
