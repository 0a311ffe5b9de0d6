import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from './roles';

/** The caller, as established by the API-key guard. */
export interface Principal {
  keyId: string;
  /** Safe to log: `key:<prefix>` or `bootstrap-admin`. Recorded as the actor of every command and event. */
  actor: string;
  name: string;
  role: Role;
}

export interface AuthenticatedRequest {
  principal?: Principal;
  /**
   * A stored key presented whole (its hash matched) but refused, revoked or expired: not a principal, but a known
   * key, which the audit log records with its 401.
   */
  refusedKey?: Pick<Principal, 'keyId' | 'name' | 'role'>;
}

/** Injects the actor (`key:<prefix>`) of the request into a controller method. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.principal?.actor ?? 'anonymous';
});
