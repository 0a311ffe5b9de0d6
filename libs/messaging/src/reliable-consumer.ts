import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Backoff } from '@tm/platform';
import { MalformedMessageError } from './envelope';
import { publishDeadLetter, type DeadLetterReason } from './dead-letter';
import { isTransientFailure, PermanentMessageError } from './errors';
import type { ConsumedMessage } from './ports/messages';

/** Heartbeat interval of the group session (the session times out after 30 s without one). */
const HEARTBEAT_MS = 3_000;

/**
 * Runs `work` while sending the group a heartbeat every {@link HEARTBEAT_MS}: a long handler (a report with hundreds
 * of claims to screen) must not let the session time out, or the group takes the partition away mid-work and the
 * offset commit fails.
 */
async function keepAlive<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Where the consumer logs (Nest's `Logger`, or a pino logger outside Nest): a context object, then the message. */
export interface ConsumerLogger {
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

export interface ReliableConsumerOptions {
  groupId: string;
  topics: string[];
  /** Dead-letter topic for a source topic. */
  deadLetterTopicOf: (topic: string) => string;
  /** Handles one message; must be idempotent (it may be redelivered after a crash). */
  handle: (consumed: ConsumedMessage) => Promise<void>;
  /**
   * Optional: handles up to `batchSize` consecutive messages of one partition (in offset order) as one unit, e.g.
   * one database transaction, and resolves to how many of them, from the first, it settled for good (0…length).
   * The first message it did not settle is then handled alone by `handle` (retries, dead letter), and the messages
   * after it go to `handleBatch` again, so the partition's order holds. A rejection counts as none settled (logged).
   * Must be idempotent, like `handle`: offsets are committed only after it resolved.
   */
  handleBatch?: (messages: ConsumedMessage[]) => Promise<number>;
  /** Most messages per `handleBatch` call. Default 100. */
  batchSize?: number;
  /** Called after a message was dead-lettered, e.g. to record a command as rejected. */
  onDeadLettered?: (consumed: ConsumedMessage, reason: DeadLetterReason) => Promise<void>;
  /** Attempts for a failure that is neither transient nor permanent before it is dead-lettered. Default 5. */
  maxAttempts?: number;
  /** First retry delay in ms, doubled each attempt up to `maxBackoffMs`. Default 200. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  fromBeginning?: boolean;
}

/**
 * A Kafka consumer with manual offset handling: an offset is committed only after `handle` returned,
 * i.e. after the database transaction that handled the message committed.
 *
 * Failures: a malformed message or a {@link PermanentMessageError} goes to the dead-letter topic at once;
 * a transient failure (database or broker unavailable) is retried with backoff for as long as it lasts,
 * without committing; any other failure is retried `maxAttempts` times, then dead-lettered. A poison message
 * therefore never blocks its partition, and no message is skipped without a dead letter saying why.
 *
 * With `handleBatch`, runs of messages are settled together (see {@link ReliableConsumerOptions.handleBatch}); a
 * message the batch did not settle takes the single-message path above.
 */
export class ReliableConsumer {
  private consumer: Consumer;
  private stopping = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly options: ReliableConsumerOptions,
    private readonly logger: ConsumerLogger,
  ) {
    this.consumer = this.createConsumer();
  }

  private createConsumer(): Consumer {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: HEARTBEAT_MS,
    });
    // kafkajs restarts itself after a retriable failure; after any other it stops for good while the process lives
    // on (and its health checks still pass): start a new consumer instead, from the committed offsets.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping) return;
      this.logger.error({ err: payload.error, groupId: this.options.groupId }, 'consumer crashed; starting a new one in 5 s');
      setTimeout(() => void this.restart(), 5_000).unref();
    });
    return consumer;
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.consumer.disconnect().catch(() => undefined);
      this.consumer = this.createConsumer();
      await this.start();
    } catch (error) {
      this.logger.error({ err: error, groupId: this.options.groupId }, 'consumer restart failed; retrying in 5 s');
      setTimeout(() => void this.restart(), 5_000).unref();
    }
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (batch) => this.consumeBatch(batch),
    });
  }

  /** Stops fetching, lets the message in hand finish, commits what was handled, then leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
  }

  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    let handledUpTo: string | undefined;
    const settle = (message: KafkaMessage) => {
      resolveOffset(message.offset);
      handledUpTo = message.offset;
    };
    const consumed = (message: KafkaMessage): ConsumedMessage => ({ topic: batch.topic, partition: batch.partition, message });
    const owned = () => isRunning() && !isStale();
    const messages = batch.messages;
    try {
      for (let next = 0; next < messages.length && owned() && !this.stopping;) {
        const chunk = messages.slice(next, next + Math.max(1, this.options.batchSize ?? 100));
        const settled = this.options.handleBatch ? await keepAlive(heartbeat, () => this.handleRun(chunk.map(consumed))) : 0;
        if (settled > 0) {
          settle(chunk[settled - 1]!);
          next += settled;
          await heartbeat();
        }
        if (settled === chunk.length || !owned() || this.stopping) continue;
        const message = messages[next]!;
        const done = await this.handleWithRetries(consumed(message), heartbeat, owned);
        if (!done) break;
        settle(message);
        next += 1;
        await heartbeat();
      }
    } finally {
      if (handledUpTo !== undefined) {
        await this.consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: (BigInt(handledUpTo) + 1n).toString() },
        ]);
      }
    }
  }

  /** `handleBatch` on a run of messages: how many it settled, 0 when it failed (the first then goes alone). */
  private async handleRun(run: ConsumedMessage[]): Promise<number> {
    try {
      const settled = await this.options.handleBatch!(run);
      if (!Number.isInteger(settled) || settled < 0 || settled > run.length)
        throw new Error(`handleBatch settled ${settled} of ${run.length} messages`);
      return settled;
    } catch (error) {
      const first = run[0]!;
      this.logger.warn(
        { err: error, topic: first.topic, partition: first.partition, offset: first.message.offset, messages: run.length },
        'batch handling failed; handling its first message alone',
      );
      return 0;
    }
  }

  /** @returns false when the consumer stopped or lost the partition before the message was settled. */
  private async handleWithRetries(consumed: ConsumedMessage, heartbeat: () => Promise<void>, stillOwned: () => boolean): Promise<boolean> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    // Jittered, so that restarted consumers do not retry in step.
    const backoff = new Backoff(this.options.initialBackoffMs ?? 200, this.options.maxBackoffMs ?? 30_000, 1);
    for (let attempt = 1; ; attempt++) {
      try {
        await keepAlive(heartbeat, () => this.options.handle(consumed));
        return true;
      } catch (error) {
        const reason = this.classify(error, attempt, maxAttempts);
        if (reason) {
          await this.deadLetter(consumed, reason);
          return true;
        }
        this.logger.warn(
          { err: error, topic: consumed.topic, partition: consumed.partition, offset: consumed.message.offset, attempt },
          'message handling failed; retrying',
        );
      }
      if (this.stopping || !stillOwned()) return false;
      await sleep(backoff.next());
      await heartbeat().catch(() => undefined);
    }
  }

  /** The dead-letter reason, or undefined when the failure is worth another attempt. */
  private classify(error: unknown, attempt: number, maxAttempts: number): DeadLetterReason | undefined {
    if (error instanceof MalformedMessageError) return { kind: 'malformed', message: error.message };
    if (error instanceof PermanentMessageError) return { kind: error.kind, message: error.message };
    if (isTransientFailure(error)) return undefined;
    if (attempt >= maxAttempts)
      return { kind: 'exhausted-retries', message: `failed ${attempt} times: ${(error as Error)?.message ?? String(error)}` };
    return undefined;
  }

  private async deadLetter(consumed: ConsumedMessage, reason: DeadLetterReason): Promise<void> {
    const groupId = this.options.groupId;
    await publishDeadLetter(this.producer, this.options.deadLetterTopicOf(consumed.topic), { ...consumed, groupId }, reason);
    this.logger.warn(
      { groupId, topic: consumed.topic, partition: consumed.partition, offset: consumed.message.offset, reason },
      'message dead-lettered',
    );
    await this.options.onDeadLettered?.(consumed, reason);
  }
}
