import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { advisoryLocks, advisoryUnlock, PG_POOL, tryAdvisoryLock } from '@tm/database';
import {
  countEventsAfter,
  headPosition,
  loadCheckpoint,
  readAll,
  storeCheckpoint,
  type Checkpoint,
  type StoredEvent,
} from '@tm/event-store';
import { MESSAGE_PUBLISHER, TOPICS, toEventMessage, type MessagePublisher, type TopicNames } from '@tm/messaging';
import { ENVIRONMENT, Metrics, PollingWorker, type Environment } from '@tm/platform';

/** Checkpoint name of the relay in the `checkpoints` table. */
export const RELAY_READER = 'outbox-relay';
const STANDBY_RETRY_MS = 2_000;

/**
 * The transactional outbox relay: publishes every stored event to the events topic, in the store's global order
 * (`(transaction_id, global_position)`), keyed by stream id, at least once.
 *
 * One relay publishes at a time (a PostgreSQL advisory lock; standbys take over when its session ends). It reads a
 * batch after its checkpoint, sends it with `acks: -1`, and only then stores the new checkpoint: a crash in between
 * republishes the batch, never skips it. When idle it polls every `RELAY_POLL_INTERVAL_MS` (an indexed query).
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly worker = new PollingWorker({
    name: 'relay',
    round: async () => ((await this.leadAndRelay()) ? 0 : STANDBY_RETRY_MS),
    logger: this.logger,
  });
  private published = 0;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(MESSAGE_PUBLISHER) private readonly publisher: MessagePublisher,
    @Inject(TOPICS) private readonly topics: TopicNames,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    @Optional() metrics?: Metrics,
  ) {
    if (metrics) this.exposeLag(metrics);
  }

  /** Outbox lag, read when scraped: what is stored versus what the relays have published. */
  private exposeLag(metrics: Metrics): void {
    const pool = this.pool;
    metrics.gauge({
      name: 'tm_event_store_head_position',
      help: 'Highest global position in the event store',
      async collect() {
        this.set(await headPosition(pool));
      },
    });
    metrics.gauge({
      name: 'tm_outbox_relayed_position',
      help: 'Global position of the last event the outbox relay published to Kafka',
      async collect() {
        this.set((await loadCheckpoint(pool, RELAY_READER)).globalPosition);
      },
    });
    metrics.gauge({
      name: 'tm_outbox_lag_events',
      help: "Events stored but not yet published by the outbox relay (after its checkpoint in the store's global order; counted up to 1,000,000)",
      async collect() {
        this.set(await countEventsAfter(pool, await loadCheckpoint(pool, RELAY_READER)));
      },
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  /** Finishes the batch in hand (published and checkpointed), then releases the leadership. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /** Events published since start-up. */
  get publishedCount(): number {
    return this.published;
  }

  /** @returns false when another relay holds the leadership. */
  private async leadAndRelay(): Promise<boolean> {
    const session = await this.pool.connect();
    let broken: Error | undefined;
    session.on('error', (error) => (broken = error));
    try {
      if (!(await tryAdvisoryLock(session, advisoryLocks.outboxRelayLeader))) return false;
      this.logger.log('leading: publishing events');
      let checkpoint = await loadCheckpoint(session, RELAY_READER);
      while (!this.worker.stopping) {
        if (broken) throw broken;
        const batch = await readAll(this.pool, checkpoint, this.env.RELAY_BATCH_SIZE);
        if (batch.length === 0) {
          await this.worker.sleep(this.env.RELAY_POLL_INTERVAL_MS);
          continue;
        }
        checkpoint = await this.publish(session, batch);
      }
      await advisoryUnlock(session, advisoryLocks.outboxRelayLeader);
      return true;
    } catch (error) {
      broken ??= error as Error;
      throw error;
    } finally {
      // A session that failed is destroyed, which also releases its advisory lock.
      session.release(broken);
    }
  }

  private async publish(session: PoolClient, batch: StoredEvent[]): Promise<Checkpoint> {
    await this.publisher.publish(this.topics.events, batch.map(toEventMessage));
    const last = batch[batch.length - 1];
    const checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    await storeCheckpoint(session, RELAY_READER, checkpoint);
    this.published += batch.length;
    return checkpoint;
  }
}
