import type { Producer } from 'kafkajs';
import type { OutboundMessage } from './messages';

/** Injection token of the app's {@link MessagePublisher} (the shared idempotent producer behind it). */
export const MESSAGE_PUBLISHER = Symbol('MESSAGE_PUBLISHER');

/**
 * Publishes messages, all of them acknowledged by every in-sync replica (`acks: -1`) before the promise resolves,
 * in order per key. Rejects when the broker does not take them (the producer retries first); callers that must
 * answer in time bound the wait themselves.
 */
export interface MessagePublisher {
  publish(topic: string, messages: OutboundMessage[]): Promise<void>;
}

/** The {@link MessagePublisher} over a kafkajs producer. */
export function producerPublisher(producer: Producer): MessagePublisher {
  return {
    publish: async (topic, messages) => {
      await producer.send({ topic, acks: -1, messages });
    },
  };
}
