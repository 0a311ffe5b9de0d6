import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { retryEverySeedOnce } from './kafka-seed-retry';

const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Readiness probes for the two dependencies every app has. */
@Injectable()
export class DependencyChecks {
  constructor(private readonly indicators: HealthIndicatorService) {}

  async postgres(pool: Pool) {
    const indicator = this.indicators.check('postgres');
    try {
      await withTimeout(pool.query('SELECT 1'), CHECK_TIMEOUT_MS, 'PostgreSQL');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  /**
   * Kafka is up when the app's own connection is established (`connection`, e.g. the messaging module's
   * `KafkaConnection`; down with its problem while it is still connecting) and a broker answers a metadata request
   * (`brokers`: the seed list the client was built with, each tried once).
   */
  async kafka(kafka: Kafka, brokers: readonly string[], connection?: { status(): { connected: boolean; problem?: string } }) {
    const indicator = this.indicators.check('kafka');
    const status = connection?.status();
    if (status && !status.connected) return indicator.down({ message: `not connected yet: ${status.problem ?? 'connecting'}` });
    const admin = kafka.admin({ retry: retryEverySeedOnce(brokers) });
    try {
      await withTimeout(
        admin.connect().then(() => admin.describeCluster()),
        CHECK_TIMEOUT_MS,
        'Kafka',
      );
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
