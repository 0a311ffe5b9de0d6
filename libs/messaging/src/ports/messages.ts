import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/**
 * A message as a consumer reads it: key, value and headers as bytes (or strings), its offset in the partition. Apps
 * read it with `readEnvelopedMessage` / `readEventMessage` and never with the Kafka client's own types.
 */
export type InboundMessage = Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset' | 'timestamp'>;

/** Message headers: names to strings or bytes (the envelope's `message-*` headers). */
export type MessageHeaders = IHeaders;

/** A message to publish: key (the aggregate id: per-key order), value, headers. */
export type OutboundMessage = Pick<Message, 'key' | 'value' | 'headers'>;

/** A message read from `topic` / `partition`: what a {@link MessageHandler} is given. */
export interface ConsumedMessage {
  topic: string;
  partition: number;
  message: InboundMessage;
}
