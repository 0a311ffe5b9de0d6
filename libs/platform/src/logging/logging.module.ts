import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { loadEnvironment } from '../config/environment';

/** Header carrying the correlation id through HTTP, Kafka and webhooks. */
export const CORRELATION_HEADER = 'x-correlation-id';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's correlation id when it is well formed, otherwise a new UUID. */
export function correlationIdFrom(request: IncomingMessage): string {
  const given = request.headers[CORRELATION_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

/**
 * Structured JSON logs (pino): one line per entry, with `app`, and on HTTP requests a `correlationId`
 * echoed back in the `x-correlation-id` response header. Credentials never reach the log.
 */
@Module({})
export class LoggingModule {
  static forApp(app: string) {
    const env = loadEnvironment();
    return LoggerModule.forRoot({
      pinoHttp: {
        level: env.LOG_LEVEL,
        base: { app },
        customAttributeKeys: { reqId: 'correlationId' },
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const id = correlationIdFrom(req);
          res.setHeader(CORRELATION_HEADER, id);
          return id;
        },
        redact: {
          paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', '*.password', '*.secret'],
          remove: true,
        },
        autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
      },
    });
  }
}
