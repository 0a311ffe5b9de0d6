import { ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { ApiExceptionFilter } from './api-exception.filter';

function answer(exception: unknown) {
  const headers: Record<string, string> = {};
  let status = 0;
  let body: unknown;
  const response = {
    setHeader: (name: string, value: string) => void (headers[name] = value),
    status: (code: number) => ((status = code), { json: (b: unknown) => void (body = b) }),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return { status, headers, body };
}

describe('ApiExceptionFilter', () => {
  it('answers 503 with Retry-After, not 500, when PostgreSQL is restarting or unreachable', () => {
    for (const error of [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
      new Error('Cannot use a pool after calling end on the pool'), // a request still in hand when shutdown closed the pool
    ]) {
      const { status, headers, body } = answer(error);
      expect(status).toBe(503);
      expect(headers['Retry-After']).toBe('2');
      expect(body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    }
  });

  it('keeps the body of a failed readiness check, which names the dependency that is down', () => {
    const terminus = {
      status: 'error',
      info: { postgres: { status: 'up' } },
      error: { kafka: { status: 'down', message: 'not connected yet' } },
      details: {},
    };
    expect(answer(new ServiceUnavailableException(terminus))).toMatchObject({ status: 503, body: terminus });
  });

  it('answers 500 without internals for an unexpected error', () => {
    const { status, body } = answer(new TypeError('x is undefined'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('x is undefined');
  });

  it('answers 400 for a value PostgreSQL refuses (SQLSTATE class 22) and keeps middleware client errors 4xx', () => {
    const outOfRange = answer(Object.assign(new Error('value "99999999999999999999" is out of range for type bigint'), { code: '22003' }));
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body).toMatchObject({ statusCode: 400, errors: [{ path: 'url', rule: 'databaseValue' }] });
    expect(JSON.stringify(outOfRange.body)).not.toMatch(/bigint|99999999999999999999/);
    const badGzip = answer(Object.assign(new Error('incorrect header check'), { status: 400, expose: true }));
    expect(badGzip.status).toBe(400);
  });

  it('answers 415 naming the header for a charset or encoding body-parser cannot read, 409 as Conflict', async () => {
    const charset = answer(Object.assign(new Error('unsupported charset "LATIN1"'), { status: 415, type: 'charset.unsupported' }));
    expect(charset).toMatchObject({
      status: 415,
      body: { statusCode: 415, error: 'Unsupported Media Type', errors: [{ path: 'content-type', rule: 'isJsonContentType' }] },
    });
    const encoding = answer(Object.assign(new Error('unsupported content encoding "zz"'), { status: 415, type: 'encoding.unsupported' }));
    expect(encoding.body).toMatchObject({ errors: [{ path: 'content-encoding', rule: 'contentEncoding' }] });
    const { ConflictException } = await import('@nestjs/common');
    expect(answer(new ConflictException('a rebuild is already running')).body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('names the rate limit as a field error, without the exception class in the message', async () => {
    const { ThrottlerException } = await import('@nestjs/throttler');
    expect(answer(new ThrottlerException('this API key made more than 3 requests in 60 seconds')).body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'this API key made more than 3 requests in 60 seconds',
      errors: [{ path: 'authorization', rule: 'rateLimit', message: 'this API key made more than 3 requests in 60 seconds' }],
    });
  });

  it('gives every error body a non-empty errors array, each naming a field, the URL or a header', async () => {
    const { NotFoundException } = await import('@nestjs/common');
    expect(answer(new NotFoundException('Cannot GET /v1/nothing')).body).toMatchObject({
      statusCode: 404,
      errors: [{ path: 'url', rule: 'route' }],
    });
    const { BadRequestException } = await import('@nestjs/common');
    expect(answer(new BadRequestException("Failed to decode param '%ZZ'")).body).toMatchObject({
      statusCode: 400,
      errors: [{ path: 'url', rule: 'percentEncoding' }],
    });
    for (const error of [
      new TypeError('x is undefined'),
      Object.assign(new Error('Connection terminated unexpectedly'), {}),
      Object.assign(new Error('incorrect header check'), { status: 400, code: 'Z_DATA_ERROR' }),
    ]) {
      const { body } = answer(error) as { body: { errors: { path: string }[] } };
      expect(body.errors.length).toBe(1);
      expect(body.errors[0].path).not.toBe('');
    }
  });
});
