import type { KafkaMessage, Message } from 'kafkajs';
import { envelopeHeaders, MalformedMessageError, readEnvelopedMessage } from './envelope';

/**
 * A stored event as carried on the events topic (the event store's `StoredEvent`, minus nothing).
 * Key: the stream id. Headers: the envelope (`message-id` = event id, `message-type` = event type,
 * `schema-version`, `occurred-at` = recorded at, `correlation-id`, `causation-id`, `actor`) plus `stream-id`,
 * `stream-type`, `stream-version`, `global-position`, `transaction-id`, and when the metadata has them `command-id` and
 * `accepted-at` (when the API accepted the command behind the event). Value: the payload as JSON.
 */
export interface EventMessage<P = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamType: string;
  version: number;
  globalPosition: number;
  transactionId: string;
  recordedAt: Date;
  payload: P;
  metadata: {
    correlationId?: string;
    causationId?: string;
    actor?: string;
    commandId?: string;
    acceptedAt?: string;
    [key: string]: unknown;
  };
}

/** The Kafka message for a stored event. */
export function toEventMessage(event: EventMessage): Message {
  const { correlationId, causationId, actor } = event.metadata;
  return {
    key: event.streamId,
    value: JSON.stringify(event.payload),
    headers: {
      ...envelopeHeaders({
        id: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        occurredAt: event.recordedAt.toISOString(),
        correlationId: correlationId ?? event.eventId,
        causationId,
        actor,
      }),
      'stream-id': event.streamId,
      'stream-type': event.streamType,
      'stream-version': String(event.version),
      'global-position': String(event.globalPosition),
      'transaction-id': event.transactionId,
      ...(event.metadata.commandId ? { 'command-id': event.metadata.commandId } : {}),
      ...(typeof event.metadata.acceptedAt === 'string' ? { 'accepted-at': event.metadata.acceptedAt } : {}),
    },
  };
}

function header(message: Pick<KafkaMessage, 'headers'>, name: string): string {
  const raw = message.headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) throw new MalformedMessageError(`missing header ${name}`);
  return value.toString();
}

function integerHeader(message: Pick<KafkaMessage, 'headers'>, name: string): number {
  const value = Number(header(message, name));
  if (!Number.isSafeInteger(value) || value < 0) throw new MalformedMessageError(`header ${name} is not a non-negative integer`);
  return value;
}

/**
 * Reads an event from the events topic.
 * @throws MalformedMessageError naming the missing or malformed header (the consumer dead-letters it).
 */
export function readEventMessage<P = unknown>(message: Pick<KafkaMessage, 'headers' | 'value'>): EventMessage<P> {
  const { envelope, payload } = readEnvelopedMessage<P>(message);
  const commandId = message.headers?.['command-id']?.toString();
  const acceptedAt = message.headers?.['accepted-at']?.toString();
  return {
    eventId: envelope.id,
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    streamId: header(message, 'stream-id'),
    streamType: header(message, 'stream-type'),
    version: integerHeader(message, 'stream-version'),
    globalPosition: integerHeader(message, 'global-position'),
    transactionId: header(message, 'transaction-id'),
    recordedAt: new Date(envelope.occurredAt),
    payload,
    metadata: {
      correlationId: envelope.correlationId,
      causationId: envelope.causationId,
      actor: envelope.actor,
      ...(commandId ? { commandId } : {}),
      ...(acceptedAt ? { acceptedAt } : {}),
    },
  };
}
