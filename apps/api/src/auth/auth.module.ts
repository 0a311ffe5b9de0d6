import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { requiredAccess } from './access-policy';
import { ApiKeyGuard } from './api-key.guard';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { MeController } from './me.controller';
import type { AuthenticatedRequest } from './principal';

/**
 * Access control for the whole API: API keys with roles (guard registered globally, policy in access-policy.ts),
 * then a rate limit per key (@nestjs/throttler; per client address for public routes is not needed: they are
 * health and docs, which are skipped). Answers 429 with `Retry-After` beyond `RATE_LIMIT_PER_MINUTE`. Failed
 * authentications are limited per client address (`AUTH_FAILURES_PER_MINUTE`, {@link AuthFailureLimiter}) in the
 * same throttler storage, checked by the key guard before it looks a key up.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => ({
        // Named 'default' so the answers carry plain Retry-After / X-RateLimit-* headers.
        throttlers: [{ name: 'default', ttl: 60_000, limit: env.RATE_LIMIT_PER_MINUTE }],
        getTracker: (request: Record<string, unknown>) => (request as AuthenticatedRequest).principal?.keyId ?? String(request.ip),
        // The filter answers it in the API's error body as { path: 'authorization', rule: 'rateLimit', message }.
        errorMessage: (_context, detail) =>
          `this API key made more than ${detail.limit} requests in ${Math.round(detail.ttl / 1000)} seconds (RATE_LIMIT_PER_MINUTE); retry after the delay in Retry-After`,
        skipIf: (context) => {
          const request = context.switchToHttp().getRequest<{ method: string; path: string }>();
          return requiredAccess(request.method, request.path) === 'public';
        },
      }),
    }),
  ],
  controllers: [ApiKeysController, MeController],
  providers: [
    ApiKeysRepository,
    AuthFailureLimiter,
    // Order matters: authenticate first, so the rate limit counts per key.
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
})
export class AuthModule {}
