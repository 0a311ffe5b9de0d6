import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import request from 'supertest';
import { adminAuthorization, createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';
import { ApiModule } from '../src/api.module';
import { AuthModule } from '../src/auth/auth.module';
import { configureHttpApi } from '../src/http-setup';
import { listTag } from '../src/http/cursor-binding';

/**
 * Property-based hostile input over every documented endpoint (discovered from the OpenAPI document, so new
 * endpoints are fuzzed too): random JSON, deep nesting, wrong types, huge strings, odd Unicode (right-to-left marks,
 * zero-width characters, combining sequences, lone surrogates), mutated real reports, random query strings and path
 * parameters. Every answer must be a 2xx or a 4xx with the error body — never a 500, never a hang.
 */
const examples = readdirSync(join(__dirname, '../../../examples/reports'))
  .filter((f) => f.endsWith('.json'))
  // Each file is `{ report, evidence? }`; `report` is the POST /v1/reports body.
  .map(
    (f) =>
      (JSON.parse(readFileSync(join(__dirname, '../../../examples/reports', f), 'utf8')) as { report: Record<string, unknown> }).report,
  );

const oddString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u202eRU\u202c',
    'C\u200bN',
    'e\u0301\u0301\u0301',
    '\ud800',
    '\u0000',
    '../../etc/passwd',
    '%00',
    '{{7*7}}',
    '<script>',
    "' OR 1=1 --",
    '💥'.repeat(50),
  ),
);
const leaf = fc.oneof(oddString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const randomJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(oddString, tie('value'), { maxKeys: 5 }),
  ),
})).value;

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { claims: value };
  return value;
}

/** A real report with one value somewhere replaced, removed or joined by an unknown field. */
const mutatedReport = fc
  .tuple(fc.constantFrom(...examples), fc.nat(), fc.constantFrom('replace', 'remove', 'add'), randomJson)
  .map(([example, pick, action, value]) => {
    const copy = JSON.parse(JSON.stringify(example));
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          const key = Array.isArray(node) ? Number(k) : k;
          paths.push([...path, key]);
          walk(v, [...path, key]);
        }
      }
    };
    walk(copy, []);
    const path = paths[pick % paths.length];
    const parent = path.slice(0, -1).reduce((n: Record<string | number, unknown>, k) => n[k] as Record<string | number, unknown>, copy);
    const last = path[path.length - 1];
    if (action === 'replace') parent[last] = value;
    else if (action === 'remove') delete parent[last];
    else parent[`${String(last)}_unknown`] = value;
    return copy;
  });

const body = fc.oneof(
  { weight: 4, arbitrary: randomJson },
  { weight: 4, arbitrary: mutatedReport },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }).map(deeplyNested) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(2_000_000), '{"title": "unterminated', '[]', 'null', '"text"') },
);

const SAMPLE = { country: 'CN', supplier: 'CN', recipient: 'RU', name: 'read-models', listId: 'ofac-sdn' } as Record<string, string>;

describe('fuzzing every REST endpoint (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let operations: { method: string; template: string; hasBody: boolean; query: string[] }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, { RATE_LIMIT_PER_MINUTE: '1000000', COMMAND_PUBLISH_TIMEOUT_MS: '5000' });
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule, AuthModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApi(app);
    await app.init();
    const document = (await request(app.getHttpServer()).get('/docs-json')).body;
    operations = Object.entries(
      document.paths as Record<string, Record<string, { requestBody?: unknown; parameters?: { in: string; name: string }[] }>>,
    ).flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        hasBody: Boolean(op.requestBody),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function call(method: string, path: string, payload?: unknown, raw?: string) {
    let req = request(app.getHttpServer())[method.toLowerCase() as 'post'](path).set(adminAuthorization).timeout(10_000);
    if (raw !== undefined) req = req.set('content-type', 'application/json').send(raw);
    else if (payload !== undefined) req = req.send(payload as object);
    return req;
  }

  function checkAnswer(what: string, response: { status: number; body: unknown }) {
    if (response.status >= 500 || response.status < 200)
      throw new Error(`${what} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    if (response.status < 400) return;
    expect(response.body).toMatchObject({ statusCode: response.status, message: expect.any(String) });
    // Every refusal names what it refuses (a body path, a parameter, a header), never in PostgreSQL's words.
    const errors = (response.body as { errors?: { path?: unknown }[] }).errors ?? [];
    if (errors.length === 0 || errors.some((e) => typeof e.path !== 'string' || e.path === ''))
      throw new Error(`${what} → ${response.status} without a named error: ${JSON.stringify(response.body).slice(0, 300)}`);
    if (/out of range for type|invalid input syntax|SQLSTATE/.test(JSON.stringify(response.body)))
      throw new Error(`${what} → PostgreSQL text in ${JSON.stringify(response.body).slice(0, 300)}`);
  }

  it('refuses text PostgreSQL cannot store (NUL, lone surrogates) with a 400 naming the field', async () => {
    const query = await call('GET', '/v1/entities?q=%00');
    expect(query.status).toBe(400);
    // Named as a validation error names a query parameter: `q`, not `query.q` (found by a tester).
    expect(query.body.errors).toEqual([
      expect.objectContaining({ path: 'q', rule: 'noNulCharacter', message: expect.stringMatching(/^q /) }),
    ]);
    const report = { ...examples[0], text: 'before\u0000after' };
    const posted = await call('POST', '/v1/reports', undefined, JSON.stringify(report).replace('\\u0000', '\\ud800'));
    expect(posted.status).toBe(400);
    expect(posted.body.errors).toEqual([expect.objectContaining({ path: 'text', rule: 'isWellFormedUnicode' })]);
  });

  it('names a query parameter written with brackets by its name, once (q[a] was named q[a] beside a missing q; found by a tester)', async () => {
    for (const [path, name] of [
      ['/v1/search?q[a]=x', 'q'],
      ['/v1/search?q%5B%5D=x', 'q'],
      ['/v1/search?q=drones&limit[a][b]=2', 'limit'],
      ['/v1/sanctions-lists/ofac-sdn/entries?foo[]=1', 'foo'],
    ]) {
      const response = await call('GET', path);
      expect({ path, status: response.status, errors: response.body.errors }).toEqual({
        path,
        status: 400,
        errors: [
          expect.objectContaining({
            path: name,
            rule: 'plainName',
            message: expect.stringMatching(new RegExp(`^${name} must be sent as`)),
          }),
        ],
      });
    }
  });

  it('refuses a body that is not UTF-8 with 400 isUtf8 on every endpoint taking a body, not replaced by U+FFFD (found by a new user)', async () => {
    const report = JSON.stringify({ ...examples[0], source: { ...(examples[0].source as object), publisher: 'AB' } });
    const [before, after] = report.split('"AB"');
    const bytes = (inner: number[]) => Buffer.concat([Buffer.from(`${before}"A`), Buffer.from(inner), Buffer.from(`B"${after}`)]);
    const send = (method: string, path: string, body: Buffer) => {
      const server = request(app.getHttpServer());
      return (
        server[method.toLowerCase() as 'post'](path)
          .set(adminAuthorization)
          .set('content-type', 'application/json')
          // As bytes: superagent would write a Buffer sent as JSON as {"type":"Buffer",…}.
          .serialize(() => body as unknown as string)
          .send(body)
      );
    };
    const invalid = [
      [0xff, 0xfe],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
    ];
    for (const inner of invalid) {
      const refused = await send('POST', '/v1/reports', bytes(inner)).expect(400);
      expect(refused.body.errors).toEqual([
        {
          path: 'source.publisher',
          rule: 'isUtf8',
          message: expect.stringMatching(new RegExp(`^source.publisher is not UTF-8: byte ${before.length + 2} `)),
        },
      ]);
    }
    // U+FFFD sent as such (EF BF BD) is text like any other.
    expect((await send('POST', '/v1/reports', bytes([0xef, 0xbf, 0xbd]))).status).toBe(202);
    for (const op of operations.filter((o) => o.hasBody)) {
      const path = op.template.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? '00000000-0000-4000-8000-000000000000');
      const response = await send(op.method, path, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]));
      expect([op.method, path, response.status, response.body.errors?.[0]]).toEqual([
        op.method,
        path,
        400,
        expect.objectContaining({ path: 'a', rule: 'isUtf8' }),
      ]);
    }
  });

  it('answers 4xx to values past validation that PostgreSQL would refuse (found by a fresh-user review)', async () => {
    const cursor = Buffer.from(JSON.stringify(['2023-01-01', '-'.repeat(36)])).toString('base64url');
    for (const path of [
      '/v1/ledgers/CN?asOf=99999999999999999999',
      '/v1/ledgers/CN?minPosition=9223372036854775807',
      '/v1/flows?asOf=99999999999999999999',
      '/v1/flows?country=CN&direction=recipient&from=2023&to=2022',
      `/v1/flows?cursor=${cursor}`,
      `/v1/search?q=drones&cursor=${cursor}`,
      `/v1/search?q=drones&cursor=${Buffer.from(JSON.stringify(['r', null, '0.5', 'r', ''])).toString('base64url')}`,
      `/v1/search?q=drones&cursor=${Buffer.from(JSON.stringify([null, null, '1e-45', 'r', ''])).toString('base64url')}`,
      `/v1/search?q=drones&cursor=${Buffer.from(JSON.stringify(['r\u0000', '', '0.5', 'r', ''])).toString('base64url')}`,
      '/v1/alerts?since=2023-W05',
      '/v1/audit?from=0000-01-01',
      '/v1/audit?route=%00',
      `/v1/audit?cursor=${Buffer.from(JSON.stringify(['2023-01-01', '99999999999999999999'])).toString('base64url')}`,
      `/v1/audit?cursor=${cursor}`,
      `/v1/alerts?cursor=${cursor}`,
      `/v1/entities/${'A'.repeat(1400)}`,
      '/v1/entities/_w',
      `/v1/entities/${Buffer.from('a\u0000b').toString('base64url')}`,
      `/v1/entities/${Buffer.from('x').toString('base64url')}?cursor=${cursor}`,
      '/v1/webhooks/subscriptions/00000000-0000-4000-8000-000000000000/deliveries?cursor=9999999999999999999_00000000-0000-4000-8000-000000000000',
    ]) {
      // With the list's tag, as a nextCursor of that list would carry it, so the cursor reaches the list's decoder.
      const response = await call('GET', path.replace('cursor=', `cursor=${listTag(path)}`));
      expect({ path, status: response.status }).toEqual({ path, status: expect.any(Number) });
      if (response.status >= 500 || response.status < 400) throw new Error(`${path} → ${response.status} ${JSON.stringify(response.body)}`);
    }
  });

  it('bulk review: refuses duplicate, non-UUID, too many or no alert ids with a 4xx naming alertIds and the rule; accepts 1 to 500 distinct UUIDs', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const review = { status: 'dismissed', reason: 'same name, another person' };
    for (const [alertIds, rule] of [
      [[...ids(2), ids(1)[0]], 'arrayUnique'],
      // UUIDs are case-insensitive: the same alert in upper and lower case is a repeat.
      [['abcdef00-0000-4000-8000-00000000000a', 'ABCDEF00-0000-4000-8000-00000000000A'], 'arrayUnique'],
      [[...ids(2), 'not-a-uuid'], 'isUuid'],
      [ids(501), 'arrayMaxSize'],
      [[], 'arrayMinSize'],
      ['00000000-0000-4000-8000-000000000000', 'isArray'],
    ] as const) {
      const response = await call('POST', '/v1/alerts/review', { ...review, alertIds });
      // A value of the wrong format is a 400 (as elsewhere in the API), a broken rule a 422.
      expect({ rule, status: response.status, body: response.body }).toEqual({
        rule,
        status: rule === 'isUuid' ? 400 : 422,
        body: expect.objectContaining({
          errors: expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^alertIds/), rule })]),
        }),
      });
    }
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            { weight: 8, arbitrary: fc.uuid() },
            { weight: 1, arbitrary: oddString },
            { weight: 1, arbitrary: fc.constantFrom(ids(1)[0]!, 7, null) },
          ),
          { maxLength: 600 },
        ),
        async (alertIds) => {
          const response = await call('POST', '/v1/alerts/review', { ...review, alertIds });
          checkAnswer('POST /v1/alerts/review', response);
          const valid =
            alertIds.length >= 1 &&
            alertIds.length <= 500 &&
            new Set(alertIds.map((id) => (typeof id === 'string' ? id.toLowerCase() : id))).size === alertIds.length &&
            alertIds.every((id) => typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
          expect({
            alertIds: alertIds.length,
            status: valid ? response.status : response.status === 400 || response.status === 422,
          }).toEqual({ alertIds: alertIds.length, status: valid ? 202 : true });
        },
      ),
      { numRuns: 60, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);

  it('answers 2xx or 4xx, never 5xx, to hostile bodies on every endpoint that takes one', async () => {
    const withBody = operations.filter((o) => o.hasBody);
    expect(withBody.length).toBeGreaterThan(3);
    for (const op of withBody) {
      const path = op.template.replace(/\{(\w+)\}/g, (_m, n: string) => SAMPLE[n] ?? '00000000-0000-4000-8000-000000000000');
      const runs = op.template === '/v1/reports' ? 600 : 120;
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          // Strings are sent as they are (malformed or oversized JSON); other non-objects as their JSON text.
          const raw =
            typeof payload === 'string' ? payload : payload === null || typeof payload !== 'object' ? JSON.stringify(payload) : undefined;
          const response = await call(op.method, path, raw === undefined ? payload : undefined, raw);
          checkAnswer(`${op.method} ${op.template}`, response);
        }),
        { numRuns: runs, interruptAfterTimeLimit: 60_000 },
      );
    }
  }, 300_000);

  it('answers 2xx or 4xx, never 5xx, to hostile path parameters and query strings', async () => {
    const encodable = (s: string) => {
      try {
        return encodeURIComponent(s).length > 0;
      } catch {
        return false; // a lone surrogate cannot be put in a URL at all
      }
    };
    const pathValue = fc.oneof(oddString.filter(encodable), fc.uuid(), fc.constantFrom('CN', 'ZZ', 'cn', '..', '%2e%2e', 'ofac-sdn'));
    const queryValue = fc.oneof(
      oddString.filter(encodable),
      fc.integer().map(String),
      fc.constantFrom('', '-1', '1e400', 'NaN', 'true', '2023-02-30', '9'.repeat(400)),
    );
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathValue, { minLength: 4, maxLength: 4 }),
          fc.dictionary(fc.constantFrom(...op.query, 'unknown', 'limit', 'cursor', 'minPosition', 'asOf'), queryValue, { maxKeys: 4 }),
          async (params, query) => {
            let i = 0;
            const path = op.template.replace(/\{(\w+)\}/g, () => encodeURIComponent(params[i++]));
            const qs = new URLSearchParams(query).toString();
            const response = await call(op.method, qs ? `${path}?${qs}` : path, op.hasBody ? {} : undefined);
            checkAnswer(`${op.method} ${path}?${qs}`, response);
          },
        ),
        { numRuns: 40, interruptAfterTimeLimit: 20_000 },
      );
    }
  }, 300_000);
});
