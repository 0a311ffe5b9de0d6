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
}

/** Injects the actor (`key:<prefix>`) of the request into a controller method. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.principal?.actor ?? 'anonymous';
});
