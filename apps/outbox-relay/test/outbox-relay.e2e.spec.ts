import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import { appendToStream, inTransaction } from '@tm/event-store';
import { freePort } from '@tm/local-stack';
import { createTopics, readEventMessage, topicNames, type EventMessage } from '@tm/messaging';
import { createTestDatabase, killAppProcess, samplesOf, startAppProcess, useTestEnvironment, type TestDatabase } from '@tm/testing';

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out (received)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('outbox relay (real PostgreSQL, Kafka, and the app as a process)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let consumer: Consumer;
  let env: Record<string, string>;
  let relay: ChildProcess | undefined;
  const received: EventMessage[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPgPool(database.url, 4);
    const environment = useTestEnvironment(database.url, { RELAY_PORT: String(await freePort()), RELAY_BATCH_SIZE: '50' });
    env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
      KAFKA_TOPIC_PREFIX: environment.KAFKA_TOPIC_PREFIX,
      RELAY_PORT: String(environment.RELAY_PORT),
      RELAY_BATCH_SIZE: '50',
      LOG_LEVEL: 'info',
      KAFKA_EVENT_PARTITIONS: '2',
      KAFKA_COMMAND_PARTITIONS: '2',
    };
    await createTopics(environment);
    const kafka = new Kafka({ clientId: 'relay-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `${environment.KAFKA_TOPIC_PREFIX}reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicNames(environment.KAFKA_TOPIC_PREFIX).events, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(readEventMessage(message)) });
  });
  afterAll(async () => {
    if (relay) await killAppProcess(relay);
    await consumer?.disconnect();
    await pool?.end();
    await database?.drop();
  });

  it('publishes every stored event, in stream order, even when killed and restarted mid-stream', async () => {
    const streams = Array.from({ length: 8 }, () => `report-${randomUUID()}`);
    const versions = new Map<string, number>();
    let appending = true;
    const appended: string[] = [];
    const writer = (async () => {
      for (let round = 0; appending || round < 10; round++) {
        await Promise.all(
          streams.map(async (stream) => {
            const version = versions.get(stream) ?? 0;
            const eventId = randomUUID();
            await inTransaction(pool, (c) =>
              appendToStream(c, stream, 'report', version === 0 ? 'no-stream' : version, [
                { eventId, type: 'TestEvent', schemaVersion: 1, payload: { round } },
              ]),
            );
            versions.set(stream, version + 1);
            appended.push(eventId);
          }),
        );
        if (round >= 60) break;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    relay = await startAppProcess('outbox-relay', env, Number(env.RELAY_PORT));
    await waitFor(() => received.length >= 80);
    await killAppProcess(relay, 'SIGKILL');
    const seenAtKill = received.length;
    relay = await startAppProcess('outbox-relay', env, Number(env.RELAY_PORT));
    appending = false;
    await writer;
    await waitFor(() => new Set(received.map((e) => e.eventId)).size >= appended.length).catch(async (e) => {
      const admin = new Kafka({ clientId: 'dbg', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      console.log(
        'DEBUG',
        received.length,
        appended.length,
        JSON.stringify(await admin.fetchTopicOffsets(topicNames(env.KAFKA_TOPIC_PREFIX).events)),
        JSON.stringify(
          await admin.fetchOffsets({ groupId: `${env.KAFKA_TOPIC_PREFIX}reader`, topics: [topicNames(env.KAFKA_TOPIC_PREFIX).events] }),
        ),
      );
      await admin.disconnect();
      throw e;
    });
    // GET /metrics: once its checkpoint is stored, the relay reports no outbox lag (no event after it; relayed = the head).
    const positions = async () => {
      const text = await (await fetch(`http://127.0.0.1:${env.RELAY_PORT}/metrics`)).text();
      const value = (name: string) => samplesOf(text, name, { app: 'outbox-relay' })[0]?.value;
      return {
        head: value('tm_event_store_head_position'),
        relayed: value('tm_outbox_relayed_position'),
        lag: value('tm_outbox_lag_events'),
      };
    };
    let metrics = await positions();
    for (const deadline = Date.now() + 10_000; metrics.lag !== 0 && Date.now() < deadline; metrics = await positions())
      await new Promise((r) => setTimeout(r, 100));
    expect(metrics).toEqual({ head: expect.any(Number), relayed: metrics.head, lag: 0 });
    expect(metrics.head).toBeGreaterThanOrEqual(appended.length);
    await killAppProcess(relay, 'SIGTERM');

    expect(seenAtKill).toBeLessThan(appended.length);
    const ids = new Set(received.map((e) => e.eventId));
    expect(appended.filter((id) => !ids.has(id))).toEqual([]);
    for (const stream of streams) {
      const firstSeen = [...new Map(received.filter((e) => e.streamId === stream).map((e) => [e.eventId, e.version])).values()];
      expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
      expect(new Set(firstSeen).size).toBe(versions.get(stream));
    }
  });
});
