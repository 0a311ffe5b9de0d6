import type { IHeaders, Producer } from 'kafkajs';
import type { ConsumedMessage } from './ports/messages';

/** Why a message went to a dead-letter topic, as written in its `dlt-*` headers. */
export interface DeadLetterReason {
  /** Short machine-readable class, e.g. `malformed`, `rejected`, `exhausted-retries`. */
  kind: string;
  /** Human-readable reason naming the field or rule at fault. */
  message: string;
}

/** The message that failed, where it was read, and the consumer group that gave up on it. */
export interface DeadLetterSource extends ConsumedMessage {
  /** Kafka consumer group id: several groups read the events topic, and each may dead-letter the same message. */
  groupId: string;
}

/**
 * Copies a poison message, unchanged, to `deadLetterTopic` with headers saying where it came from and why:
 * `dlt-original-topic`, `dlt-original-partition`, `dlt-original-offset`, `dlt-group` (the consumer group that
 * dead-lettered it, so two dead letters of one message from two groups are told apart), `dlt-reason-kind`,
 * `dlt-reason`, `dlt-failed-at`. Awaited with `acks: -1`, so the caller only moves past the message once it is stored.
 */
export async function publishDeadLetter(
  producer: Producer,
  deadLetterTopic: string,
  source: DeadLetterSource,
  reason: DeadLetterReason,
): Promise<void> {
  const headers: IHeaders = {
    ...(source.message.headers ?? {}),
    'dlt-original-topic': source.topic,
    'dlt-original-partition': String(source.partition),
    'dlt-original-offset': source.message.offset,
    'dlt-group': source.groupId,
    'dlt-reason-kind': reason.kind,
    'dlt-reason': reason.message.slice(0, 4000),
    'dlt-failed-at': new Date().toISOString(),
  };
  await producer.send({
    topic: deadLetterTopic,
    acks: -1,
    messages: [{ key: source.message.key, value: source.message.value, headers }],
  });
}
