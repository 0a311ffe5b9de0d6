import type { ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '@tm/local-stack';
import { readEnvelopedMessage, topicNames } from '@tm/messaging';
import { createTestDatabase, killAppProcess, startAppProcess, TEST_ADMIN_KEY, useTestEnvironment, type TestDatabase } from '@tm/testing';

const PUBLISH_TIMEOUT_MS = 1_500;

const report = {
  source: { publisher: 'The Wall Street Journal', title: 'Belarus leader visits Beijing', publishedOn: '2023-03-01', sourceType: 'news' },
  sourceReliability: 'B',
  claims: [
    { kind: 'diplomatic-event', claimId: 'visit', eventType: 'visit', participants: [{ country: 'BY', role: 'visitor' }], credibility: 2 },
  ],
};

/** A TCP proxy on `port` to the test broker: the broker address the API was given becomes reachable once it runs. */
function startProxy(port: number, target: string): Promise<{ close(): Promise<void> }> {
  const [host, targetPort] = target.split(':');
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(targetPort), host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            sockets.forEach((s) => s.destroy());
            server.close(() => done());
          }),
      }),
    );
  });
}

describe('api started while the broker is unreachable (the app as a process, real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let api: ChildProcess | undefined;
  let proxy: { close(): Promise<void> } | undefined;
  let base: string;
  let brokerPort: number;

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json', ...init.headers },
    });
  const post = (key: string) => call('/v1/reports', { method: 'POST', body: JSON.stringify(report), headers: { 'idempotency-key': key } });

  beforeAll(async () => {
    database = await createTestDatabase();
    const environment = useTestEnvironment(database.url);
    const apiPort = await freePort();
    brokerPort = await freePort(); // nothing listens here until the test starts the proxy
    base = `http://127.0.0.1:${apiPort}`;
    env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: `127.0.0.1:${brokerPort}`,
      KAFKA_TOPIC_PREFIX: environment.KAFKA_TOPIC_PREFIX,
      KAFKA_COMMAND_PARTITIONS: '2',
      KAFKA_EVENT_PARTITIONS: '2',
      API_PORT: String(apiPort),
      COMMAND_PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS),
    };
  });
  afterAll(async () => {
    if (api) await killAppProcess(api);
    await proxy?.close();
    await database?.drop();
  });

  it('listens and serves reads, answers commands 503 with Retry-After, reports Kafka down, then connects by itself', async () => {
    api = await startAppProcess('api', env, Number(env.API_PORT), 60_000, 'live');

    expect((await call('/v1/reports')).status).toBe(200);

    const started = Date.now();
    const refused = await post('while-down');
    expect(Date.now() - started).toBeLessThan(PUBLISH_TIMEOUT_MS);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await refused.json()).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      message: expect.stringContaining('not published'),
      errors: [{ path: 'retry-after', rule: 'dependencyAvailable', message: expect.stringContaining('not published') }],
    });

    const notReady = await call('/health/ready');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      error: { kafka: { status: 'down', message: expect.stringContaining('not connected yet') } },
      info: { postgres: { status: 'up' } },
    });

    proxy = await startProxy(brokerPort, process.env.KAFKA_BROKERS!.split(',')[0]);
    // The same Idempotency-Key, honouring Retry-After, as a client would: the pinned command is published now.
    let accepted: Response | undefined;
    const deadline = Date.now() + 40_000;
    while (!accepted && Date.now() < deadline) {
      const response = await post('while-down');
      if (response.status === 202) accepted = response;
      else await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1_000));
    }
    expect(accepted?.status).toBe(202);
    const { commandId } = (await accepted!.json()) as { commandId: string };
    expect((await call('/health/ready')).status).toBe(200);
    expect(await (await call(`/v1/commands/${commandId}`)).json()).toMatchObject({ status: 'pending' });

    // On the topic the API provisioned, once.
    const consumer = new Kafka({ clientId: 'reader', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).consumer(
      { groupId: `${env.KAFKA_TOPIC_PREFIX}reader` },
    );
    const seen: string[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: topicNames(env.KAFKA_TOPIC_PREFIX).commands, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(readEnvelopedMessage(message).envelope.id) });
      const until = Date.now() + 20_000;
      while (!seen.includes(commandId) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await consumer.disconnect();
    }
    expect(seen).toEqual([commandId]);
  });

  it('shuts down cleanly on SIGTERM while it is still trying to connect', async () => {
    if (api) await killAppProcess(api);
    await proxy?.close();
    proxy = undefined;
    api = await startAppProcess('api', env, Number(env.API_PORT), 60_000, 'live');
    await new Promise((r) => setTimeout(r, 1_500)); // a few background attempts
    const started = Date.now();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      api!.once('exit', (code, signal) => resolve({ code, signal })),
    );
    api.kill('SIGTERM');
    // Nest re-raises the signal once every shutdown hook has finished; a crash (an unhandled rejection) exits with 1.
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(5_000);
    api = undefined;
  });
});
