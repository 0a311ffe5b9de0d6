/**
 * Bundles the dashboard (`apps/web/src`, Preact and Apache ECharts) into `outDir` with esbuild: `app.js` (one ES
 * module, minified, with its source map and the licences of what it bundles in `app.js.LEGAL.txt`), `index.html` and
 * `styles.css`. The API serves that folder at `/ui` (apps/api/src/web/dashboard.ts). Called by scripts/build.ts (into
 * `dist/web`) and by the browser test (into the test run's build folder); takes about a second.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const SOURCE = join(__dirname, 'src');

export function buildWeb(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [join(SOURCE, 'main.tsx')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(__dirname, 'tsconfig.json'),
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css']) copyFileSync(join(SOURCE, file), join(outDir, file));
}
