import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_IPV6_SUBNET_PREFIX,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerStorageService,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { ENVIRONMENT, type Environment } from '@tm/platform';

/** Throttler name the failures are counted under, in the storage the per-key `default` limit uses. */
export const AUTH_FAILURES_THROTTLER = 'auth-failures';
const WINDOW_MS = 60_000;

/** The parts of Express' request and response the limiter uses. */
interface ClientRequest {
  ip?: string;
}
interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/**
 * Limits failed authentications per client address (IPv6 by /64, as @nestjs/throttler tracks clients): a key that is
 * presented but malformed, unknown, wrong, revoked or expired counts one. Past `AUTH_FAILURES_PER_MINUTE` in a minute
 * the address is blocked for a minute: its requests with a key answer 429 with `Retry-After` (seconds) before any
 * key lookup in PostgreSQL. Counts live in the throttler's storage, in memory: per API instance.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limit: number;

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.limit = env.AUTH_FAILURES_PER_MINUTE;
  }

  /** @throws HttpException 429 (`Retry-After` set on `response`) while the client's address is blocked; counts nothing. */
  assertNotBlocked(request: ClientRequest, response: HeaderSink): void {
    const seconds = this.blockedSeconds(trackerKey(request));
    if (seconds > 0) throw tooManyFailures(response, seconds);
  }

  /** Counts a failed authentication. @throws HttpException 429 when this one blocks the address */
  async recordFailure(request: ClientRequest, response: HeaderSink): Promise<void> {
    const record = await this.storage.increment(trackerKey(request), WINDOW_MS, this.limit, WINDOW_MS, AUTH_FAILURES_THROTTLER);
    if (record.isBlocked) throw tooManyFailures(response, Math.max(record.timeToBlockExpire, 1));
  }

  /** Seconds `key` stays blocked, 0 when it is not. */
  private blockedSeconds(key: string): number {
    // ThrottlerStorage can only count a hit; its in-memory implementation (the one configured) also shows the record.
    if (!(this.storage instanceof ThrottlerStorageService)) return 0;
    const record = this.storage.storage.get(key);
    const remaining = record?.isBlocked ? record.blockExpiresAt - Date.now() : 0;
    return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
  }
}

function trackerKey(request: ClientRequest): string {
  return `${AUTH_FAILURES_THROTTLER}:${(request.ip && normalizeIp(request.ip, DEFAULT_IPV6_SUBNET_PREFIX)) || 'unknown'}`;
}

function tooManyFailures(response: HeaderSink, seconds: number): HttpException {
  response.setHeader('Retry-After', String(seconds));
  const message = `too many failed authentications from this address; retry after ${seconds} s`;
  return new HttpException(
    { statusCode: 429, error: 'Too Many Requests', message, errors: [{ path: 'authorization', rule: 'authFailureRate', message }] },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
