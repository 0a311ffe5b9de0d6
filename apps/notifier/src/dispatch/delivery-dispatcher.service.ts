import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { inTransaction } from '@tm/event-store';
import {
  ENVIRONMENT,
  LATENCY_BUCKETS_SECONDS,
  Metrics,
  PollingWorker,
  secondsSince,
  type Counter,
  type Environment,
  type Histogram,
} from '@tm/platform';
import { postWebhook, signWebhook } from '@tm/webhooks';
import { decideOutcome } from './attempt-outcome';
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from './deliveries.sql';

/** Lease beyond the send timeout, so a live send never loses its delivery to another notifier. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends due deliveries: claims them (`FOR UPDATE SKIP LOCKED` + lease, committed), signs each send with the
 * subscription's secrets, POSTs outside any transaction, and records the attempt and the delivery's new state.
 * Up to `WEBHOOK_CONCURRENCY` sends run at once; several notifiers may run side by side. On shutdown it claims
 * nothing more and lets the sends in flight finish and be recorded.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly owner = `${hostname()}:${process.pid}`;
  private readonly worker = new PollingWorker({ name: 'dispatch', round: () => this.dispatchDue(), logger: this.logger });

  private readonly outcomes?: Counter<'outcome'>;
  private readonly delivered?: Histogram;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    @Optional() metrics?: Metrics,
  ) {
    this.outcomes = metrics?.counter({
      name: 'tm_webhook_attempts_total',
      help: 'Webhook delivery attempts by outcome (succeeded, retry-scheduled, failed, gone, refused)',
      labelNames: ['outcome'],
    });
    this.delivered = metrics?.histogram({
      name: 'tm_webhook_delivered_seconds',
      help: "From the API accepting the report command (POST) behind an alert to a subscriber's 2xx for its webhook",
      buckets: LATENCY_BUCKETS_SECONDS,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
    await Promise.all(this.inFlight);
  }

  /** New deliveries were recorded (or a send finished): look for due work now. */
  wake(): void {
    this.worker.wake();
  }

  /** Claims as many due deliveries as there are free send slots and starts them. @returns the wait before the next round (ms). */
  private async dispatchDue(): Promise<number> {
    const free = this.env.WEBHOOK_CONCURRENCY - this.inFlight.size;
    const claimed =
      free > 0
        ? await claimDueDeliveries(this.pool, free, this.env.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS, `${this.owner}:${randomUUID()}`)
        : [];
    for (const delivery of claimed) this.track(this.deliver(delivery));
    return claimed.length === 0 || claimed.length === free ? this.env.WEBHOOK_POLL_INTERVAL_MS : 0;
  }

  private track(send: Promise<void>): void {
    const tracked = send
      .catch((error: unknown) => this.logger.error({ err: error }, `recording a delivery failed: ${(error as Error).message}`))
      .finally(() => {
        this.inFlight.delete(tracked);
        this.worker.wake();
      });
    this.inFlight.add(tracked);
  }

  /** One attempt: sign, POST, decide, record. A failure to record leaves the lease to expire (retried later). */
  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const attemptedAt = new Date();
    // The timestamp is the attempt's (spec: "webhook-timestamp"); the id is the message's, the same on every retry.
    const headers = signWebhook(delivery.secrets, delivery.messageId, attemptedAt, delivery.body);
    const result = await postWebhook(
      delivery.url,
      delivery.body,
      { ...headers },
      {
        timeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
        maxResponseBytes: this.env.WEBHOOK_RESPONSE_MAX_BYTES,
        allowedAddresses: this.env.WEBHOOK_ALLOWED_ADDRESSES,
      },
    );
    const outcome = decideOutcome(result, delivery.failures, {
      schedule: this.env.WEBHOOK_RETRY_SCHEDULE,
      jitter: this.env.WEBHOOK_RETRY_JITTER,
    });
    await inTransaction(this.pool, (client) =>
      recordAttempt(
        client,
        delivery,
        {
          attemptedAt,
          webhookTimestamp: Number(headers['webhook-timestamp']),
          statusCode: result.statusCode,
          latencyMs: result.latencyMs,
          error: result.error,
          responseExcerpt: result.responseExcerpt,
        },
        outcome,
      ),
    );
    this.outcomes?.inc({ outcome: outcome.kind });
    if (outcome.kind === 'succeeded') {
      const seconds = secondsSince(delivery.acceptedAt);
      if (seconds !== undefined) this.delivered?.observe(seconds);
    }
    const summary = `delivery ${delivery.deliveryId} (${delivery.messageId}) to subscription ${delivery.subscriptionId}: ${result.statusCode ?? result.error} in ${result.latencyMs} ms → ${outcome.kind}`;
    if (outcome.kind === 'succeeded' || outcome.kind === 'retry-scheduled') this.logger.log(summary);
    else this.logger.warn(`${summary}; subscription disabled: ${outcome.disableReason}`);
  }
}
