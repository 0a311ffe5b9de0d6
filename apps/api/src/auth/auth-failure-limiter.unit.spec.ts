import { HttpException } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Environment } from '@tm/platform';
import { AuthFailureLimiter } from './auth-failure-limiter';

describe('AuthFailureLimiter', () => {
  let storage: ThrottlerStorageService;
  let limiter: AuthFailureLimiter;
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => void (headers[name] = value) };
  const status = (run: () => unknown) => {
    try {
      run();
      return 'passed';
    } catch (error) {
      return (error as HttpException).getStatus();
    }
  };
  const record = (ip: string) =>
    limiter.recordFailure({ ip }, response).then(
      () => 'counted',
      (error: HttpException) => error.getStatus(),
    );

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    storage = new ThrottlerStorageService();
    limiter = new AuthFailureLimiter(storage, { AUTH_FAILURES_PER_MINUTE: 3 } as Environment);
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('blocks an address past the limit for a minute, with Retry-After, and counts nothing while checking', async () => {
    for (let i = 0; i < 3; i++) expect(await record('203.0.113.7')).toBe('counted');
    for (let i = 0; i < 5; i++) expect(status(() => limiter.assertNotBlocked({ ip: '203.0.113.7' }, response))).toBe('passed');
    expect(await record('203.0.113.7')).toBe(429);
    expect(status(() => limiter.assertNotBlocked({ ip: '203.0.113.7' }, response))).toBe(429);
    expect(headers['Retry-After']).toBe('60');
    expect(status(() => limiter.assertNotBlocked({ ip: '203.0.113.8' }, response))).toBe('passed');

    jest.advanceTimersByTime(45_000);
    expect(status(() => limiter.assertNotBlocked({ ip: '203.0.113.7' }, response))).toBe(429);
    expect(headers['Retry-After']).toBe('15');
    jest.advanceTimersByTime(15_001);
    expect(status(() => limiter.assertNotBlocked({ ip: '203.0.113.7' }, response))).toBe('passed');
    expect(await record('203.0.113.7')).toBe('counted');
  });

  it('tracks IPv6 clients by /64 and IPv4-mapped addresses as IPv4', async () => {
    for (let i = 0; i < 4; i++) await record(`2001:db8:1:2::${i + 1}`);
    expect(status(() => limiter.assertNotBlocked({ ip: '2001:db8:1:2:ffff::9' }, response))).toBe(429);
    expect(status(() => limiter.assertNotBlocked({ ip: '2001:db8:1:3::1' }, response))).toBe('passed');
    for (let i = 0; i < 4; i++) await record('::ffff:198.51.100.1');
    expect(status(() => limiter.assertNotBlocked({ ip: '198.51.100.1' }, response))).toBe(429);
  });
});
