import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBuildCurrent, sourceFingerprint } from './build';

describe('npm start skips the build when no source changed', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tm-build-'));
    mkdirSync(join(root, 'libs', 'a', 'src'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'libs', 'a', 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'tsconfig.json'), '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const recordBuild = () => writeFileSync(join(root, 'dist', '.sources-fingerprint'), sourceFingerprint(root));

  it('is current after a build, and not once a source is edited, added or removed', () => {
    expect(isBuildCurrent(root, join(root, 'dist'))).toBe(false); // never built
    recordBuild();
    expect(isBuildCurrent(root, join(root, 'dist'))).toBe(true);
    writeFileSync(join(root, 'dist', 'other.js'), ''); // the output is no source
    writeFileSync(join(root, 'libs', 'a', 'src', 'a.unit.spec.ts'), ''); // nor are tests
    expect(isBuildCurrent(root, join(root, 'dist'))).toBe(true);

    utimesSync(join(root, 'libs', 'a', 'src', 'a.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(isBuildCurrent(root, join(root, 'dist'))).toBe(false);
    recordBuild();
    writeFileSync(join(root, 'libs', 'a', 'src', 'b.ts'), '');
    expect(isBuildCurrent(root, join(root, 'dist'))).toBe(false);
    recordBuild();
    rmSync(join(root, 'libs', 'a', 'src', 'b.ts'));
    expect(isBuildCurrent(root, join(root, 'dist'))).toBe(false);
    recordBuild();
    writeFileSync(join(root, 'tsconfig.json'), '{ }');
    expect(isBuildCurrent(root, join(root, 'dist'))).toBe(false);
  });
});
