import type { EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { PermanentMessageError } from './errors';
import type { ConsumedMessage } from './ports/messages';
import { ReliableConsumer, type ReliableConsumerOptions } from './reliable-consumer';

/** A ReliableConsumer on a fake kafkajs consumer; `deliver` hands it one fetched batch of `offsets`. */
function harness(options: Partial<ReliableConsumerOptions>) {
  let eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  const commits: string[] = [];
  const sent: { topic: string; offset: string; kind: string }[] = [];
  const crashListeners: ((event: { payload: { restart: boolean; error: Error } }) => void)[] = [];
  let connects = 0;
  const fakeConsumer = {
    events: { CRASH: 'consumer.crash' },
    on: (_event: string, listener: (typeof crashListeners)[number]) => void crashListeners.push(listener),
    connect: async () => void (connects += 1),
    subscribe: async () => undefined,
    run: async (config: { eachBatch: typeof eachBatch }) => void (eachBatch = config.eachBatch),
    commitOffsets: async (offsets: { offset: string }[]) => void commits.push(...offsets.map((o) => o.offset)),
    disconnect: async () => undefined,
  };
  const kafka = { consumer: () => fakeConsumer } as unknown as Kafka;
  const producer = {
    send: async ({ topic, messages }: { topic: string; messages: { headers: Record<string, string> }[] }) =>
      void sent.push(...messages.map((m) => ({ topic, offset: m.headers['dlt-original-offset']!, kind: m.headers['dlt-reason-kind']! }))),
  } as unknown as Producer;
  const logger = { warn: () => undefined, error: () => undefined } as unknown as Logger;
  const consumer = new ReliableConsumer(
    kafka,
    producer,
    { groupId: 'g', topics: ['t'], deadLetterTopicOf: () => 't.dlt', handle: async () => undefined, initialBackoffMs: 1, ...options },
    logger,
  );
  const resolved: string[] = [];
  const deliver = async (offsets: number[]) => {
    const messages = offsets.map(
      (o) => ({ offset: String(o), key: null, value: Buffer.from(String(o)), headers: {} }) as unknown as KafkaMessage,
    );
    await eachBatch!({
      batch: { topic: 't', partition: 0, messages },
      resolveOffset: (offset: string) => void resolved.push(offset),
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload);
  };
  const crash = (restart: boolean) =>
    crashListeners.at(-1)!({ payload: { restart, error: new Error('coordinator is not aware of this member') } });
  return { start: () => consumer.start(), stop: () => consumer.stop(), deliver, commits, sent, resolved, crash, connects: () => connects };
}

const offsetsOf = (messages: ConsumedMessage[]) => messages.map((m) => Number(m.message.offset));

describe('ReliableConsumer with handleBatch', () => {
  it('settles runs of at most batchSize messages together and commits the offset after the last', async () => {
    const runs: number[][] = [];
    const handle = jest.fn(async () => undefined);
    const h = harness({ batchSize: 3, handle, handleBatch: async (messages) => (runs.push(offsetsOf(messages)), messages.length) });
    await h.start();
    await h.deliver([10, 11, 12, 13, 14, 15, 16]);
    expect(runs).toEqual([[10, 11, 12], [13, 14, 15], [16]]);
    expect(handle).not.toHaveBeenCalled();
    expect(h.resolved).toEqual(['12', '15', '16']);
    expect(h.commits).toEqual(['17']);
  });

  it('handles the first unsettled message alone (dead-lettering a poison one), then batches the rest, in order', async () => {
    const order: string[] = [];
    const h = harness({
      batchSize: 10,
      handleBatch: async (messages) => {
        const offsets = offsetsOf(messages);
        const settled = offsets.includes(3) ? offsets.indexOf(3) : offsets.length; // settles up to the poison message
        order.push(...offsets.slice(0, settled).map((o) => `batch:${o}`));
        return settled;
      },
      handle: async ({ message }) => {
        order.push(`alone:${message.offset}`);
        throw new PermanentMessageError('bad', 'rejected');
      },
    });
    await h.start();
    await h.deliver([1, 2, 3, 4, 5]);
    expect(order).toEqual(['batch:1', 'batch:2', 'alone:3', 'batch:4', 'batch:5']);
    expect(h.sent).toEqual([{ topic: 't.dlt', offset: '3', kind: 'rejected' }]);
    expect(h.commits).toEqual(['6']);
  });

  it('falls back to one message at a time when the batch fails (e.g. its commit failed), retrying as usual', async () => {
    let batchCalls = 0;
    const alone: string[] = [];
    let failures = 1;
    const h = harness({
      handleBatch: async (messages) => {
        batchCalls += 1;
        if (batchCalls === 1) throw Object.assign(new Error('connection terminated'), { code: 'ECONNRESET' });
        return messages.length;
      },
      handle: async ({ message }) => {
        if (failures-- > 0) throw Object.assign(new Error('database restarting'), { code: '57P03' });
        alone.push(message.offset);
      },
    });
    await h.start();
    await h.deliver([7, 8, 9]);
    expect(alone).toEqual(['7']);
    expect(batchCalls).toBe(2);
    expect(h.commits).toEqual(['10']);
  });

  it('without handleBatch, handles every message alone as before', async () => {
    const alone: string[] = [];
    const h = harness({ handle: async ({ message }) => void alone.push(message.offset) });
    await h.start();
    await h.deliver([0, 1, 2]);
    expect(alone).toEqual(['0', '1', '2']);
    expect(h.commits).toEqual(['3']);
  });

  it('starts a new consumer after a crash kafkajs does not restart itself from, not after one it does', async () => {
    jest.useFakeTimers();
    try {
      const h = harness({});
      await h.start();
      h.crash(true);
      await jest.advanceTimersByTimeAsync(6_000);
      expect(h.connects()).toBe(1);
      h.crash(false);
      await jest.advanceTimersByTimeAsync(6_000);
      expect(h.connects()).toBe(2);
      await h.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
