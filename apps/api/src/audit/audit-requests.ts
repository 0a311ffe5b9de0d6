import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_HEADER } from '@tm/platform';
import type { AuthenticatedRequest } from '../auth/principal';
import type { AuditLog } from './audit-log';
import { auditOutcome, isAudited, storedPath } from './audit-outcome';

/** The parts of Express' request the audit reads. */
type Request = IncomingMessage & AuthenticatedRequest & { path: string; ip?: string; id?: unknown; route?: { path?: unknown } };

/**
 * Express middleware recording every request to `/v1/**` in the audit log once its answer is sent (or the connection
 * closed): the principal the key guard established (for a 401, the revoked or expired key it refused, else none), the
 * route template Express matched, the status. Registered first, so requests refused before routing (413, 415) are
 * recorded too, without a route.
 */
export function auditRequests(log: AuditLog): (request: Request, response: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    if (!isAudited(request.path)) return next();
    const at = new Date();
    response.once('close', () => {
      // A revoked or expired key is refused (401) but known: recorded as it was then, as a principal is.
      const key = request.principal ?? request.refusedKey;
      // A catch-all outside /v1 (the dashboard's fallback) answering an unknown path is no route of the API.
      const route = typeof request.route?.path === 'string' && isAudited(request.route.path) ? request.route.path : null;
      const correlationId = response.getHeader(CORRELATION_HEADER) ?? request.id;
      log.record({
        at,
        keyId: key?.keyId ?? null,
        keyName: key?.name ?? null,
        keyRole: key?.role ?? null,
        method: request.method ?? 'UNKNOWN',
        route,
        path: storedPath(request.path),
        status: response.statusCode,
        outcome: auditOutcome(response.statusCode),
        correlationId: typeof correlationId === 'string' ? correlationId : null,
        clientAddress: request.ip ?? request.socket.remoteAddress ?? null,
      });
    });
    next();
  };
}
