import { AUDIT_PATH_MAX, type AuditOutcome } from '@tm/read-models';

/** The audit outcome of an HTTP status: access control refuses with 401, 403 and 429; any other status was let through. */
export function auditOutcome(status: number): AuditOutcome {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate-limited';
  return 'allowed';
}

/** Whether a request path is audited: the API under `/v1` (not health, the OpenAPI document or the dashboard's files). */
export function isAudited(path: string): boolean {
  return /^\/v1(\/|$)/i.test(path);
}

/** A requested path as stored: at most {@link AUDIT_PATH_MAX} characters, no NUL (PostgreSQL text cannot hold it). */
export function storedPath(path: string): string {
  return path.replace(/\0/g, '').slice(0, AUDIT_PATH_MAX);
}
