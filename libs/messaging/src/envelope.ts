import type { IHeaders, KafkaMessage } from 'kafkajs';

/**
 * Metadata every message carries in its Kafka headers (the body stays the bare payload, JSON).
 * Header names follow CloudEvents' binary mode in spirit: `message-id`, `message-type`, `schema-version`,
 * `occurred-at` (ISO 8601 UTC), `correlation-id`, `causation-id`, `actor`.
 */
export interface Envelope {
  /** Unique id of this message (a UUID); consumers deduplicate on it. */
  id: string;
  /** Past-tense event name or imperative command name, e.g. `ReportSubmitted`, `SubmitReport`. */
  type: string;
  /** Version of the payload's schema for `type`, starting at 1. */
  schemaVersion: number;
  occurredAt: string;
  correlationId: string;
  causationId?: string;
  /** Identity of the API key (or system component) that caused the message. */
  actor?: string;
}

export interface EnvelopedMessage<P = unknown> {
  envelope: Envelope;
  payload: P;
}

export class MalformedMessageError extends Error {}

export function envelopeHeaders(envelope: Envelope): IHeaders {
  const headers: IHeaders = {
    'message-id': envelope.id,
    'message-type': envelope.type,
    'schema-version': String(envelope.schemaVersion),
    'occurred-at': envelope.occurredAt,
    'correlation-id': envelope.correlationId,
  };
  if (envelope.causationId) headers['causation-id'] = envelope.causationId;
  if (envelope.actor) headers['actor'] = envelope.actor;
  return headers;
}

function header(message: Pick<KafkaMessage, 'headers'>, name: string): string | undefined {
  const raw = message.headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
}

/**
 * Reads the envelope and JSON payload of a consumed message.
 * @throws MalformedMessageError naming the missing header or the JSON problem; callers dead-letter it.
 */
export function readEnvelopedMessage<P = unknown>(message: Pick<KafkaMessage, 'headers' | 'value'>): EnvelopedMessage<P> {
  const required = (name: string) => {
    const value = header(message, name);
    if (!value) throw new MalformedMessageError(`missing header ${name}`);
    return value;
  };
  const schemaVersion = Number(required('schema-version'));
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1)
    throw new MalformedMessageError('header schema-version is not a positive integer');
  if (!message.value) throw new MalformedMessageError('empty message value');
  let payload: P;
  try {
    payload = JSON.parse(message.value.toString('utf8')) as P;
  } catch (error) {
    throw new MalformedMessageError(`value is not JSON: ${(error as Error).message}`);
  }
  return {
    envelope: {
      id: required('message-id'),
      type: required('message-type'),
      schemaVersion,
      occurredAt: required('occurred-at'),
      correlationId: header(message, 'correlation-id') ?? required('message-id'),
      causationId: header(message, 'causation-id'),
      actor: header(message, 'actor'),
    },
    payload,
  };
}
