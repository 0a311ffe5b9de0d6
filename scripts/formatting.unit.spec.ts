import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** The README's promise: `npm run lint` fails on code Prettier would rewrite, at 140 characters a line. */
describe('formatting in npm run lint', () => {
  const root = join(__dirname, '..');

  it('runs Prettier in check mode after ESLint', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.lint).toMatch(/^eslint \. && prettier --check .*"\*\*\/\*\.\{ts,tsx,mjs,js\}"$/);
  });

  // Prettier's CLI in a child process, as npm run lint runs it (its API needs ESM dynamic imports Jest does not load).
  const format = (source: string) =>
    spawnSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', 'libs/platform/src/probe.ts'], {
      cwd: root,
      input: source,
      encoding: 'utf8',
    }).stdout;

  it('rewrites unformatted TypeScript (so --check fails on it) and wraps at 140 characters', () => {
    const sloppy = 'const  x = {a:1}\n';
    expect(format(sloppy)).not.toBe(sloppy);
    const long = `export const names = [${Array.from({ length: 30 }, (_, i) => `'name${i}'`).join(', ')}];\n`;
    const lines = format(long).trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(140);
    const wide = `export const names = [${Array.from({ length: 11 }, (_, i) => `'name${i}'`).join(', ')}];\n`; // ~120 characters
    expect(wide.length).toBeGreaterThan(100);
    expect(format(wide)).toBe(wide); // kept on one line: the width is 140, not Prettier's default 80
  });
});
