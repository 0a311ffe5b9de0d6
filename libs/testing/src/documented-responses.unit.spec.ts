import type { Document } from 'openapi-backend';
import { documentChecker, responseMismatches, type SentResponse } from './documented-responses';

const DOCUMENT = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  servers: [{ url: '/' }],
  paths: {
    '/v1/things/{id}': {
      get: {
        operationId: 'thing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          304: { description: 'not modified' },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, note: { type: 'string', nullable: true }, at: { type: 'string', format: 'date-time' } },
      },
    },
  },
} as unknown as Document;

const sent = (status: number, body: unknown, url = '/v1/things/1?x=1'): SentResponse => ({
  method: 'GET',
  url,
  status,
  contentType: body === undefined ? undefined : 'application/json; charset=utf-8',
  body: body === undefined ? '' : JSON.stringify(body),
});

describe('responseMismatches: a response against the OpenAPI document', () => {
  it('passes a body that satisfies its status schema (through a $ref, nullable kept) and a documented 304', async () => {
    const api = await documentChecker(DOCUMENT);
    expect(responseMismatches(api, sent(200, { name: 'a', note: null }))).toEqual([]);
    expect(responseMismatches(api, sent(304, undefined))).toEqual([]);
  });

  it('checks formats (uuid, date-time)', async () => {
    const api = await documentChecker(DOCUMENT);
    expect(responseMismatches(api, sent(200, { name: 'a', at: 'yesterday' }))).toEqual([
      expect.stringContaining('/at must match format "date-time"'),
    ]);
  });

  it('names a status the operation does not document', async () => {
    const api = await documentChecker(DOCUMENT);
    expect(responseMismatches(api, sent(401, { statusCode: 401 }))).toEqual([
      expect.stringContaining('GET /v1/things/1?x=1 → 401: status not documented for thing'),
    ]);
  });

  it('names each rule a body breaks', async () => {
    const api = await documentChecker(DOCUMENT);
    expect(responseMismatches(api, sent(200, { note: 3 }))).toEqual(
      expect.arrayContaining([
        expect.stringContaining("must have required property 'name'"),
        expect.stringContaining('/note must be string'),
      ]),
    );
  });

  it('leaves paths of no operation alone', async () => {
    const api = await documentChecker(DOCUMENT);
    expect(responseMismatches(api, sent(404, { statusCode: 404 }, '/nowhere'))).toEqual([]);
  });
});
