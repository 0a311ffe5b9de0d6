import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { requiredAccess } from './access-policy';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { apiKeyPrefix, hashApiKey, matchesHash } from './api-key';
import { ApiKeysRepository } from './api-keys.repository';
import type { AuthenticatedRequest, Principal } from './principal';
import { grants } from './roles';

const BOOTSTRAP_ACTOR = 'bootstrap-admin';

/** The part of an HTTP request the guard reads. */
interface Request {
  method: string;
  path: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The key presented as `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
function presentedKey(request: Request): string | undefined {
  const authorization = request.headers.authorization;
  if (Array.isArray(authorization)) return undefined;
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

function unauthorized(message: string): HttpException {
  return new HttpException(
    { statusCode: 401, error: 'Unauthorized', message, errors: [{ path: 'authorization', rule: 'apiKey', message }] },
    HttpStatus.UNAUTHORIZED,
  );
}

/**
 * Authenticates every request by API key and authorises it by the access policy (`access-policy.ts`):
 * 401 without a valid, unexpired, unrevoked key; 403 when the key's role is below the route's. The caller becomes
 * `request.principal`, whose `actor` every command and event records. Keys that fail are counted per client
 * address ({@link AuthFailureLimiter}): past the limit, 429 before the key is looked up. The bootstrap key is
 * checked first, in memory, so it works from a blocked address.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly bootstrapHash?: Buffer;

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly failures: AuthFailureLimiter,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    if (env.BOOTSTRAP_ADMIN_KEY) this.bootstrapHash = hashApiKey(env.BOOTSTRAP_ADMIN_KEY);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & AuthenticatedRequest>();
    const access = requiredAccess(request.method, request.path);
    if (access === 'public') return true;
    const key = presentedKey(request);
    if (!key) throw unauthorized('an API key is required (Authorization: Bearer <key>)');
    const principal = this.bootstrapPrincipal(key) ?? (await this.authenticateCounted(key, request, http.getResponse()));
    request.principal = principal;
    if (!grants(principal.role, access)) {
      const message = `this API key has role ${principal.role}; ${request.method} ${request.path} needs ${access}`;
      throw new HttpException(
        { statusCode: 403, error: 'Forbidden', message, errors: [{ path: 'authorization', rule: `role:${access}`, message }] },
        HttpStatus.FORBIDDEN,
      );
    }
    return true;
  }

  private bootstrapPrincipal(key: string): Principal | undefined {
    if (!this.bootstrapHash || !matchesHash(key, this.bootstrapHash)) return undefined;
    return { keyId: BOOTSTRAP_ACTOR, actor: BOOTSTRAP_ACTOR, name: 'bootstrap admin (BOOTSTRAP_ADMIN_KEY)', role: 'admin' };
  }

  /** {@link authenticate}, refused with 429 from a blocked address, a 401 counted as a failure. */
  private async authenticateCounted(
    key: string,
    request: Request & AuthenticatedRequest,
    response: { setHeader(name: string, value: string): void },
  ): Promise<Principal> {
    this.failures.assertNotBlocked(request, response);
    try {
      return await this.authenticate(key, request);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === HttpStatus.UNAUTHORIZED)
        await this.failures.recordFailure(request, response);
      throw error;
    }
  }

  /**
   * A stored key: found by its prefix, the hash compared in constant time. A revoked or expired key is known (its
   * hash matched): it is kept as `request.refusedKey` for the audit log; an unknown one is not.
   * @throws HttpException 401
   */
  private async authenticate(key: string, request: AuthenticatedRequest): Promise<Principal> {
    const prefix = apiKeyPrefix(key);
    const stored = prefix ? await this.keys.findByPrefix(prefix) : undefined;
    if (!stored || !matchesHash(key, stored.secretHash)) throw unauthorized('the API key is not valid');
    const { expiresAt } = stored;
    const expired = expiresAt !== null && expiresAt.getTime() <= Date.now();
    if (stored.revokedAt || expired) request.refusedKey = { keyId: stored.keyId, name: stored.name, role: stored.role };
    if (stored.revokedAt) throw unauthorized(`the API key ${stored.prefix} was revoked`);
    if (expired) throw unauthorized(`the API key ${stored.prefix} expired at ${expiresAt.toISOString()}`);
    this.keys.touch(stored.keyId);
    return { keyId: stored.keyId, actor: `key:${stored.prefix}`, name: stored.name, role: stored.role };
  }
}
