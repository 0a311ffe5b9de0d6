import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unreachableFolder } from './os-user';

describe('unreachableFolder', () => {
  let top: string;
  beforeEach(() => {
    top = mkdtempSync(join(tmpdir(), 'tm-os-user-')); // mode 0700, like `mktemp -d` or root's home
    mkdirSync(join(top, 'repo', 'node_modules'), { recursive: true });
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  it('names the 0700 folder another user cannot enter (a clone under `mktemp -d`)', () => {
    const other = { uid: 4242, gid: 4242 };
    expect(unreachableFolder(join(top, 'repo', 'node_modules', 'postgres'), other)).toEqual({ path: top, mode: 0o700 });
    expect(unreachableFolder(join(top, 'repo', 'node_modules', 'postgres'), undefined)).toEqual({ path: top, mode: 0o700 });
  });

  it('lets in others once the folder allows them, and the owner always', () => {
    chmodSync(top, 0o711);
    expect(unreachableFolder(join(top, 'repo', 'x'), { uid: 4242, gid: 4242 })).toBeUndefined();
    chmodSync(top, 0o700);
    expect(unreachableFolder(join(top, 'repo', 'x'), { uid: process.getuid!(), gid: 4242 })).toBeUndefined();
  });
});
