import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import request from 'supertest';

interface HasHttpServer {
  getHttpServer(): Server;
}

/**
 * openapi-backend for a document given as an object: quick mode dereferences it synchronously, and loading it needs
 * no parser (openapi-backend's is an ESM-only package it imports dynamically, which Jest's CommonJS runtime cannot).
 */
class InlineDocumentBackend extends OpenAPIBackend {
  override async loadDocument(): Promise<Document> {
    this.document = this.inputDocument as Document;
    return this.document;
  }
}

/** A router and response validator for an OpenAPI document (given as an object, `$ref`s inside it). */
export async function documentChecker(document: Document): Promise<OpenAPIBackend> {
  const api = new InlineDocumentBackend({
    definition: document,
    quick: true,
    strict: true,
    validate: true,
    ajvOpts: { allErrors: true },
    customizeAjv: (ajv) => addFormats(ajv),
  });
  await api.init();
  return api;
}

/** One response as the app sent it. */
export interface SentResponse {
  method: string;
  url: string;
  status: number;
  contentType: string | undefined;
  body: string;
}

/**
 * What is wrong with `response` against `api`'s document, or nothing: its status must be documented for the operation
 * its method and path match, and a JSON body must satisfy that status's schema (openapi-backend's validator). A
 * path of no operation (a 404 for an unknown route) is not checked: the document cannot describe it.
 */
export function responseMismatches(api: OpenAPIBackend, response: SentResponse): string[] {
  const [path, query = ''] = response.url.split('?');
  const operation = api.matchOperation({ method: response.method, path, query, headers: {} });
  if (!operation) return [];
  const where = `${response.method} ${response.url} → ${response.status}`;
  const documented = operation.responses ?? {};
  if (!(String(response.status) in documented) && !('default' in documented))
    return [`${where}: status not documented for ${operation.operationId} (documented: ${Object.keys(documented).join(', ')})`];
  if (!response.contentType?.includes('json') || response.body === '') return [];
  const result = api.validateResponse(JSON.parse(response.body) as unknown, operation, response.status);
  return (result.errors ?? []).map((e) => `${where}: ${e.instancePath || 'body'} ${e.message ?? ''} (${JSON.stringify(e.params)})`);
}

/** The app's request handler, recording every response it sends. */
function recordingHandler(handler: RequestListener, record: (response: SentResponse) => void): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
        chunks.push(
          Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
        );
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => (keep(chunk, rest[0]), write(chunk, ...rest))) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => (keep(chunk, rest[0]), end(chunk, ...rest))) as typeof res.end;
    res.on('finish', () => {
      const contentType = res.getHeader('content-type');
      record({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        status: res.statusCode,
        contentType: contentType === undefined ? undefined : String(contentType),
        body: Buffer.concat(chunks).toString('utf8'),
      });
    });
    handler(req, res);
  };
}

/**
 * Checks every response an e2e test receives against the OpenAPI document the app serves (`/docs-json`). Call it in
 * a `describe` after the `beforeAll` that initialises the app: it puts a recorder in front of the app's request handler
 * (so `authedServer(app)` and `app.getHttpServer()` both go through it) and fails each test whose responses break
 * the document, naming the request, the status and the rule.
 */
export function checkResponsesAgainstDocument(app: () => HasHttpServer): void {
  let api: OpenAPIBackend;
  const mismatches: string[] = [];
  beforeAll(async () => {
    const server = app().getHttpServer();
    const { body } = await request(server).get('/docs-json').expect(200);
    api = await documentChecker(body as Document);
    const handler = server.listeners('request')[0] as RequestListener;
    server.removeAllListeners('request');
    server.on(
      'request',
      recordingHandler(handler, (response) => mismatches.push(...responseMismatches(api, response))),
    );
  });
  afterEach(() => {
    const found = mismatches.splice(0);
    expect(found).toEqual([]);
  });
}
