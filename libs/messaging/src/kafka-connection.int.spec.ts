import { freePort } from '@tm/local-stack';
import { loadEnvironment } from '@tm/platform';
import { uniqueTopicPrefix } from '@tm/testing';
import { KafkaConnection, type KafkaStartup } from './kafka-connection';
import { createKafka, createProducer } from './messaging.module';

/**
 * A cluster with its first seed broker down: kafkajs starts every client at the first seed, so an API (re)started while
 * broker 1 of 3 was down never connected (found by `npm run test:fault -- --brokers 3`). A dead address listed first
 * before the real broker reproduces it without a cluster.
 */
describe.each<KafkaStartup>(['in-background', 'before-start'])('KafkaConnection (%s) whose first seed broker is down', (startup) => {
  it('connects through the next seed broker', async () => {
    const env = loadEnvironment({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:1/tm',
      KAFKA_BROKERS: `127.0.0.1:${await freePort()},${process.env.KAFKA_BROKERS!}`,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
      KAFKA_CONNECT_TIMEOUT_MS: '1000',
    });
    const kafka = createKafka(env);
    const connection = new KafkaConnection(kafka, createProducer(kafka), env, { startup, backoff: { initialMs: 50, maxMs: 200 } });
    try {
      await connection.onModuleInit();
      for (let waited = 0; !connection.connected && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(connection.status()).toEqual({ connected: true });
    } finally {
      await connection.onApplicationShutdown();
    }
  }, 30_000);
});
