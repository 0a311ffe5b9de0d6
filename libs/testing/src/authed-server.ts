import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { TEST_ADMIN_KEY } from './test-environment';

interface HasHttpServer {
  getHttpServer(): { listeners(event: 'request'): unknown[] };
}

/**
 * The app's request handler with the test admin key added to every request that carries no key of its own, for
 * supertest: `request(authedServer(app)).get('/v1/…')`. Tests of access control itself use `app.getHttpServer()`.
 */
export function authedServer(app: HasHttpServer): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!req.headers.authorization && !req.headers['x-api-key']) req.headers.authorization = `Bearer ${TEST_ADMIN_KEY}`;
    // Looked up at each request: checkResponsesAgainstDocument may put its recorder in front after this was made.
    const handler = app.getHttpServer().listeners('request')[0] as RequestListener;
    handler(req, res);
  };
}
