import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import pino from 'pino';
import { uniqueTopicPrefix } from '@tm/testing';
import { envelopeHeaders, readEnvelopedMessage, type Envelope } from './envelope';
import { PermanentMessageError } from './errors';
import type { ConsumedMessage } from './ports/messages';
import { ReliableConsumer } from './reliable-consumer';
import { ensureTopics } from './topic-provisioner';
import { topicNames, topicSpecs } from './topics';
import { createProducer } from './messaging.module';

const silent = pino({ level: 'silent' });

function envelope(type: string): Envelope {
  return { id: randomUUID(), type, schemaVersion: 1, occurredAt: new Date().toISOString(), correlationId: randomUUID() };
}

async function waitFor<T>(read: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Kafka messaging on a real broker', () => {
  const prefix = uniqueTopicPrefix();
  const topics = topicNames(prefix);
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    kafka = new Kafka({ clientId: 'test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      topicSpecs({ KAFKA_TOPIC_PREFIX: prefix, KAFKA_COMMAND_PARTITIONS: 2, KAFKA_EVENT_PARTITIONS: 2, KAFKA_REPLICATION_FACTOR: 1 }),
    );
    // Idempotent: a second call changes nothing.
    await ensureTopics(
      admin,
      topicSpecs({ KAFKA_TOPIC_PREFIX: prefix, KAFKA_COMMAND_PARTITIONS: 2, KAFKA_EVENT_PARTITIONS: 2, KAFKA_REPLICATION_FACTOR: 1 }),
    );
    const metadata = await admin.fetchTopicMetadata({ topics: [topics.commands] });
    expect(metadata.topics[0].partitions).toHaveLength(2);
    await admin.disconnect();
    producer = createProducer(kafka);
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
  });

  it('sends an enveloped message through the broker and reads it back', async () => {
    const sent = envelope('SubmitReport');
    await producer.send({
      topic: topics.commands,
      acks: -1,
      messages: [{ key: 'report-1', value: JSON.stringify({ title: 'hello' }), headers: envelopeHeaders(sent) }],
    });
    const received: ConsumedMessage[] = [];
    const consumer = new ReliableConsumer(
      kafka,
      producer,
      {
        groupId: `${prefix}roundtrip`,
        topics: [topics.commands],
        deadLetterTopicOf: () => topics.commandsDeadLetter,
        handle: async (m) => void received.push(m),
      },
      silent,
    );
    await consumer.start();
    const message = await waitFor(() => received[0]);
    await consumer.stop();
    expect(readEnvelopedMessage(message.message)).toEqual({ envelope: sent, payload: { title: 'hello' } });
  });

  it('dead-letters a poison message with its reason and goes on with the next message of the partition', async () => {
    const good = envelope('SubmitReport');
    await producer.send({
      topic: topics.events,
      acks: -1,
      messages: [
        { key: 'same-key', value: 'not json', headers: { 'message-id': randomUUID() } },
        { key: 'same-key', value: JSON.stringify({ reject: true }), headers: envelopeHeaders(envelope('Reject')) },
        { key: 'same-key', value: JSON.stringify({ ok: true }), headers: envelopeHeaders(good) },
      ],
    });
    const handled: string[] = [];
    const deadLettered: string[] = [];
    const consumer = new ReliableConsumer(
      kafka,
      producer,
      {
        groupId: `${prefix}poison`,
        topics: [topics.events],
        deadLetterTopicOf: () => topics.eventsDeadLetter,
        handle: async ({ message }) => {
          const { envelope: received } = readEnvelopedMessage(message);
          if (received.type === 'Reject') throw new PermanentMessageError('rule broken: reject');
          handled.push(received.id);
        },
        onDeadLettered: async (_m, reason) => void deadLettered.push(reason.kind),
      },
      silent,
    );
    await consumer.start();
    await waitFor(() => (handled.length === 1 ? true : undefined));
    await consumer.stop();
    expect(handled).toEqual([good.id]);
    expect(deadLettered).toEqual(['malformed', 'rejected']);

    const letters: { reason: string; offset: string }[] = [];
    const reader = kafka.consumer({ groupId: `${prefix}dlt-reader` });
    await reader.connect();
    await reader.subscribe({ topic: topics.eventsDeadLetter, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) =>
        void letters.push({
          reason: message.headers!['dlt-reason']!.toString(),
          offset: message.headers!['dlt-original-offset']!.toString(),
        }),
    });
    await waitFor(() => (letters.length === 2 ? true : undefined));
    await reader.disconnect();
    expect(letters.map((l) => l.reason)).toEqual([expect.stringMatching(/value is not JSON|missing header/), 'rule broken: reject']);
  });

  it('names the consumer group in each dead letter, so the letters of two groups refusing one message are told apart', async () => {
    const poison = envelope('Reject');
    await producer.send({
      topic: topics.events,
      acks: -1,
      messages: [{ key: 'two-groups', value: JSON.stringify({ reject: true }), headers: envelopeHeaders(poison) }],
    });
    // As the projector and the screening app both read the events topic: each group refuses the message on its own.
    const groups = [`${prefix}projector`, `${prefix}screening`];
    const refused: string[] = [];
    const consumers = groups.map(
      (groupId) =>
        new ReliableConsumer(
          kafka,
          producer,
          {
            groupId,
            topics: [topics.events],
            deadLetterTopicOf: () => topics.eventsDeadLetter,
            handle: async ({ message }) => {
              if (readEnvelopedMessage(message).envelope.id === poison.id) throw new PermanentMessageError('rule broken: reject');
            },
            // The topic also holds the earlier test's malformed message, which each group dead-letters as well.
            onDeadLettered: async ({ message }) => {
              if (message.headers?.['message-id']?.toString() === poison.id) refused.push(groupId);
            },
          },
          silent,
        ),
    );
    for (const consumer of consumers) await consumer.start();
    await waitFor(() => (refused.length === 2 ? true : undefined), 60_000);
    for (const consumer of consumers) await consumer.stop();

    const letters: { group?: string; offset: string }[] = [];
    const reader = kafka.consumer({ groupId: `${prefix}dlt-group-reader` });
    await reader.connect();
    await reader.subscribe({ topic: topics.eventsDeadLetter, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        if (message.headers!['message-id']?.toString() !== poison.id) return;
        letters.push({ group: message.headers!['dlt-group']?.toString(), offset: message.headers!['dlt-original-offset']!.toString() });
      },
    });
    await waitFor(() => (letters.length === 2 ? true : undefined));
    await reader.disconnect();
    expect(letters.map((l) => l.group).sort()).toEqual(groups.sort());
    expect(letters[0]!.offset).toBe(letters[1]!.offset);
  });
});
