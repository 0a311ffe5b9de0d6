import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '@tm/platform';
import { isAudited } from '../audit/audit-outcome';

type Request = IncomingMessage & { path: string; route?: { path?: unknown } };

/**
 * Express middleware timing every request to `/v1/**` from arrival to the answer's end:
 * `tm_http_request_duration_seconds{method,route,status}`, `route` the template Express matched (`/v1/reports/:id`;
 * `unmatched` when none did, so paths never become label values).
 */
export function measureRequests(metrics: Metrics): (request: Request, response: ServerResponse, next: () => void) => void {
  const duration = metrics.histogram({
    name: 'tm_http_request_duration_seconds',
    help: 'API requests under /v1, from arrival to the end of the answer, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  return (request, response, next) => {
    if (!isAudited(request.path)) return next();
    const stop = duration.startTimer();
    response.once('close', () => {
      const route = typeof request.route?.path === 'string' && isAudited(request.route.path) ? request.route.path : 'unmatched';
      stop({ method: request.method ?? 'UNKNOWN', route, status: String(response.statusCode) });
    });
    next();
  };
}
