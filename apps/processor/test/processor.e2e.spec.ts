import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { createPgPool, PG_POOL } from '@tm/database';
import { reportStreamId, type AmendClaimV1, type SubmitReportV1, type TransferClaimInput } from '@tm/domain';
import { findCommandOutcome, readStream, type CommandOutcome } from '@tm/event-store';
import { envelopeHeaders, KAFKA, KAFKA_PRODUCER, TOPICS, type TopicNames } from '@tm/messaging';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { createTestDatabase, samplesOf, useTestEnvironment, type TestDatabase } from '@tm/testing';
import request from 'supertest';
import { ReportCommandMessage } from '../src/reports/commands/impl';
import { ReportCommandBatch } from '../src/reports/report-command-batch';
import { ReportCommandHandler, type RunResult } from '../src/reports/report-command.handler';

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const claim = (claimId: string, stage: TransferClaimInput['stage'] = 'under-negotiation'): TransferClaimInput => ({
  kind: 'transfer',
  claimId,
  supplier: { country: 'CN', entity: { name: "Xi'an Bingo Intelligent Aviation Technology", type: 'company' } },
  recipient: { country: 'RU', entity: { name: 'Russian Defense Ministry', type: 'government-body' } },
  assistanceType: 'military',
  item: { description: 'kamikaze drones', designation: 'ZT-180', hsCode: '880730' },
  quantity: { value: 100, unit: 'units', qualifier: 'exact' },
  stage,
  date: { edtf: '[..2023-04]', phrase: 'by April 2023' },
  credibility: 3,
});

const submitPayload = (reportId: string, claims = [claim('a'), claim('b')]): SubmitReportV1 => ({
  reportId,
  source: { publisher: 'Der Spiegel', title: 'Chinese drones for Russia', publishedOn: '2023-02-23', sourceType: 'news' },
  sourceReliability: 'B',
  claims,
});

describe('processor: commands topic → event store (real Kafka and PostgreSQL)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let pool: Pool;
  let producer: Producer;
  let kafka: Kafka;
  let topics: TopicNames;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url, { COMMAND_CONFLICT_RETRIES: '8' });
    // Imported after the test environment is set: the logging module reads LOG_LEVEL when the module is built.
    const { ProcessorModule } = await import('../src/processor.module');
    const moduleRef = await Test.createTestingModule({ imports: [ProcessorModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.enableShutdownHooks();
    await app.init();
    pool = app.get(PG_POOL);
    producer = app.get(KAFKA_PRODUCER);
    kafka = app.get(KAFKA);
    topics = app.get(TOPICS);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  function commandMessage(type: string, payload: unknown, options: { id?: string; key?: string; schemaVersion?: number } = {}) {
    const id = options.id ?? randomUUID();
    const key = options.key ?? (payload as { reportId: string }).reportId;
    return {
      id,
      message: {
        key,
        value: JSON.stringify(payload),
        headers: envelopeHeaders({
          id,
          type,
          schemaVersion: options.schemaVersion ?? 1,
          occurredAt: new Date().toISOString(),
          correlationId: `corr-${id}`,
          actor: 'anonymous',
        }),
      },
    };
  }
  const send = (...messages: { message: Message }[]) =>
    producer.send({ topic: topics.commands, acks: -1, messages: messages.map((m) => m.message) });
  const outcomeOf = (id: string) => waitFor<CommandOutcome>(() => findCommandOutcome(pool, id));

  it('turns a submitted report into events, recording the outcome with global positions and the envelope in metadata', async () => {
    const reportId = randomUUID();
    const submit = commandMessage('SubmitReport', submitPayload(reportId));
    await send(submit);
    const outcome = await outcomeOf(submit.id);
    expect(outcome).toMatchObject({ status: 'succeeded', commandType: 'SubmitReport', aggregateId: reportId });
    const stream = await readStream(pool, reportStreamId(reportId));
    expect(stream.events).toHaveLength(1);
    expect(stream.events[0]).toMatchObject({
      type: 'ReportSubmitted',
      schemaVersion: 1,
      globalPosition: outcome.globalPositions!.first,
      // acceptedAt: the command envelope's occurred-at (when the API accepted it), for the end-to-end latency metrics.
      metadata: {
        commandId: submit.id,
        correlationId: `corr-${submit.id}`,
        causationId: submit.id,
        actor: 'anonymous',
        acceptedAt: String(submit.message.headers['occurred-at']),
      },
      payload: {
        claims: [{ item: { chplTier: '3.B', hs6: '880730' }, date: { latest: '2023-04-30', precision: 'open' } }, { claimId: 'b' }],
      },
    });
  });

  it('serves its consumer lag at GET /metrics, like every app (README "Metrics")', async () => {
    const { text } = await request(app.getHttpServer())
      .get('/metrics')
      .expect(200)
      .expect('content-type', /^text\/plain/);
    const lag = samplesOf(text, 'tm_consumer_lag_messages', { app: 'processor', topic: topics.commands });
    expect(lag.length).toBeGreaterThan(0);
    expect(lag.every((s) => s.value >= 0)).toBe(true);
  });

  it('runs a redelivered command once', async () => {
    const reportId = randomUUID();
    const submit = commandMessage('SubmitReport', submitPayload(reportId));
    const amend = commandMessage('AmendClaim', {
      reportId,
      claim: claim('a', 'in-production'),
      reason: 'prototypes',
    } satisfies AmendClaimV1);
    await send(submit, amend, amend, submit);
    const marker = commandMessage('RetractReport', { reportId, reason: 'end of test' });
    await send(marker);
    await outcomeOf(marker.id);
    const stream = await readStream(pool, reportStreamId(reportId));
    expect(stream.events.map((e) => e.type)).toEqual(['ReportSubmitted', 'ClaimAmended', 'ReportRetracted']);
  });

  it('applies two concurrent amendments of one report both, reloading after the expected-version conflict', async () => {
    const reportId = randomUUID();
    const submit = commandMessage('SubmitReport', submitPayload(reportId));
    await send(submit);
    await outcomeOf(submit.id);
    // Two processors working on one report at once: dispatch on the CommandBus twice in parallel.
    const bus = app.get(CommandBus);
    const amendments = ['a', 'b'].map(
      (claimId) =>
        new ReportCommandMessage(
          'AmendClaim',
          {
            id: randomUUID(),
            type: 'AmendClaim',
            schemaVersion: 1,
            occurredAt: new Date().toISOString(),
            correlationId: 'c',
            actor: 'anonymous',
          },
          { reportId, claim: claim(claimId, 'delivered'), reason: 'delivered' },
        ),
    );
    const results = await Promise.all(amendments.map((c) => bus.execute<ReportCommandMessage, RunResult>(c)));
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    const stream = await readStream(pool, reportStreamId(reportId));
    expect(stream.version).toBe(3);
    const amended = stream.events.slice(1).map((e) => (e.payload as AmendClaimV1).claim.claimId);
    expect(amended.sort()).toEqual(['a', 'b']);
  });

  it('dead-letters poison commands with the reason, records them as rejected, and goes on with the partition', async () => {
    const reportId = randomUUID();
    const submit = commandMessage('SubmitReport', submitPayload(reportId));
    const unknownClaim = commandMessage('AmendClaim', { reportId, claim: claim('zz'), reason: 'x' });
    const unknownType = commandMessage('LaunchMissiles', { reportId });
    const futureVersion = commandMessage('RetractReport', { reportId, reason: 'x' }, { schemaVersion: 7 });
    const invalid = commandMessage('AmendClaim', { reportId, claim: { ...claim('a'), supplier: { country: 'China' } }, reason: 'x' });
    const notJson = { message: { key: reportId, value: '{not json', headers: { ...commandMessage('RetractReport', {}).message.headers } } };
    const good = commandMessage('RetractReport', { reportId, reason: 'withdrawn' });
    await send(submit, unknownClaim, unknownType, futureVersion, invalid, notJson, good);

    expect(await outcomeOf(good.id)).toMatchObject({ status: 'succeeded' });
    expect(await outcomeOf(unknownClaim.id)).toMatchObject({
      status: 'rejected',
      reason: { code: 'unknown-claim', path: 'claim.claimId' },
    });
    expect(await outcomeOf(unknownType.id)).toMatchObject({ status: 'rejected', reason: { code: 'unknown-command-type' } });
    expect(await outcomeOf(futureVersion.id)).toMatchObject({ status: 'rejected', reason: { code: 'unsupported-schema-version' } });
    expect(await outcomeOf(invalid.id)).toMatchObject({
      status: 'rejected',
      reason: { code: 'invalid-payload', path: 'claim.supplier.country', violations: [{ rule: 'isIso3166Alpha2' }] },
    });
    expect((await readStream(pool, reportStreamId(reportId))).events.map((e) => e.type)).toEqual(['ReportSubmitted', 'ReportRetracted']);

    const letters: { id: string; kind: string; reason: string }[] = [];
    const reader = kafka.consumer({ groupId: `dlt-reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: topics.commandsDeadLetter, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) =>
        void letters.push({
          id: message.headers!['message-id']!.toString(),
          kind: message.headers!['dlt-reason-kind']!.toString(),
          reason: message.headers!['dlt-reason']!.toString(),
        }),
    });
    await waitFor(async () => (letters.filter((l) => l.reason !== undefined).length >= 5 ? true : undefined));
    await reader.disconnect();
    const mine = new Map(letters.map((l) => [l.id, l]));
    expect(mine.get(unknownClaim.id)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('unknown-claim') });
    expect(mine.get(unknownType.id)).toMatchObject({ kind: 'unknown-command-type' });
    expect(mine.get(futureVersion.id)).toMatchObject({ kind: 'unsupported-schema-version' });
    expect(mine.get(invalid.id)).toMatchObject({ kind: 'rejected' });
    expect([...mine.values()].some((l) => l.kind === 'malformed')).toBe(true);
  });

  it('runs consecutive commands of a partition in one transaction, rolling back only a rejected one and keeping each report in order', async () => {
    const key = `batch-${randomUUID()}`; // one key: one partition, one produce, so the processor fetches them together
    const reports = Array.from({ length: 5 }, () => randomUUID());
    const submits = reports.map((reportId) => commandMessage('SubmitReport', submitPayload(reportId), { key }));
    const poison = commandMessage('AmendClaim', { reportId: reports[0], claim: claim('zz'), reason: 'x' }, { key });
    const redelivered = { ...submits[1]!, message: { ...submits[1]!.message } };
    const retract = commandMessage('RetractReport', { reportId: reports[0], reason: 'withdrawn' }, { key });
    await send(submits[0]!, submits[1]!, submits[2]!, poison, redelivered, submits[3]!, submits[4]!, retract);

    expect(await outcomeOf(retract.id)).toMatchObject({ status: 'succeeded' });
    expect(await outcomeOf(poison.id)).toMatchObject({ status: 'rejected', reason: { code: 'unknown-claim' } });
    const streams = await Promise.all(reports.map((reportId) => readStream(pool, reportStreamId(reportId))));
    expect(streams.map((s) => s.events.map((e) => e.type))).toEqual([
      ['ReportSubmitted', 'ReportRetracted'],
      ...Array.from({ length: 4 }, () => ['ReportSubmitted']),
    ]);
    for (const submit of submits) expect(await outcomeOf(submit.id)).toMatchObject({ status: 'succeeded' });
    // Before the rejected command: one transaction; after it: another one (the redelivered submit is a no-op there).
    const xid = (i: number, version = 1) => streams[i]!.events[version - 1]!.transactionId;
    expect([xid(1), xid(2)]).toEqual([xid(0), xid(0)]);
    expect([xid(4), xid(0, 2)]).toEqual([xid(3), xid(3)]);
    expect(xid(3)).not.toBe(xid(0));
  });

  it('runs a batch back to the command whose report moved under it: the commands before it commit, nothing of the rest is kept', async () => {
    const moved = randomUUID();
    const [before, after] = [randomUUID(), randomUUID()];
    const env = app.get<Environment>(ENVIRONMENT);
    const handler = new ReportCommandHandler(pool, env);
    const command = (type: 'SubmitReport' | 'AmendClaim', payload: unknown) =>
      new ReportCommandMessage(
        type,
        { id: randomUUID(), type, schemaVersion: 1, occurredAt: new Date().toISOString(), correlationId: 'c', actor: 'anonymous' },
        payload,
      );
    await handler.execute(command('SubmitReport', submitPayload(moved)));
    const amend = command('AmendClaim', { reportId: moved, claim: claim('a', 'shipped'), reason: 'batch' });
    const concurrent = command('AmendClaim', { reportId: moved, claim: claim('b', 'shipped'), reason: 'concurrent' });
    const batch = [command('SubmitReport', submitPayload(before)), amend, command('SubmitReport', submitPayload(after))];
    // The batch's pool: before its first append statement, another writer amends the report (after the batch read it).
    const batchPool = createPgPool(database.url);
    let interleaved = false;
    const connect = batchPool.connect.bind(batchPool) as () => Promise<PoolClient>;
    batchPool.connect = (async () => {
      const client = await connect();
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      client.query = (async (...args: unknown[]) => {
        if (!interleaved && (args[0] as { name?: string })?.name === 'tm_event_store_append_streams_v1') {
          interleaved = true;
          await handler.execute(concurrent);
        }
        return query(...args);
      }) as typeof client.query;
      return client;
    }) as typeof batchPool.connect;
    try {
      expect(await new ReportCommandBatch(batchPool).run(batch)).toBe(1);
    } finally {
      await batchPool.end();
    }
    expect(interleaved).toBe(true);
    expect((await readStream(pool, reportStreamId(before))).events.map((e) => e.type)).toEqual(['ReportSubmitted']);
    expect((await readStream(pool, reportStreamId(after))).version).toBe(0);
    const movedStream = await readStream(pool, reportStreamId(moved));
    expect(movedStream.events.map((e) => e.metadata.commandId)).toEqual([expect.any(String), concurrent.envelope.id]);
    expect(await findCommandOutcome(pool, amend.envelope.id)).toBeUndefined();
    expect(await findCommandOutcome(pool, batch[2]!.envelope.id)).toBeUndefined();
    expect(await findCommandOutcome(pool, batch[0]!.envelope.id)).toMatchObject({ status: 'succeeded' });
  });

  it('rejects clearly, never losing an update, when conflicts outlast the retries', async () => {
    const reportId = randomUUID();
    const submit = commandMessage('SubmitReport', submitPayload(reportId));
    await send(submit);
    await outcomeOf(submit.id);
    const handler = new ReportCommandHandler(pool, { ...app.get<Environment>(ENVIRONMENT), COMMAND_CONFLICT_RETRIES: 0 });
    const commands = Array.from(
      { length: 4 },
      (_, i) =>
        new ReportCommandMessage(
          'AmendClaim',
          {
            id: randomUUID(),
            type: 'AmendClaim',
            schemaVersion: 1,
            occurredAt: new Date().toISOString(),
            correlationId: 'c',
            actor: 'anonymous',
          },
          { reportId, claim: claim(i % 2 ? 'a' : 'b', 'shipped'), reason: `r${i}` },
        ),
    );
    const results = await Promise.allSettled(commands.map((c) => handler.execute(c)));
    const succeeded = results.filter((r) => r.status === 'fulfilled').length;
    const stream = await readStream(pool, reportStreamId(reportId));
    expect(stream.version).toBe(1 + succeeded); // every success is stored…
    for (const [i, result] of results.entries()) {
      if (result.status === 'rejected') {
        // …and every failure is a clear rejection, visible to the client.
        expect(await findCommandOutcome(pool, commands[i].envelope.id)).toMatchObject({
          status: 'rejected',
          reason: { code: 'concurrency-conflict' },
        });
      }
    }
    expect(succeeded).toBeGreaterThanOrEqual(1);
  });
});
