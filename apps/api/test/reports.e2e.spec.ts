import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { PG_POOL } from '@tm/database';
import { reportStreamId } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { projectLiveEvent } from '@tm/read-models';
import { createTestDatabase, useTestEnvironment, type TestDatabase, authedServer, checkResponsesAgainstDocument } from '@tm/testing';
import { configureHttpApi } from '../src/http-setup';

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const report = () => ({
  source: { publisher: 'Der Spiegel', title: 'Chinese drones for Russia', publishedOn: '2023-02-23', sourceType: 'news' },
  sourceReliability: 'B',
  claims: [
    {
      kind: 'transfer',
      claimId: 'zt-180',
      supplier: { country: 'CN', entity: { name: "Xi'an Bingo Intelligent Aviation Technology", type: 'company' } },
      recipient: { country: 'RU', entity: { name: 'Russian Defense Ministry', type: 'government-body' } },
      assistanceType: 'military',
      item: { description: 'kamikaze drones', designation: 'ZT-180', hsCode: '880730', euMilitaryListCategory: 'ML10' },
      quantity: { value: 100, unit: 'units', qualifier: 'exact' },
      stage: 'under-negotiation',
      date: { edtf: '[..2023-04]', phrase: 'by April 2023' },
      credibility: 3,
    },
    {
      kind: 'diplomatic-event',
      claimId: 'visit',
      eventType: 'visit',
      participants: [
        { country: 'BY', role: 'visitor' },
        { country: 'CN', role: 'host' },
      ],
      date: { edtf: '2023-02-28/2023-03-02' },
      credibility: 2,
    },
  ],
});

describe('api write side: report commands through Kafka into the event store', () => {
  let database: TestDatabase;
  let api: INestApplication;
  let processor: INestApplication;
  let pool: Pool;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, { API_BODY_LIMIT_BYTES: '20000' });
    // Imported after the test environment is set: the logging module reads LOG_LEVEL when the module is built.
    const { ApiModule } = await import('../src/api.module');
    const { ProcessorModule } = await import('../../processor/src/processor.module');
    api = (await Test.createTestingModule({ imports: [ApiModule] }).compile()).createNestApplication({ logger: false });
    configureHttpApi(api);
    await api.init();
    processor = (await Test.createTestingModule({ imports: [ProcessorModule] }).compile()).createNestApplication({ logger: false });
    await processor.init();
    pool = api.get(PG_POOL);
    http = request(authedServer(api));
  });
  // Every response below must be one the served OpenAPI document describes.
  checkResponsesAgainstDocument(() => api);
  afterAll(async () => {
    await processor?.close();
    await api?.close();
    await database?.drop();
  });

  const statusOf = (commandId: string) =>
    waitFor(async () => {
      const { body } = await http.get(`/v1/commands/${commandId}`).expect(200);
      return body.status === 'pending' ? undefined : body;
    });

  it('accepts a report with 202, a Location and links, and the processor stores its events', async () => {
    const response = await http.post('/v1/reports').send(report()).expect(202);
    const { commandId, aggregateId } = response.body;
    expect(response.body.links).toEqual({ command: `/v1/commands/${commandId}`, report: `/v1/reports/${aggregateId}` });
    expect(response.headers.location).toBe(`/v1/commands/${commandId}`);
    const status = await statusOf(commandId);
    expect(status).toMatchObject({
      status: 'succeeded',
      commandType: 'SubmitReport',
      aggregateId,
      globalPositions: { first: expect.any(Number) },
      links: { report: `/v1/reports/${aggregateId}` },
    });
    const stream = await readStream(pool, reportStreamId(aggregateId));
    expect(stream.events.map((e) => e.type)).toEqual(['ReportSubmitted']);
    expect(stream.events[0].globalPosition).toBe(status.globalPositions.first);
    expect(stream.events[0].metadata).toMatchObject({ commandId, causationId: commandId, actor: 'bootstrap-admin' });
  });

  it('stores a person party given with nameParts as sent and shows them in the report view; refuses them on a company (namePartsForPersonsOnly)', async () => {
    const nameParts = { given: 'Alexander', patronymic: 'Grigoryevich', family: 'Лукашенко' };
    const withClaim = (i: number, patch: Record<string, unknown>) => {
      const body = report() as { claims: Record<string, unknown>[] };
      body.claims[i] = { ...body.claims[i], ...patch };
      return body;
    };
    const body = withClaim(1, {
      participants: [
        { country: 'BY', role: 'visitor', entity: { name: 'Alexander Lukashenko', type: 'person', nameParts } },
        { country: 'CN', role: 'host' },
      ],
    });
    const { body: accepted } = await http.post('/v1/reports').send(body).expect(202);
    expect(await statusOf(accepted.commandId)).toMatchObject({ status: 'succeeded' });
    const [stored] = (await readStream(pool, reportStreamId(accepted.aggregateId))).events;
    expect((stored.payload as { claims: Array<{ participants?: Array<{ entity?: unknown }> }> }).claims[1].participants![0].entity).toEqual(
      { name: 'Alexander Lukashenko', type: 'person', nameParts },
    );
    // Projected as the projector does it, the report view shows the parts as sent.
    await projectLiveEvent(pool, stored);
    const view = await http.get(`/v1/reports/${accepted.aggregateId}`).expect(200);
    expect(view.body.claims.find((c: { claimId: string }) => c.claimId === 'visit').claim.participants[0].entity).toEqual({
      name: 'Alexander Lukashenko',
      type: 'person',
      nameParts,
    });

    const company = withClaim(0, {
      supplier: { country: 'CN', entity: { name: 'Bingo', type: 'company', nameParts: { family: 'Bingo' } } },
    });
    const refused = await http.post('/v1/reports').send(company).expect(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'claims[0].supplier.entity.nameParts', rule: 'namePartsForPersonsOnly' }),
    ]);
    const person = (nameParts: unknown) =>
      withClaim(0, { supplier: { country: 'CN', entity: { name: 'Li Wei', type: 'person', nameParts } } });
    const rulesOf = async (nameParts: unknown, status: number) =>
      (await http.post('/v1/reports').send(person(nameParts)).expect(status)).body.errors.map(
        (e: { path: string; rule: string }) => `${e.path} ${e.rule}`,
      );
    expect(await rulesOf({}, 422)).toEqual(['claims[0].supplier.entity.nameParts namePartsNotEmpty']);
    expect(await rulesOf({ family: '…' }, 422)).toEqual(['claims[0].supplier.entity.nameParts.family hasLetter']);
    expect(await rulesOf({ family: 'x'.repeat(201) }, 422)).toEqual(['claims[0].supplier.entity.nameParts.family maxLength']);
    expect(await rulesOf([], 422)).toEqual(['claims[0].supplier.entity.nameParts isObject']);
    expect(await rulesOf(null, 422)).toEqual(['claims[0].supplier.entity.nameParts isObject']);
    expect(await rulesOf({ surname: 'Li' }, 400)).toContain('claims[0].supplier.entity.nameParts.surname whitelistValidation');
  });

  /** A claim of a request body, as a test patches it. */
  type ClaimBody = { supplier?: unknown; item: Record<string, unknown> };
  it('stores an entity address and an item declaration as sent; refuses an address over 500 characters (isLength) and an unknown declaration (isIn)', async () => {
    const withFirst = (patch: (claim: ClaimBody) => void) => {
      const body = report() as { claims: ClaimBody[] };
      patch(body.claims[0]!);
      return body;
    };
    const address = 'ul. Lenina 5, 220030 Minsk';
    const body = withFirst((c) => {
      c.supplier = { country: 'BY', entity: { name: 'Avia Trade Minsk', type: 'company', address } };
      c.item = { ...c.item, declaredAs: 'civil-aviation' };
    });
    const { body: accepted } = await http.post('/v1/reports').send(body).expect(202);
    expect(await statusOf(accepted.commandId)).toMatchObject({ status: 'succeeded' });
    const [stored] = (await readStream(pool, reportStreamId(accepted.aggregateId))).events;
    const claim = (stored.payload as { claims: Array<{ supplier: { entity: unknown }; item: { declaredAs?: string } }> }).claims[0]!;
    expect(claim.supplier.entity).toEqual({ name: 'Avia Trade Minsk', type: 'company', address });
    expect(claim.item.declaredAs).toBe('civil-aviation');

    const rulesOf = async (patch: (claim: ClaimBody) => void) =>
      (await http.post('/v1/reports').send(withFirst(patch)).expect(422)).body.errors.map(
        (e: { path: string; rule: string }) => `${e.path} ${e.rule}`,
      );
    expect(
      await rulesOf(
        (c) => (c.supplier = { country: 'BY', entity: { name: 'Avia Trade Minsk', type: 'company', address: 'x'.repeat(501) } }),
      ),
    ).toEqual(['claims[0].supplier.entity.address isLength']);
    expect(await rulesOf((c) => (c.item = { ...c.item, declaredAs: 'spare parts' }))).toEqual(['claims[0].item.declaredAs isIn']);
  });

  it('answers a retry with the same Idempotency-Key and body with the same command, stored once', async () => {
    const key = `key-${randomUUID()}`;
    const first = await http.post('/v1/reports').set('Idempotency-Key', key).send(report()).expect(202);
    const second = await http.post('/v1/reports').set('Idempotency-Key', key).send(report()).expect(202);
    expect(second.body).toEqual(first.body);
    await statusOf(first.body.commandId);
    expect((await readStream(pool, reportStreamId(first.body.aggregateId))).events).toHaveLength(1);

    const other = await http
      .post('/v1/reports')
      .set('Idempotency-Key', key)
      .send({ ...report(), sourceReliability: 'C' })
      .expect(422);
    expect(other.body.errors).toEqual([expect.objectContaining({ path: 'idempotency-key', rule: 'idempotencyKeyReused' })]);
  });

  it('concurrent requests pin their commands with shared INSERTs: a key and body sent at once give one command, a key reused with another body 422', async () => {
    const key = `key-${randomUUID()}`;
    const body = report();
    // The first INSERT is held for a second, so the requests arriving meanwhile wait for it and share the next one.
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    let held = false;
    const inserts = jest.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
      if (!held && String(args[0]).includes('INSERT INTO accepted_commands')) {
        held = true;
        return new Promise((r) => setTimeout(r, 1_000)).then(() => query(...args));
      }
      return query(...args);
    }) as never);
    const responses = await Promise.all([
      ...Array.from({ length: 8 }, () => http.post('/v1/reports').set('Idempotency-Key', key).send(body)),
      ...Array.from({ length: 8 }, (_, i) => http.post('/v1/reports').set('Idempotency-Key', `${key}-${i}`).send(body)),
      ...Array.from({ length: 4 }, () => http.post('/v1/reports').send(body)),
      http.post('/v1/reports').set('Idempotency-Key', `${key}-x`).send(body),
      http
        .post('/v1/reports')
        .set('Idempotency-Key', `${key}-x`)
        .send({ ...body, sourceReliability: 'C' }),
    ]);
    const statements = inserts.mock.calls.filter(([sql]) => String(sql).includes('INSERT INTO accepted_commands')).length;
    inserts.mockRestore();
    expect(responses.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(
      responses
        .slice(20)
        .map((r) => r.status)
        .sort(),
    ).toEqual([202, 422]);
    expect(new Set(responses.slice(0, 8).map((r) => r.body.commandId)).size).toBe(1);
    expect(new Set(responses.slice(0, 8).map((r) => r.body.aggregateId)).size).toBe(1);
    const commands = [responses[0]!, ...responses.slice(8, 20), responses.find((r, i) => i >= 20 && r.status === 202)!];
    expect(new Set(commands.map((r) => r.body.commandId)).size).toBe(14);
    // Fewer statements than requests: those that came while the first was held shared one (how many came depends on
    // the machine's speed; one statement per request was the rule before).
    expect(statements).toBeLessThan(22);
    for (const r of commands) expect(await statusOf(r.body.commandId)).toMatchObject({ status: 'succeeded' });
    for (const r of commands) expect((await readStream(pool, reportStreamId(r.body.aggregateId))).events).toHaveLength(1);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM accepted_commands WHERE idempotency_key LIKE $1', [`${key}%`]);
    expect(rows[0].n).toBe(10);
  });

  it('runs amendments, evidence and retraction, and reports a broken rule as rejected with its reason', async () => {
    const { body: submitted } = await http.post('/v1/reports').send(report()).expect(202);
    await statusOf(submitted.commandId);
    const id = submitted.aggregateId;
    const claim = { ...report().claims[0], stage: 'in-production' };
    const amended = await http.post(`/v1/reports/${id}/claims/zt-180/amendments`).send({ claim, reason: 'prototypes built' }).expect(202);
    const evidence = await http
      .post(`/v1/reports/${id}/claims/zt-180/evidence`)
      .send({
        stance: 'denies',
        source: { publisher: 'Der Spiegel', title: 'x', publishedOn: '2023-02-23', sourceType: 'news' },
        sourceReliability: 'B',
        attributedTo: { country: 'CN', entity: { name: 'Bingo Intelligent', type: 'company' } },
        statement: 'Bingo Intelligent has no commercial contact with Russia.',
      })
      .expect(202);
    const unknownClaim = await http
      .post(`/v1/reports/${id}/claims/nope/amendments`)
      .send({ claim: { ...claim, claimId: 'nope' }, reason: 'x' })
      .expect(202);
    const retracted = await http.post(`/v1/reports/${id}/retraction`).send({ reason: 'withdrawn' }).expect(202);
    for (const r of [amended, evidence, retracted]) expect(await statusOf(r.body.commandId)).toMatchObject({ status: 'succeeded' });
    expect(await statusOf(unknownClaim.body.commandId)).toMatchObject({
      status: 'rejected',
      reason: { code: 'unknown-claim', path: 'claim.claimId' },
    });
    const stream = await readStream(pool, reportStreamId(id));
    expect(stream.events.map((e) => e.type)).toEqual(['ReportSubmitted', 'ClaimAmended', 'EvidenceAdded', 'ReportRetracted']);
    expect(stream.events[2].payload).toMatchObject({
      evidence: { evidenceId: evidence.body.commandId, claimId: 'zt-180', stance: 'denies' },
    });
  });

  it('a UUID in upper case names the same report, command and alert as in lower case (RFC 9562: either case), lowered at the door', async () => {
    const { body: submitted } = await http.post('/v1/reports').send(report()).expect(202);
    const id: string = submitted.aggregateId;
    await statusOf(submitted.commandId);
    const [stored] = (await readStream(pool, reportStreamId(id))).events;
    await projectLiveEvent(pool, stored);
    const upper = id.toUpperCase();
    expect((await http.get(`/v1/reports/${upper}`).expect(200)).body.reportId).toBe(id);
    expect((await http.get(`/v1/commands/${submitted.commandId.toUpperCase()}`).expect(200)).body.commandId).toBe(submitted.commandId);
    const claim = { ...report().claims[0], stage: 'in-production' };
    const amended = await http
      .post(`/v1/reports/${upper}/claims/zt-180/amendments`)
      .send({ claim, reason: 'prototypes built' })
      .expect(202);
    expect(amended.body.aggregateId).toBe(id);
    expect(await statusOf(amended.body.commandId)).toMatchObject({ status: 'succeeded', aggregateId: id });
    expect((await readStream(pool, reportStreamId(id))).events.map((e) => e.type)).toEqual(['ReportSubmitted', 'ClaimAmended']);
    const alert = await http.get(`/v1/alerts/${randomUUID().toUpperCase()}`).expect(404);
    expect(alert.body.errors).toEqual([expect.objectContaining({ path: 'id', rule: 'exists' })]);
  });

  it('claim ids equal under Unicode NFC are one id: a second one is 422 uniqueClaimIds; an amendment or evidence may address it either way', async () => {
    const [composed, decomposed] = ['caf\u00e9', 'cafe\u0301'];
    const [transfer, visit] = report().claims;
    const twice = {
      ...report(),
      claims: [
        { ...transfer, claimId: composed },
        { ...visit, claimId: decomposed },
      ],
    };
    const refused = (await http.post('/v1/reports').send(twice).expect(422)).body;
    expect(refused.errors.map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`)).toEqual(['claims[1].claimId uniqueClaimIds']);
    const { body: submitted } = await http
      .post('/v1/reports')
      .send({ ...report(), claims: [{ ...transfer, claimId: composed }] })
      .expect(202);
    expect(await statusOf(submitted.commandId)).toMatchObject({ status: 'succeeded' });
    const id = submitted.aggregateId;
    const route = `/v1/reports/${id}/claims/${encodeURIComponent(decomposed)}`;
    const amended = await http
      .post(`${route}/amendments`)
      .send({ claim: { ...transfer, claimId: decomposed, stage: 'in-production' }, reason: 'prototypes built' })
      .expect(202);
    const differs = await http
      .post(`${route}/amendments`)
      .send({ claim: { ...transfer, claimId: composed, stage: 'delivered' }, reason: 'route in the other form' })
      .expect(202);
    const evidence = await http
      .post(`${route}/evidence`)
      .send({ stance: 'supports', source: report().source, sourceReliability: 'B', statement: 'seen' })
      .expect(202);
    for (const r of [amended, differs, evidence]) expect(await statusOf(r.body.commandId)).toMatchObject({ status: 'succeeded' });
    // Events name the claim by its id as stored, so the read models find it.
    const stream = await readStream(pool, reportStreamId(id));
    expect(stream.events.map((e) => e.type)).toEqual(['ReportSubmitted', 'ClaimAmended', 'ClaimAmended', 'EvidenceAdded']);
    expect(stream.events.slice(1).map((e) => e.payload as { claim?: { claimId: string }; evidence?: { claimId: string } })).toEqual([
      expect.objectContaining({ claim: expect.objectContaining({ claimId: composed, stage: 'in-production' }) }),
      expect.objectContaining({ claim: expect.objectContaining({ claimId: composed, stage: 'delivered' }) }),
      expect.objectContaining({ evidence: expect.objectContaining({ claimId: composed }) }),
    ]);
    for (const event of stream.events) await projectLiveEvent(pool, event);
    const view = (await http.get(`/v1/reports/${id}`).expect(200)).body;
    expect(view.claims).toHaveLength(1);
    expect(view.claims[0]).toMatchObject({
      claim: { claimId: composed, stage: 'delivered' },
      evidence: [{ claimId: composed, stance: 'supports' }],
    });
  });

  describe('bad requests get 400/422 with every field path and rule, never a 500', () => {
    const post = (body: unknown, raw = false) => {
      const r = http.post('/v1/reports').set('Content-Type', 'application/json');
      return raw ? r.send(body as string) : r.send(body as object);
    };
    const paths = (body: { errors: { path: string; rule: string }[] }) => body.errors.map((e) => `${e.path} ${e.rule}`);

    it('a number a binary64 cannot keep → 422 isExactNumber at its path, not stored changed; 1.0 and 10e0 are their double and accepted', async () => {
      const withValue = (value: string) => JSON.stringify(report()).replace('"quantity":{"value":100', `"quantity":{"value":${value}`);
      for (const value of ['1e-400', '1.0000000000000001', '2e308', '9007199254740993']) {
        const { body } = await post(withValue(value), true);
        expect([value, body.statusCode, paths(body)]).toEqual([value, 422, ['claims[0].quantity.value isExactNumber']]);
      }
      for (const value of ['1.0', '10e0', '100.25', '1e-300']) {
        const { body: accepted } = await post(withValue(value), true).expect(202);
        expect(await statusOf(accepted.commandId)).toMatchObject({ status: 'succeeded' });
        const [stored] = (await readStream(pool, reportStreamId(accepted.aggregateId))).events;
        expect([value, (stored.payload as { claims: { quantity: { value: number } }[] }).claims[0].quantity.value]).toEqual([
          value,
          Number(value),
        ]);
      }
    });

    it('more than 500 claims in a report → 4xx arrayMaxSize at claims (the README names the limit)', async () => {
      // Empty claims keep the body under this suite's 20 kB limit; the array's own rule is named with theirs.
      const { body } = await post({ ...report(), claims: Array.from({ length: 501 }, () => ({})) });
      // (400 here: empty claims also fail their kind; 501 valid claims answer 422 with this rule alone.)
      expect([body.statusCode, paths(body)]).toEqual([400, expect.arrayContaining(['claims arrayMaxSize'])]);
    });

    it('blank texts and repeated claim ids → 422 at the door, not 202 and a rejection later', async () => {
      const blank = report();
      (blank.source as { publisher: string }).publisher = '   ';
      expect(paths((await post(blank).expect(422)).body)).toEqual(['source.publisher isNotBlank']);
      const twice = report();
      twice.claims = [twice.claims[0]!, { ...twice.claims[0]! }];
      expect(paths((await post(twice).expect(422)).body)).toEqual(['claims[1].claimId uniqueClaimIds']);
    });

    it('fields that contradict each other → 422 at the door: CAMEO code off the event type, a transfer within one country, max below min; other without a CAMEO code → 400', async () => {
      const body = report() as unknown as { claims: Record<string, unknown>[] };
      body.claims[0] = {
        ...body.claims[0],
        recipient: { country: 'CN' },
        quantity: { min: 10, max: 5, unit: 'units', qualifier: 'approximately' },
      };
      body.claims[1] = { ...body.claims[1], cameoCode: '112' };
      expect(paths((await post(body).expect(422)).body).sort()).toEqual([
        'claims[0].quantity.max notBelowMin',
        'claims[0].recipient differsFromSupplier',
        'claims[1].cameoCode cameoFitsEventType',
      ]);
      const huge = report() as unknown as { claims: Record<string, unknown>[] };
      huge.claims[0] = {
        ...huge.claims[0],
        quantity: { value: 3, min: 10, max: 1e308, unit: 'units', qualifier: 'approximately' },
        value: { amount: 1e300, currency: 'USD' },
      };
      expect(paths((await post(huge).expect(422)).body).sort()).toEqual([
        'claims[0].quantity.max max',
        'claims[0].quantity.value withinRange',
        'claims[0].value.amount max',
      ]);
      const other = report() as unknown as { claims: Record<string, unknown>[] };
      other.claims[1] = { ...other.claims[1], eventType: 'other' };
      expect(paths((await post(other).expect(400)).body)).toEqual(['claims[1].cameoCode isDefined']);
      const fine = report() as unknown as { claims: Record<string, unknown>[] };
      fine.claims[1] = { ...fine.claims[1], eventType: 'meeting', cameoCode: '044' };
      fine.claims.push({ ...fine.claims[1], claimId: 'other', eventType: 'other', cameoCode: '112' });
      await post(fine).expect(202);
    });

    it('a body that is not sent as JSON → 415 isJsonContentType, and nothing is stored', async () => {
      const before = (await pool.query('SELECT count(*)::int AS n FROM accepted_commands')).rows[0].n;
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const { body } = await http.post('/v1/reports').set('Content-Type', type).send(JSON.stringify(report())).expect(415);
        expect(body).toMatchObject({
          statusCode: 415,
          error: 'Unsupported Media Type',
          errors: [{ path: 'content-type', rule: 'isJsonContentType' }],
        });
      }
      expect((await pool.query('SELECT count(*)::int AS n FROM accepted_commands')).rows[0].n).toBe(before);
      await http.post('/v1/reports').set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(report())).expect(202);
      await http.post('/v1/reports').set('Content-Type', 'application/vnd.api+json').send(JSON.stringify(report())).expect(202);
    });

    it('a publication date more than a day in the future → 422 notInFuture, for the report and for evidence', async () => {
      const future = report();
      future.source.publishedOn = '9999-12-31';
      expect(paths((await post(future).expect(422)).body)).toEqual(['source.publishedOn notInFuture']);
      const evidence = { stance: 'supports', sourceReliability: 'B', source: { ...report().source, publishedOn: '9999-12-31' } };
      expect(paths((await http.post(`/v1/reports/${randomUUID()}/claims/zt-180/evidence`).send(evidence).expect(422)).body)).toEqual([
        'source.publishedOn notInFuture',
      ]);
      const tomorrow = report();
      tomorrow.source.publishedOn = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await post(tomorrow).expect(202);
    });

    it('an Idempotency-Key too long or not visible ASCII → 422 naming the precise rule', async () => {
      const long = await http.post('/v1/reports').set('Idempotency-Key', 'k'.repeat(5000)).send(report()).expect(422);
      expect(long.body.errors).toEqual([
        { path: 'idempotency-key', rule: 'maxLength', message: 'Idempotency-Key must be at most 200 characters (it has 5000)' },
      ]);
      const accented = await http.post('/v1/reports').set('Idempotency-Key', 'clé-1').send(report()).expect(422);
      expect(accented.body.errors).toEqual([expect.objectContaining({ path: 'idempotency-key', rule: 'isPrintableAscii' })]);
      const review = await http
        .post(`/v1/alerts/${randomUUID()}/review`)
        .set('Idempotency-Key', 'a b')
        .send({ status: 'dismissed', reason: 'x' })
        .expect(422);
      expect(review.body.errors).toEqual([expect.objectContaining({ path: 'idempotency-key', rule: 'isPrintableAscii' })]);
      // Sent twice (Node would join them as "k-1, k-2"): named as such, not as a key holding a space.
      const twice = await http
        .post('/v1/reports')
        .set('Idempotency-Key', ['k-1', 'k-2'] as unknown as string)
        .send(report())
        .expect(422);
      expect(twice.body.errors).toEqual([
        { path: 'idempotency-key', rule: 'singleHeader', message: 'Idempotency-Key must be sent once (it was sent 2 times)' },
      ]);
    });

    it('malformed JSON → 400', async () => {
      const { body } = await post('{"source": {', true).expect(400);
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', errors: [{ path: 'body', rule: 'malformedJson' }] });
    });

    it('values breaking code lists → 422 naming each field', async () => {
      const bad = report();
      const [transfer, event] = bad.claims as unknown as Record<string, Record<string, unknown>>[];
      transfer.supplier.country = 'China';
      transfer.item.hsCode = '8526';
      transfer.date = { edtf: 'by April 2023', phrase: 'by April 2023' };
      (event as Record<string, unknown>).eventType = 'party';
      bad.sourceReliability = 'Z';
      const { body } = await post(bad).expect(422);
      expect(body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', message: 'the request breaks 5 rules' });
      expect(paths(body)).toEqual(
        expect.arrayContaining([
          'sourceReliability isSourceReliability',
          'claims[0].supplier.country isIso3166Alpha2',
          'claims[0].item.hsCode isHsCode',
          'claims[0].date.edtf isEdtf',
          'claims[1].eventType isDiplomaticEventType',
        ]),
      );
      expect(body.errors.find((e: { path: string }) => e.path === 'claims[0].supplier.country').message).toMatch(
        /^claims\[0\]\.supplier\.country must be an ISO 3166-1 alpha-2/,
      );
    });

    it('unknown fields and missing fields → 400', async () => {
      const { body } = await post({ ...report(), isAdmin: true }).expect(400);
      expect(paths(body)).toEqual(['isAdmin whitelistValidation']);
      const missing = await post({}).expect(400);
      expect(paths(missing.body)).toEqual(expect.arrayContaining(['source isDefined', 'sourceReliability isDefined', 'claims isDefined']));
    });

    it('keys named __proto__ or constructor → 422 noReservedKey naming them, not dropped (class-transformer skips them)', async () => {
      // A free-form object (an entity's identifiers) and fixed shapes (the body, a claim, a source), as JSON text:
      // an object literal's __proto__ would set the prototype, not a key.
      const supplier = (identifiers: string) =>
        `{"country": "CN", "entity": {"name": "Bingo", "type": "company", "identifiers": ${identifiers}}}`;
      const claim = (extra = '', identifiers = '{"inn": "7700"}') =>
        JSON.stringify(report().claims[0])
          .replace(/"supplier":\{[^}]*\{[^}]*\}\}/, `"supplier": ${supplier(identifiers)}`)
          .replace(/^\{/, `{${extra}`);
      const body = (claimText: string, extra = '') => {
        const { claims: _claims, ...rest } = report();
        return `{${extra}${JSON.stringify(rest).slice(1, -1)}, "claims": [${claimText}]}`;
      };
      const base = (await post(body(claim()), true).expect(202)).body;
      expect(await statusOf(base.commandId)).toMatchObject({ status: 'succeeded' });
      const cases: [string, string][] = [
        [body(claim('', '{"inn": "7700", "constructor": "x"}')), 'claims[0].supplier.entity.identifiers.constructor'],
        [body(claim('', '{"__proto__": "x"}')), 'claims[0].supplier.entity.identifiers.__proto__'],
        [body(claim('"constructor": {"a": 1}, ')), 'claims[0].constructor'],
        [body(claim('"__proto__": {"admin": true}, ')), 'claims[0].__proto__'],
        [body(claim(), '"constructor": 1, '), 'constructor'],
      ];
      for (const [text, path] of cases)
        expect({ path, answer: paths((await post(text, true).expect(422)).body) }).toEqual({ path, answer: [`${path} noReservedKey`] });
      const amendment = `{"reason": "x", "claim": ${claim('', '{"constructor": "x"}')}}`;
      const amended = await http
        .post(`/v1/reports/${base.aggregateId}/claims/zt-180/amendments`)
        .set('Content-Type', 'application/json')
        .send(amendment);
      expect(amended.status).toBe(422);
      expect(paths(amended.body)).toEqual(['claim.supplier.entity.identifiers.constructor noReservedKey']);
    });

    it('a value of the wrong JSON type → 422 with the type rule only, not every rule the value cannot meet', async () => {
      const { body } = await post({ ...report(), claims: 'none', source: { ...report().source, publisher: 42 } }).expect(422);
      expect(paths(body).sort()).toEqual(['claims isArray', 'source.publisher isString']);
      const claim = {
        ...report().claims[0],
        credibility: 'high',
        quantity: { value: '100', unit: 'units', qualifier: 'exact' },
        supplier: 'CN',
      };
      expect(paths((await post({ ...report(), claims: [claim] }).expect(422)).body).sort()).toEqual([
        'claims[0].credibility isInformationCredibility',
        'claims[0].quantity.value isNumber',
        'claims[0].supplier isObject',
      ]);
      // A code field answers its code rule for any wrong value, a number sent as a string included (as the README says).
      const quoted = { ...report().claims[0], credibility: '3' };
      expect(paths((await post({ ...report(), claims: [quoted] }).expect(422)).body)).toEqual([
        'claims[0].credibility isInformationCredibility',
      ]);
      const screening = await http.post('/v1/screening').send({ name: 123 }).expect(422);
      expect(paths(screening.body)).toEqual(['name isString']);
    });

    // Issue 13: each of these got 202 and ended invalid-payload in the dead-letter topic, or was stored wrong
    // (12345 as 1970-01-01), or stored and never shown (year 0 cannot be written to a PostgreSQL date).
    it('an array where an object is expected, a year-0 publication, five or more bare digits as EDTF → 422 at the door naming field and rule', async () => {
      const transfer = report().claims[0];
      const withClaim = (changes: Record<string, unknown>) => ({ ...report(), claims: [{ ...transfer, ...changes }] });
      const item = transfer.item;
      const cases: [unknown, string][] = [
        [withClaim({ date: [] }), 'claims[0].date isObject'],
        [withClaim({ date: [{ edtf: '2023' }] }), 'claims[0].date isObject'],
        [withClaim({ item: [item] }), 'claims[0].item isObject'],
        [withClaim({ quantity: [] }), 'claims[0].quantity isObject'],
        [withClaim({ recipient: [] }), 'claims[0].recipient isObject'],
        [withClaim({ recipient: { country: 'RU', entity: [] } }), 'claims[0].recipient.entity isObject'],
        [withClaim({ intermediaries: [[{ country: 'KZ' }]] }), 'claims[0].intermediaries isObject'],
        [{ ...report(), source: { ...report().source, publishedOn: '0000-01-01' } }, 'source.publishedOn isStorableDay'],
        ...['12345', '99999', '00000', '1234567'].map((edtf): [unknown, string] => [
          withClaim({ date: { edtf } }),
          'claims[0].date.edtf isEdtf',
        ]),
      ];
      for (const [body, error] of cases)
        expect({ error, answer: paths((await post(body).expect(422)).body) }).toEqual({ error, answer: [error] });
      const amendment = { claim: { ...transfer, supplier: [{ country: 'CN' }] }, reason: 'corrected' };
      expect(paths((await http.post(`/v1/reports/${randomUUID()}/claims/zt-180/amendments`).send(amendment).expect(422)).body)).toEqual([
        'claim.supplier isObject',
      ]);
      const evidence = { stance: 'denies', sourceReliability: 'B', source: report().source, attributedTo: { country: 'CN', entity: [] } };
      expect(paths((await http.post(`/v1/reports/${randomUUID()}/claims/zt-180/evidence`).send(evidence).expect(422)).body)).toEqual([
        'attributedTo.entity isObject',
      ]);
      const yearZeroEvidence = { ...evidence, attributedTo: undefined, source: { ...report().source, publishedOn: '0000-01-01' } };
      expect(
        paths((await http.post(`/v1/reports/${randomUUID()}/claims/zt-180/evidence`).send(yearZeroEvidence).expect(422)).body),
      ).toEqual(['source.publishedOn isStorableDay']);
    });

    it('the first storable day (0001-01-01) and an early year (0800) are accepted, stored and shown as sent', async () => {
      const first = {
        ...report(),
        source: { ...report().source, publishedOn: '0001-01-01' },
        claims: [{ ...report().claims[1], date: { edtf: '0800' } }],
      };
      const { commandId, aggregateId } = (await post(first).expect(202)).body;
      expect(await statusOf(commandId)).toMatchObject({ status: 'succeeded' });
      const [stored] = (await readStream(pool, reportStreamId(aggregateId))).events;
      const date = { edtf: '0800', earliest: '0800-01-01', latest: '0800-12-31', precision: 'year' };
      expect(stored.payload).toMatchObject({ source: { publishedOn: '0001-01-01' }, claims: [{ date }] });
      await projectLiveEvent(pool, stored);
      const view = await http.get(`/v1/reports/${aggregateId}`).expect(200);
      expect(view.body).toMatchObject({ source: { publishedOn: '0001-01-01' }, claims: [{ claim: { date } }] });
    });

    it('a claim dated in year 0000 (1 BC) → 422 isStorableDate; an unknown year (XXXX) is stored open at both ends, undated in flows, kept by date filters', async () => {
      // Year 0000 is refused as publishedOn and the date filters refuse it: the monitor dates 0001-9999.
      for (const edtf of ['0000', '0000-05', '0000~', '0000/2023', '[..0000]', '{0000, 2023}', '0XXX', '00XX-05']) {
        const body = { ...report(), claims: [{ ...report().claims[0], date: { edtf } }] };
        expect({ edtf, answer: paths((await post(body).expect(422)).body) }).toEqual({
          edtf,
          answer: ['claims[0].date.edtf isStorableDate'],
        });
      }
      const amendment = { claim: { ...report().claims[0], date: { edtf: '0000' } }, reason: 'corrected' };
      expect(paths((await http.post(`/v1/reports/${randomUUID()}/claims/zt-180/amendments`).send(amendment).expect(422)).body)).toEqual([
        'claim.date.edtf isStorableDate',
      ]);
      // XXXX: a transfer in a year nobody knows; XXXX-05: a visit in May of an unknown year.
      const [transfer, visit] = report().claims;
      const unknown = {
        ...report(),
        claims: [
          { ...transfer, supplier: { country: 'KP' }, recipient: { country: 'SY' }, date: { edtf: 'XXXX' } },
          {
            ...visit,
            participants: [
              { country: 'LA', role: 'visitor' },
              { country: 'KP', role: 'host' },
            ],
            date: { edtf: 'XXXX-05' },
          },
        ],
      };
      const { commandId, aggregateId } = (await post(unknown).expect(202)).body;
      expect(await statusOf(commandId)).toMatchObject({ status: 'succeeded' });
      const [stored] = (await readStream(pool, reportStreamId(aggregateId))).events;
      const open = { earliest: '-infinity', latest: 'infinity', precision: 'open' };
      expect(stored.payload).toMatchObject({ claims: [{ date: { edtf: 'XXXX', ...open } }, { date: { edtf: 'XXXX-05', ...open } }] });
      await projectLiveEvent(pool, stored);
      const view = await http.get(`/v1/reports/${aggregateId}`).expect(200);
      expect(view.body.claims.map((c: { claim: { date: unknown } }) => c.claim.date)).toEqual([
        { edtf: 'XXXX', ...open },
        { edtf: 'XXXX-05', ...open },
      ]);
      const flows = (await http.get('/v1/flows?country=KP').expect(200)).body.items;
      expect(
        flows.map((f: { supplier: string; recipient: string; year: number | null; claims: number }) => [
          f.supplier,
          f.recipient,
          f.year,
          f.claims,
        ]),
      ).toEqual([['KP', 'SY', null, 1]]);
      const ref = `${aggregateId}/zt-180`;
      for (const range of ['', '?from=2023-01-01&to=2023-12-31', '?from=0001&to=0001'])
        expect(
          (await http.get(`/v1/ledgers/KP${range}`).expect(200)).body.items.flatMap((r: { claimRefs: string[] }) => r.claimRefs),
        ).toEqual([ref]);
      for (const range of ['', '?from=2023-05-01&to=2023-05-31']) {
        const timeline = (await http.get(`/v1/timeline/LA${range}`).expect(200)).body.items;
        expect(timeline.map((e: { date: unknown }) => e.date)).toEqual([{ edtf: 'XXXX-05', ...open }]);
      }
    });

    it('a claim of an unknown kind → 422 on its kind alone, not on the fields of the kinds it is not', async () => {
      const { body } = await post({ ...report(), claims: [{ ...report().claims[0], kind: 'x' }] }).expect(422);
      expect(paths(body)).toEqual(['claims[0].kind isIn']);
      const { kind: _kind, ...kindless } = report().claims[0];
      expect(paths((await post({ ...report(), claims: [kindless] }).expect(400)).body)).toEqual(['claims[0].kind isDefined']);
    });

    it.each([
      ['an array body', []],
      ['a null claim', { ...report(), claims: [null] }],
      ['a claim of an unknown kind', { ...report(), claims: [{ kind: 'rumour', claimId: 'x', credibility: 2 }] }],
      ['a prototype-pollution key', JSON.parse(`{"__proto__": {"admin": true}, "source": 1, "claims": []}`)],
      [
        'deeply nested junk',
        {
          ...report(),
          claims: [
            {
              ...report().claims[0],
              supplier: { country: 'CN', entity: { name: 'x', type: 'company', identifiers: { a: { b: { c: [1, 2, { d: null }] } } } } },
            },
          ],
        },
      ],
      [
        'a number as a string and NaN-like values',
        {
          ...report(),
          claims: [{ ...report().claims[0], credibility: '3', quantity: { value: 'Infinity', unit: 'u', qualifier: 'exact' } }],
        },
      ],
      ['a string body', '"just a string"'],
    ])('%s → 4xx with the standard body', async (_name, body) => {
      const response = await post(body, typeof body === 'string');
      expect([400, 422]).toContain(response.status);
      expect(response.body).toMatchObject({ statusCode: response.status, error: expect.any(String), message: expect.any(String) });
    });

    it('a body over the limit → 413', async () => {
      const { body } = await post({ ...report(), text: 'x'.repeat(30_000) }).expect(413);
      expect(body).toMatchObject({ statusCode: 413, errors: [{ rule: 'maxBodySize' }] });
    });

    it('a report id that is not a UUID, a claim id that does not match the route, an unknown command', async () => {
      const notUuid = await http.post('/v1/reports/abc/retraction').send({ reason: 'x' }).expect(400);
      expect(notUuid.body.errors).toEqual([expect.objectContaining({ path: 'id', rule: 'isUuid' })]);
      const mismatch = await http
        .post(`/v1/reports/${randomUUID()}/claims/other/amendments`)
        .send({ claim: report().claims[0], reason: 'x' })
        .expect(422);
      expect(mismatch.body.errors).toEqual([expect.objectContaining({ path: 'claim.claimId', rule: 'equalsRouteClaimId' })]);
      const unknown = await http.get(`/v1/commands/${randomUUID()}`).expect(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found', errors: [{ path: 'id', rule: 'exists' }] });
      for (const path of [
        '/v1/commands/not-a-uuid',
        '/v1/alerts/abc',
        `/v1/reports/${encodeURIComponent('🙂')}`,
        '/v1/webhooks/subscriptions/abc',
      ]) {
        const { body } = await http.get(path).expect(400);
        expect(body.errors).toEqual([expect.objectContaining({ path: 'id', rule: 'isUuid' })]);
      }
      expect((await http.get(`/v1/alerts/${randomUUID()}`).expect(404)).body.errors).toEqual([
        expect.objectContaining({ path: 'id', rule: 'exists' }),
      ]);
    });
  });

  it('documents every write endpoint in OpenAPI', async () => {
    const { body } = await http.get('/docs-json').expect(200);
    for (const path of [
      '/v1/reports',
      '/v1/reports/{id}/claims/{claimId}/amendments',
      '/v1/reports/{id}/claims/{claimId}/evidence',
      '/v1/reports/{id}/retraction',
      '/v1/commands/{id}',
    ]) {
      expect(body.paths[path]).toBeDefined();
    }
    expect(body.components.schemas.TransferClaimDto.properties.supplier).toBeDefined();
  });
});
