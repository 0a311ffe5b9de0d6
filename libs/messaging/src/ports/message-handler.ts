import type { DeadLetterReason } from '../dead-letter';
import type { ConsumedMessage } from './messages';

/**
 * What an app supplies to consume a topic ({@link KafkaConsumerModule.register}); the consumer owns offsets,
 * retries and dead letters (see `ReliableConsumer`).
 */
export interface MessageHandler {
  /**
   * Handles one message; must be idempotent (a message may be redelivered after a crash). Throw
   * `PermanentMessageError` (or `MalformedMessageError`) to dead-letter it at once; a transient failure is retried
   * for as long as it lasts, any other failure a few times and then dead-lettered.
   */
  handle(consumed: ConsumedMessage): Promise<void>;
  /**
   * Optional: settles a run of consecutive messages of one partition as one unit (e.g. one transaction).
   * @returns how many, from the first, it settled; the first it did not settle then goes alone through `handle`.
   */
  handleBatch?(messages: ConsumedMessage[]): Promise<number>;
  /** Optional: called after a message was dead-lettered (e.g. to record a command as rejected). */
  onDeadLettered?(consumed: ConsumedMessage, reason: DeadLetterReason): Promise<void>;
}
