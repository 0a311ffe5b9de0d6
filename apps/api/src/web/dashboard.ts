import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Where the dashboard is served: `http://<host>:<API_PORT>/ui/`. */
export const DASHBOARD_PATH = '/ui';

/**
 * The folder of the dashboard's built files (`apps/web`, bundled by `npm run build`): `web/` beside the compiled
 * `apps/` (`dist/web`, or the test run's build folder), or `dist/web` when the API runs from its TypeScript sources.
 */
export function dashboardFolder(): string {
  const fromSources = __filename.endsWith('.ts');
  return fromSources ? join(__dirname, '..', '..', '..', '..', 'dist', 'web') : join(__dirname, '..', '..', '..', '..', 'web');
}

/**
 * The page's own policy: helmet's default for the API adds `upgrade-insecure-requests`, which would send the page's
 * scripts to https on a plain-http host. Everything comes from the API's origin (no CDN); ECharts styles inline.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves the dashboard's static files at {@link DASHBOARD_PATH} (public: the page asks for an API key and sends it
 * with each call). Nothing is mounted when the files were not built, so `/ui` answers the API's 404.
 */
export function serveDashboard(app: INestApplication): void {
  const folder = dashboardFolder();
  if (!existsSync(join(folder, 'index.html'))) return;
  (app as NestExpressApplication).useStaticAssets(folder, {
    prefix: DASHBOARD_PATH,
    index: 'index.html',
    setHeaders: (response) => {
      response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      response.setHeader('Cache-Control', 'no-cache');
    },
  });
}
