import { createHook } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { freePort } from '@tm/local-stack';
import { loadEnvironment } from '@tm/platform';
import { KafkaConnection } from './kafka-connection';
import { createKafka, createProducer } from './messaging.module';

/**
 * Records the timers that code under `sources` starts (Jest's own timers run in this process too, so a plain count
 * of active timers is not the connection's); `pending()` lists those still due that would keep the process alive.
 */
function watchTimers(sources: RegExp) {
  const started: { timer: NodeJS.Timeout; stack: string }[] = [];
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      const stack = new Error().stack ?? '';
      if (type === 'Timeout' && sources.test(stack)) started.push({ timer: resource as NodeJS.Timeout, stack });
    },
  }).enable();
  return {
    stop: () => hook.disable(),
    pending: () =>
      started.filter(({ timer }) => !(timer as unknown as { _destroyed: boolean })._destroyed && timer.hasRef()).map((t) => t.stack),
  };
}

describe('KafkaConnection in the background, against a broker address nothing listens on', () => {
  afterEach(() => jest.restoreAllMocks());

  it('starts anyway, warns once per attempt with a capped backoff, says why it is not connected, and stops cleanly', async () => {
    const env = loadEnvironment({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:1/tm',
      KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
      KAFKA_CONNECT_TIMEOUT_MS: '1000',
    });
    const warnings: string[] = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    const kafka = createKafka(env);
    const timers = watchTimers(/node_modules\/kafkajs\/|libs\/messaging\/src\/kafka-connection\.ts|libs\/platform\/src\//);
    const connection = new KafkaConnection(kafka, createProducer(kafka), env, {
      startup: 'in-background',
      backoff: { initialMs: 20, maxMs: 80 },
    });

    await connection.onModuleInit();
    expect(connection.connected).toBe(false);
    expect(connection.status()).toMatchObject({ connected: false, problem: expect.stringMatching(/^attempt 1 failed: .*ECONNREFUSED/) });

    for (let waited = 0; warnings.length < 5 && waited < 10_000; waited += 10) await sleep(10);
    expect(warnings.slice(0, 5).map((w) => /\(attempt (\d+)\).*next attempt in (\d+) ms$/.exec(w)?.slice(1).map(Number))).toEqual([
      [1, 20],
      [2, 40],
      [3, 80],
      [4, 80],
      [5, 80],
    ]);

    await connection.onApplicationShutdown();
    const count = warnings.length;
    await sleep(200);
    expect(warnings).toHaveLength(count);
    expect(connection.status().connected).toBe(false);
    timers.stop();
    expect(timers.pending()).toEqual([]);
  });
});
