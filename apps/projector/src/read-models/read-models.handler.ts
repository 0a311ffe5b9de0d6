import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import {
  MalformedMessageError,
  PermanentMessageError,
  readEventMessage,
  type ConsumedMessage,
  type EventMessage,
  type MessageHandler,
} from '@tm/messaging';
import { LATENCY_BUCKETS_SECONDS, Metrics, secondsSince, withCorrelation, type Histogram } from '@tm/platform';
import { ProjectionRuleError, projectLiveEvent, projectLiveEvents, READ_MODELS_PROJECTION } from '@tm/read-models';
import { REPORT_STREAM_TYPE } from '@tm/domain';

/**
 * Consumer group of the read-models projection, within a deployment's topic prefix: deployments (or test runs)
 * sharing a broker must not share a group, or Kafka would hand one deployment's partitions to the other's members.
 */
export const READ_MODELS_GROUP = 'projector.read-models';
export const readModelsGroup = (topicPrefix: string) => `${topicPrefix}${READ_MODELS_GROUP}`;

/**
 * Keeps the read-models projection (claim states, ledgers, timelines, report views, entity directory) from the
 * events topic. Runs of up to `PROJECTOR_BATCH_SIZE` events of a partition are applied in one transaction with their
 * stream versions (redelivery changes nothing); the offsets are committed after that transaction. An event the fold refuses goes to the events dead-letter topic
 * with the reason, never skipped silently.
 */
@Injectable()
export class ReadModelsHandler implements MessageHandler {
  private readonly visible?: Histogram;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Optional() metrics?: Metrics,
  ) {
    this.visible = metrics?.histogram({
      name: 'tm_report_visible_seconds',
      help: 'From the API accepting a report command (POST) to its event being visible in the read models',
      buckets: LATENCY_BUCKETS_SECONDS,
    });
  }

  /** Observes POST → visible for events just applied live (a rebuild observes nothing). */
  private observeVisible(events: Pick<EventMessage, 'metadata'>[]): void {
    const now = Date.now();
    for (const event of events) {
      const seconds = secondsSince(event.metadata.acceptedAt, now);
      if (seconds !== undefined) this.visible?.observe(seconds);
    }
  }

  /**
   * A run of consecutive messages of one partition in one transaction (see `projectLiveEvents`); events of streams
   * other than reports change no read model but move the position past them (so `minPosition` reaches them).
   * @returns how many messages, from the first, are settled: all of them, or up to the first malformed message or
   *   refused event, which then goes alone through `handle` (and on to the dead-letter topic).
   */
  async handleBatch(run: ConsumedMessage[]): Promise<number> {
    const events: EventMessage[] = [];
    for (const consumed of run) {
      try {
        events.push(readEventMessage(consumed.message));
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
        break;
      }
    }
    const applied = await projectLiveEvents(this.pool, events);
    this.observeVisible(events.slice(0, applied).filter((e) => e.streamType === REPORT_STREAM_TYPE));
    return applied;
  }

  async handle({ message }: ConsumedMessage): Promise<void> {
    const event = readEventMessage(message);
    await withCorrelation(event.metadata.correlationId ?? event.eventId, async () => {
      try {
        await projectLiveEvent(this.pool, event);
        if (event.streamType === REPORT_STREAM_TYPE) this.observeVisible([event]);
      } catch (error) {
        if (error instanceof ProjectionRuleError)
          throw new PermanentMessageError(
            `projection ${READ_MODELS_PROJECTION} refuses ${event.type} ${event.streamId}@${event.version}: ${error.message}`,
            'projection-refused',
          );
        throw error;
      }
    });
  }
}
